import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { registration, reRegistration, reRegistrationDocumentCheck, RE_REGISTRATION_DOCUMENTS } from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { parseInput } from '../validation'
import { loadRegistrationContext, parseRegistrationId } from './access'

const Input = z.discriminatedUnion(
  'status',
  [
    z.object({ document: z.enum(RE_REGISTRATION_DOCUMENTS, { error: 'Dokumen tidak dikenal.' }), status: z.literal('valid') }),
    z.object({
      document: z.enum(RE_REGISTRATION_DOCUMENTS, { error: 'Dokumen tidak dikenal.' }),
      status: z.literal('invalid'),
      reason: z
        .string({ error: 'Tuliskan mengapa dokumen ini tidak sah.' })
        .transform((v) => v.replaceAll('\u0000', '').trim())
        .refine((v) => v.length >= 3, 'Tuliskan mengapa dokumen ini tidak sah (minimal 3 karakter).')
        .refine((v) => v.length <= 500, 'Alasan paling panjang 500 karakter.'),
    }),
  ],
  { error: 'Pilih «Sah» atau «Tidak sah».' },
)

/**
 * The kiosk officer's check of one document at the desk (SOP step 10, 2024 SOP's
 * document check): valid, or invalid with a reason. Done inside the officer's assisted
 * session for that candidate (the kiosk's model: one candidate at a time, every write
 * naming both). When all three are valid the registration moves to re_registered, in
 * the same transaction; checking again after that changes nothing.
 */
export async function checkDocument(
  ctx: UseCaseContext,
  input: { registrationId: unknown; document?: unknown; status?: unknown; reason?: unknown },
): Promise<{ completed: boolean; documents: Record<string, string> }> {
  const id = parseRegistrationId(input.registrationId)
  const reg = await loadRegistrationContext(ctx.db, id)
  if (!reg) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  authorize(ctx.actor, 'reRegistration.checkDocuments', { institutionId: reg.institutionId })
  if (ctx.actor.kind !== 'staff' || ctx.actor.assisted?.candidateId !== reg.candidateId) {
    throw new ConflictError('Mulai sesi bantuan untuk calon peserta ini terlebih dahulu (Kios → Daftar ulang).')
  }
  const parsed = parseInput(Input, { document: input.document, status: input.status, reason: input.reason })
  const officer = ctx.actor

  return ctx.db.transaction(async (tx) => {
    const [rr] = await tx.select().from(reRegistration).where(eq(reRegistration.registrationId, reg.id)).for('update')
    if (!rr) throw new ConflictError('Daftar ulang hanya untuk calon peserta yang lulus seleksi.')
    const checks = await tx.select().from(reRegistrationDocumentCheck).where(eq(reRegistrationDocumentCheck.registrationId, reg.id))
    const statuses = Object.fromEntries(checks.map((c) => [c.document, c.status])) as Record<string, string>
    if (rr.completedAt) return { completed: true, documents: statuses }
    const [current] = await tx.select({ state: registration.state }).from(registration).where(eq(registration.id, reg.id))
    if (current?.state !== 'passed') throw new ConflictError('Tempat ini tidak lagi dipegang calon peserta ini (gugur atau menolak).')
    if (rr.deadline.getTime() <= ctx.now.getTime()) {
      throw new ConflictError(`Batas daftar ulang (${formatZonedDateTime(rr.deadline, reg.timeZone)}) sudah lewat.`)
    }
    if (!rr.confirmedAt) {
      throw new ConflictError('Calon peserta belum mengonfirmasi kesediaan daftar ulang. Konfirmasi dulu di halaman daftar ulangnya (dalam sesi bantuan ini).')
    }
    const reason = parsed.status === 'invalid' ? parsed.reason : null
    const before = checks.find((c) => c.document === parsed.document)
    await tx
      .insert(reRegistrationDocumentCheck)
      .values({ registrationId: reg.id, document: parsed.document, status: parsed.status, reason, checkedAt: ctx.now, checkedBy: actorId(officer) })
      .onConflictDoUpdate({
        target: [reRegistrationDocumentCheck.registrationId, reRegistrationDocumentCheck.document],
        set: { status: parsed.status, reason, checkedAt: ctx.now, checkedBy: actorId(officer) },
      })
    await recordAudit(tx, officer, ctx.now, {
      action: 'reRegistration.checkDocument',
      entityType: 'registration',
      entityId: reg.id,
      institutionId: reg.institutionId,
      before: before ? { document: before.document, status: before.status, reason: before.reason } : null,
      after: { document: parsed.document, status: parsed.status, reason },
    })
    statuses[parsed.document] = parsed.status
    const allValid = RE_REGISTRATION_DOCUMENTS.every((d) => statuses[d] === 'valid')
    if (!allValid) return { completed: false, documents: statuses }
    await tx
      .update(reRegistration)
      .set({ completedAt: ctx.now })
      .where(and(eq(reRegistration.registrationId, reg.id)))
    await transitionRegistration(tx, ctx, {
      registrationId: reg.id,
      action: 're_register',
      data: { documents: RE_REGISTRATION_DOCUMENTS.join(','), checkedBy: officer.displayName },
    })
    return { completed: true, documents: statuses }
  })
}
