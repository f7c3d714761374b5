import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { formatRegistrationNumber, registrationNumberPrefix, SEQUENCE_DIGITS } from '../../domain/registrationNumber'
import { registrationNextStep } from '../../domain/registrationNextStep'
import type { RegistrationState } from '../../domain/registrationStates'
import { actorId } from '../auth/actor'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { queryRows, type Tx } from '../db/client'
import { candidateProfile, registration, registrationEvent, userAccount } from '../db/schema'
import { batchLabel } from './batchLabel'
import { ConflictError, isUniqueViolation, NotFoundError, UseCaseError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail, institutionContact } from '../mail/sendMail'
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

  // The reads run side by side (separate pool connections on PostgreSQL); their
  // answers are judged in the order the SOP gives them.
  const [active, checks, candidate] = await Promise.all([
    findActiveRegistration(ctx.db, candidateId),
    checkCandidate(ctx.db, candidateId, b, ctx.now),
    ctx.db
      .select({ email: userAccount.email, fullName: candidateProfile.fullName, displayName: userAccount.displayName })
      .from(userAccount)
      .leftJoin(candidateProfile, eq(candidateProfile.userId, userAccount.id))
      .where(eq(userAccount.id, candidateId))
      .then((rows) => rows[0] ?? null),
  ])
  // A repeat of a request that already succeeded returns its result, even if the
  // registration period has closed since.
  if (active) {
    if (active.registration.batchId === batchId) return { registration: active.registration, created: false }
    throw new ConflictError(activeElsewhereMessage(active))
  }

  const period = registrationPeriod(b, ctx.now)
  if (period.problem) throw new UseCaseError(period.problem, 409)
  if (!checks.profile.complete) throw new ProfileIncompleteError(checks.profile.missing)
  if (!checks.eligibility.ok) throw new NotEligibleError(checks.eligibility.reasons)

  try {
    const created = await ctx.db.transaction((tx) => insertRegistration(tx, ctx, candidateId, b, candidate))
    return { registration: created, created: true }
  } catch (error) {
    if (!isUniqueViolation(error, ACTIVE_INDEX)) throw error
    // A concurrent request won the race; the transaction above rolled back before it
    // took a number, so answer with what the winner created.
    const winner = await findActiveRegistration(ctx.db, candidateId)
    if (winner?.registration.batchId === batchId) return { registration: winner.registration, created: false }
    if (winner) throw new ConflictError(activeElsewhereMessage(winner))
    throw error
  }
}

type Recipient = { email: string; fullName: string | null; displayName: string } | null

/**
 * The batch row is the number counter, and a row lock is held until COMMIT: every other
 * registration into the batch waits for it. So everything is written first with a
 * placeholder in place of the number, and one statement at the very end takes the
 * number and puts it where the placeholder stands (registration, its event, the audit
 * row, the mail and its job); the lock is held for that statement and the COMMIT only
 * (decision 024). A transaction that fails earlier (a concurrent duplicate hits the
 * one-active index at the first INSERT) never touches the counter: no gap.
 */
async function insertRegistration(tx: Tx, ctx: UseCaseContext, candidateId: string, b: BatchWithProgramme, candidate: Recipient) {
  const parts = {
    institutionCode: b.institution.code,
    programmeCode: b.programme.code,
    year: b.batch.year,
    batchNumber: b.batch.number,
  }
  const prefix = registrationNumberPrefix(parts)
  const createdBy = actorId(ctx.actor)
  if (!createdBy) throw new UseCaseError('Pendaftaran harus dilakukan oleh calon peserta atau petugas kios.', 403)
  const id = randomUUID()
  // Unique (it holds the row's id) and never a valid number, should it ever be seen.
  const placeholder = `pending:${id}`

  const [row] = await tx
    .insert(registration)
    .values({
      id,
      number: placeholder,
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
  const [event] = await tx
    .insert(registrationEvent)
    .values({
      registrationId: id,
      at: ctx.now,
      kind: 'registered',
      fromState: null,
      toState: 'registered',
      actorId: createdBy,
      data: { number: placeholder, ...viaKioskData(ctx.actor) },
    })
    .returning({ id: registrationEvent.id })
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: 'registration.create',
    entityType: 'registration',
    entityId: id,
    institutionId: b.institution.id,
    after: { number: placeholder, batchId: b.batch.id, candidateId, state: created.state },
  })
  // Results still valid under the six-month rule are reused: such a registration is
  // complete (SOP step 6) the moment it is made.
  const assessed = await completeRegistrationIfAssessed(tx, ctx, id)
  const state: RegistrationState = assessed ? 'assessed' : 'registered'

  let deliveryId: number | null = null
  if (candidate) {
    const next = registrationNextStep(state, b.batch, ctx.now, b.institution.timeZone)
    deliveryId = await enqueueMail(
      tx,
      renderMail({
        to: candidate.email,
        subject: `Pendaftaran diterima: ${placeholder}`,
        greeting: `Halo ${candidate.fullName ?? candidate.displayName},`,
        paragraphs: [
          `Pendaftaran Anda untuk program ${b.programme.name}, ${batchLabel(b.batch)}, di ${b.institution.name} sudah kami terima.`,
          `Nomor pendaftaran Anda: ${placeholder}.`,
          `Langkah berikutnya: ${next.id}`,
          'Tanda pendaftaran dapat diunduh di menu Aktivitas. Simpan tanda pendaftaran itu sebagai salah satu dokumen seleksi. Hasil setiap tahap seleksi juga tampil di menu Aktivitas.',
        ],
        action: { label: 'Buka Aktivitas', url: publicLink(`/aktivitas/${id}`) },
      }),
      ctx.now,
      { institutionId: b.institution.id, registrationId: id, batchId: b.batch.id, contact: institutionContact(b.institution) },
    )
  }

  const number = await takeNumber(tx, { batchId: b.batch.id, registrationId: id, eventId: event!.id, deliveryId, prefix, placeholder, now: ctx.now })
  // The database formatted the number; the domain rule is the authority on its spelling.
  if (number.value !== formatRegistrationNumber({ ...parts, sequence: number.sequence })) {
    throw new Error(`registration number ${number.value} does not follow the domain format`)
  }
  return { ...created, number: number.value, state }
}

/**
 * One statement: increment the batch's counter (the row lock, held until COMMIT) and
 * replace the placeholder everywhere this transaction wrote it. The mail's job row is
 * found through its delivery id among the pending jobs due at `now` (the job_due_idx).
 */
async function takeNumber(
  tx: Tx,
  p: { batchId: string; registrationId: string; eventId: number; deliveryId: number | null; prefix: string; placeholder: string; now: Date },
): Promise<{ value: string; sequence: number }> {
  const deliveryKey = p.deliveryId === null ? null : String(p.deliveryId)
  const rows = await queryRows<{ number: string; sequence: number }>(
    tx,
    sql`with taken as (
          update batch set next_sequence = next_sequence + 1 where id = ${p.batchId}
          returning next_sequence - 1 as sequence
        ), numbered as (
          update registration
             set number = ${p.prefix} || lpad(taken.sequence::text, greatest(${SEQUENCE_DIGITS}, length(taken.sequence::text)), '0')
            from taken
           where registration.id = ${p.registrationId}
          returning registration.number, taken.sequence
        ), event_row as (
          update registration_event set data = jsonb_set(data, '{number}', to_jsonb(numbered.number))
            from numbered where registration_event.id = ${p.eventId}
        ), audit_row as (
          update audit_event set after = jsonb_set(after, '{number}', to_jsonb(numbered.number))
            from numbered
           where entity_type = 'registration' and entity_id = ${p.registrationId} and action = 'registration.create'
        ), delivery_row as (
          update mail_delivery set subject = replace(subject, ${p.placeholder}, numbered.number)
            from numbered where mail_delivery.id = ${p.deliveryId}
        ), job_row as (
          update job set payload = replace(payload::text, ${p.placeholder}, numbered.number)::jsonb
            from numbered
           where job.status = 'pending' and job.run_at = ${p.now} and job.name = 'mail.send'
             and job.payload->>'deliveryId' = ${deliveryKey}
        )
        select number, sequence from numbered`,
  )
  const taken = rows[0]
  if (!taken) throw new NotFoundError('Gelombang pelatihan tidak ditemukan.')
  return { value: taken.number, sequence: Number(taken.sequence) }
}
