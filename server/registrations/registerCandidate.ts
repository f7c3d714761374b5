import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { formatRegistrationNumber } from '../../domain/registrationNumber'
import { registrationNextStep } from '../../domain/registrationNextStep'
import type { RegistrationState } from '../../domain/registrationStates'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { batch, candidateProfile, registration, registrationEvent, userAccount } from '../db/schema'
import { batchLabel } from './batchLabel'
import { ConflictError, isUniqueViolation, NotFoundError, UseCaseError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail } from '../mail/sendMail'
import { NotEligibleError, ProfileIncompleteError } from './errors'
import { parseInput } from '../validation'
import { viaKioskData } from './transitionRegistration'
import { completeRegistrationIfAssessed } from '../assessments/completeRegistrationIfAssessed'
import { publicLink } from '../links'
import {
  activeElsewhereMessage,
  checkCandidate,
  findActiveRegistration,
  loadBatch,
  registrationPeriod,
  type BatchWithProgramme,
} from './registrationChecks'

const Input = z.object({
  candidateId: z.uuid('Calon peserta tidak dikenal.'),
  batchId: z.uuid('Gelombang pelatihan tidak dikenal.'),
})

export type Registration = typeof registration.$inferSelect

const ACTIVE_INDEX = 'registration_one_active_per_candidate'

/**
 * SOP step 4: a candidate (or a kiosk officer for them) registers for a batch.
 * Repeating the request (double click, retry, two tabs, two concurrent requests) gives
 * back the same registration with `created: false`; the partial unique index decides.
 */
export async function registerCandidate(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<{ registration: Registration; created: boolean }> {
  const { candidateId, batchId } = parseInput(Input, input, { field: 'batchId' })
  authorize(ctx.actor, 'registration.create', { candidateId })

  const b = await loadBatch(ctx.db, batchId)
  if (!b) throw new NotFoundError('Gelombang pelatihan tidak ditemukan.')

  // A repeat of a request that already succeeded returns its result, even if the
  // registration period has closed since.
  const active = await findActiveRegistration(ctx.db, candidateId)
  if (active) {
    if (active.registration.batchId === batchId) return { registration: active.registration, created: false }
    throw new ConflictError(activeElsewhereMessage(active))
  }

  const period = registrationPeriod(b, ctx.now)
  if (period.problem) throw new UseCaseError(period.problem, 409)
  const checks = await checkCandidate(ctx.db, candidateId, b)
  if (!checks.profile.complete) throw new ProfileIncompleteError(checks.profile.missing)
  if (!checks.eligibility.ok) throw new NotEligibleError(checks.eligibility.reasons)

  try {
    const created = await ctx.db.transaction((tx) => insertRegistration(tx, ctx, candidateId, b))
    return { registration: created, created: true }
  } catch (error) {
    if (!isUniqueViolation(error, ACTIVE_INDEX)) throw error
    // A concurrent request won the race; the transaction above rolled back (its
    // sequence number included), so answer with what the winner created.
    const winner = await findActiveRegistration(ctx.db, candidateId)
    if (winner?.registration.batchId === batchId) return { registration: winner.registration, created: false }
    if (winner) throw new ConflictError(activeElsewhereMessage(winner))
    throw error
  }
}

async function insertRegistration(tx: Tx, ctx: UseCaseContext, candidateId: string, b: BatchWithProgramme) {
  const [taken] = await tx
    .update(batch)
    .set({ nextSequence: sql`${batch.nextSequence} + 1` })
    .where(eq(batch.id, b.batch.id))
    .returning({ sequence: sql<number>`${batch.nextSequence} - 1` })
  if (!taken) throw new NotFoundError('Gelombang pelatihan tidak ditemukan.')
  const number = formatRegistrationNumber({
    institutionCode: b.institution.code,
    programmeCode: b.programme.code,
    year: b.batch.year,
    batchNumber: b.batch.number,
    sequence: Number(taken.sequence),
  })
  const createdBy = actorId(ctx.actor)
  if (!createdBy) throw new UseCaseError('Pendaftaran harus dilakukan oleh calon peserta atau petugas kios.', 403)

  const [row] = await tx
    .insert(registration)
    .values({
      number,
      candidateId,
      batchId: b.batch.id,
      institutionId: b.institution.id,
      state: 'registered',
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy,
    })
    .returning()
  const created = row!
  await tx.insert(registrationEvent).values({
    registrationId: created.id,
    at: ctx.now,
    kind: 'registered',
    fromState: null,
    toState: 'registered',
    actorId: createdBy,
    data: { number, ...viaKioskData(ctx.actor) },
  })
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: 'registration.create',
    entityType: 'registration',
    entityId: created.id,
    institutionId: b.institution.id,
    after: { number, batchId: b.batch.id, candidateId, state: created.state },
  })
  // Results still valid under the six-month rule are reused: such a registration is
  // complete (SOP step 6) the moment it is made.
  const assessed = await completeRegistrationIfAssessed(tx, ctx, created.id)
  const state: RegistrationState = assessed ? 'assessed' : 'registered'

  const [candidate] = await tx
    .select({ email: userAccount.email, fullName: candidateProfile.fullName, displayName: userAccount.displayName })
    .from(userAccount)
    .leftJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
    .where(eq(userAccount.id, candidateId))
  if (candidate) {
    const next = registrationNextStep(state, b.batch, ctx.now, b.institution.timeZone)
    await enqueueMail(
      tx,
      renderMail({
        to: candidate.email,
        subject: `Pendaftaran diterima: ${number}`,
        greeting: `Halo ${candidate.fullName ?? candidate.displayName},`,
        paragraphs: [
          `Pendaftaran Anda untuk program ${b.programme.name}, ${batchLabel(b.batch)}, di ${b.institution.name} sudah kami terima.`,
          `Nomor pendaftaran Anda: ${number}.`,
          `Langkah berikutnya: ${next.id}`,
          'Tanda pendaftaran dapat diunduh di menu Aktivitas. Simpan tanda pendaftaran itu sebagai salah satu dokumen seleksi. Hasil setiap tahap seleksi juga tampil di menu Aktivitas.',
        ],
        action: { label: 'Buka Aktivitas', url: publicLink(`/aktivitas/${created.id}`) },
      }),
      ctx.now,
      { institutionId: b.institution.id, registrationId: created.id, batchId: b.batch.id },
    )
  }
  return { ...created, state }
}
