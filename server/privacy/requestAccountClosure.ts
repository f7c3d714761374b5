import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { accountClosureRequest, candidateProfile, privacyConsent, userAccount } from '../db/schema'
import { isUniqueViolation, NotFoundError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail } from '../mail/sendMail'
import { parseInput } from '../validation'
import { CLOSURE_COMPLETION_DAYS, CONSENT_VALUE } from './notice'

// eslint-disable-next-line no-control-regex -- the point is to refuse them
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export const ClosureRequestInput = z.object({
  candidateId: z.uuid('Calon peserta tidak dikenal.'),
  reason: z
    .string({ error: 'Tuliskan alasan Anda menutup akun.' })
    .trim()
    .min(3, 'Tuliskan alasan Anda menutup akun (paling sedikit 3 karakter).')
    .max(500, 'Alasan paling banyak 500 karakter.')
    .refine((v) => !CONTROL.test(v), 'Alasan berisi karakter yang tidak diizinkan.'),
  confirm: z.literal(CONSENT_VALUE, { error: 'Centang bahwa Anda memahami akibat penutupan akun.' }),
})

export type ClosureRequestView = typeof accountClosureRequest.$inferSelect

/**
 * The candidate (or the kiosk officer assisting them) asks for the account to be closed
 * (decision 023). One open request per account: a repeated submit answers with the open
 * one (`created: false`). The candidate is told by mail what happens next.
 */
export async function requestAccountClosure(
  ctx: UseCaseContext,
  /** Form values as typed: parsed here, so a missing confirmation is a message at its field. */
  input: { candidateId: string; reason?: unknown; confirm?: unknown },
): Promise<{ request: ClosureRequestView; created: boolean }> {
  const { candidateId, reason } = parseInput(ClosureRequestInput, input)
  authorize(ctx.actor, 'account.requestClosure', { candidateId })

  const open = async () =>
    (
      await ctx.db
        .select()
        .from(accountClosureRequest)
        .where(and(eq(accountClosureRequest.userId, candidateId), eq(accountClosureRequest.status, 'requested')))
    )[0]
  const existing = await open()
  if (existing) return { request: existing, created: false }

  try {
    const request = await ctx.db.transaction(async (tx) => {
      const [person] = await tx
        .select({ email: userAccount.email, name: candidateProfile.fullName, displayName: userAccount.displayName })
        .from(userAccount)
        .leftJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
        .where(and(eq(userAccount.id, candidateId), eq(userAccount.kind, 'candidate')))
      if (!person) throw new NotFoundError('Akun tidak ditemukan.')
      const [row] = await tx
        .insert(accountClosureRequest)
        .values({ userId: candidateId, reason, requestedAt: ctx.now, requestedBy: actorId(ctx.actor) ?? candidateId })
        .returning()
      await enqueueMail(
        tx,
        renderMail({
          to: person.email,
          subject: 'Permintaan penutupan akun Latih diterima',
          greeting: `Halo ${person.name ?? person.displayName},`,
          paragraphs: [
            `Kami menerima permintaan Anda untuk menutup akun Latih. Administrator BPVP Kendari akan menyelesaikannya dalam ${CLOSURE_COMPLETION_DAYS} hari.`,
            'Setelah ditutup, nama, e-mail, nomor HP, alamat, NIK, dan dokumen Anda dihapus dan Anda tidak dapat masuk lagi. Pendaftaran yang masih berjalan dibatalkan. Catatan seleksi yang sudah sampai rapat pleno tetap disimpan sesuai Pemberitahuan Privasi.',
            'Sebelum itu Anda masih dapat mengunduh semua data Anda di Profil → Data saya. Jika Anda tidak meminta ini, segera hubungi BPVP Kendari.',
          ],
        }),
        ctx.now,
      )
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'account.requestClosure',
        entityType: 'user_account',
        entityId: candidateId,
        onBehalfOfId: candidateId,
        after: { requestId: row!.id, reason },
      })
      return row!
    })
    return { request, created: true }
  } catch (error) {
    // Two submits at once: the unique index on the open request decided; answer with the winner.
    if (!isUniqueViolation(error)) throw error
    const winner = await open()
    if (!winner) throw error
    return { request: winner, created: false }
  }
}

/** The candidate's consents and closure requests, for the "Data saya" page. */
export async function getMyPrivacyStatus(ctx: UseCaseContext, input: { candidateId: string }) {
  const { candidateId } = parseInput(z.object({ candidateId: z.uuid() }), input, { field: 'candidateId' })
  authorize(ctx.actor, 'account.requestClosure', { candidateId })
  const [consents, requests] = await Promise.all([
    ctx.db.select().from(privacyConsent).where(eq(privacyConsent.userId, candidateId)).orderBy(privacyConsent.consentedAt),
    ctx.db.select().from(accountClosureRequest).where(eq(accountClosureRequest.userId, candidateId)).orderBy(accountClosureRequest.requestedAt),
  ])
  return {
    consents: consents.map((c) => ({ noticeVersion: c.noticeVersion, consentedAt: c.consentedAt, channel: c.channel })),
    openRequest: requests.find((r) => r.status === 'requested') ?? null,
  }
}
