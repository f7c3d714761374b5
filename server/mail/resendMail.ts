import { and, eq, ne, sql } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { job, mailDelivery, registration, userAccount } from '../db/schema'
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from '../errors'
import { payloadCleared } from '../jobs/queue'
import { maskEmail } from '../kiosk/maskEmail'
import { parseInput } from '../validation'
import { enqueueFinishedMail, MAIL_MAX_ATTEMPTS, sendMailJob } from './sendMail'
import type { MailMessage } from './transport'

// Resend a mail that failed for good, to the candidate's address as corrected by the
// committee or an administrator (the candidate told them the right one at the desk or
// by phone). The correction changes the account's e-mail (the address they sign in
// with), marks it unverified, and is audited; the resend is the stored message, once:
// the unique index on resend_of decides between two submits.

const Input = z.object({
  deliveryId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  email: z.string().max(1000),
})

const EmailSchema = z.email()

export async function resendMail(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ deliveryId: number; emailChanged: boolean }> {
  const value = parseInput(Input, input)
  const email = value.email.trim().toLowerCase()
  if (email === '') throw new ValidationError({ email: ['Isi alamat e-mail yang benar.'] })
  if (email.length > 254 || !EmailSchema.safeParse(email).success) {
    throw new ValidationError({ email: ['Alamat e-mail tidak valid. Contoh: nama@gmail.com.'] })
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [found] = await tx
        .select({ delivery: mailDelivery, institutionId: registration.institutionId, candidateId: registration.candidateId })
        .from(mailDelivery)
        .innerJoin(registration, eq(registration.id, mailDelivery.registrationId))
        .where(eq(mailDelivery.id, value.deliveryId))
        .for('update', { of: mailDelivery })
      if (!found) throw new NotFoundError('Surat tidak ditemukan.')
      authorize(ctx.actor, 'mail.resend', { institutionId: found.institutionId })
      const d = found.delivery
      if (d.status !== 'failed') throw new ConflictError('Surat ini tidak gagal terkirim; tidak perlu dikirim ulang.')
      const [again] = await tx.select({ id: mailDelivery.id }).from(mailDelivery).where(eq(mailDelivery.resendOf, d.id))
      if (again) throw new ConflictError('Surat ini sudah dikirim ulang.')

      const [account] = await tx
        .select({ id: userAccount.id, email: userAccount.email })
        .from(userAccount)
        .where(eq(userAccount.id, found.candidateId))
        .for('update')
      if (!account) throw new NotFoundError('Akun calon tidak ditemukan.')
      const permanent = d.attempts < MAIL_MAX_ATTEMPTS
      if (email === d.recipient.trim().toLowerCase() && permanent) {
        throw new ValidationError({
          email: ['Server penerima menolak alamat ini secara permanen. Tanyakan alamat yang benar kepada calon, lalu perbaiki di sini.'],
        })
      }

      const [stored] = await tx.select({ payload: job.payload }).from(job).where(eq(job.id, d.jobId ?? -1))
      const parsed = stored && !payloadCleared(stored.payload) ? sendMailJob.payload.safeParse(stored.payload) : undefined
      if (!parsed?.success) {
        throw new ConflictError(
          'Isi surat ini sudah tidak disimpan (7 hari setelah gagal). Hasilnya tetap ada di Aktivitas calon; sampaikan lewat telepon atau di meja pendaftaran.',
        )
      }
      const { category: _c, deliveryId: _d, ...message } = parsed.data

      const emailChanged = email !== account.email.trim().toLowerCase()
      if (emailChanged) {
        const [taken] = await tx
          .select({ id: userAccount.id })
          .from(userAccount)
          .where(and(sql`lower(${userAccount.email}) = ${email}`, ne(userAccount.id, account.id)))
        if (taken) throw new ValidationError({ email: ['Alamat e-mail ini sudah dipakai akun lain.'] })
        await tx.update(userAccount).set({ email, emailVerifiedAt: null }).where(eq(userAccount.id, account.id))
        await recordAudit(tx, ctx.actor, ctx.now, {
          action: 'account.email.correct',
          entityType: 'user_account',
          entityId: account.id,
          institutionId: found.institutionId,
          before: { emailMasked: maskEmail(account.email) },
          after: { emailMasked: maskEmail(email), because: `mail_delivery ${d.id}` },
        })
      }

      const resent: MailMessage = { ...message, to: email }
      // Transactional now, whatever it was: one person's mail, not part of a batch's bulk.
      const deliveryId = await enqueueFinishedMail(tx, resent, ctx.now, {
        category: 'transactional',
        institutionId: found.institutionId,
        registrationId: d.registrationId ?? undefined,
        batchId: d.batchId ?? undefined,
        resendOf: d.id,
      })
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'mail.resend',
        entityType: 'mail_delivery',
        entityId: String(d.id),
        institutionId: found.institutionId,
        before: { recipientMasked: maskEmail(d.recipient), relayResponse: d.relayResponse },
        after: { deliveryId, recipientMasked: maskEmail(email), subject: d.subject },
      })
      return { deliveryId, emailChanged }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('Surat ini sudah dikirim ulang, atau alamat e-mail itu baru saja dipakai akun lain. Muat ulang halaman.')
    }
    throw error
  }
}
