import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { RegistrationState } from '../../domain/registrationStates'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { candidateProfile, mailDelivery, registration, userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { batchLabel } from '../registrations/batchLabel'
import { loadBatch } from '../registrations/registrationChecks'
import { parseInput } from '../validation'
import { MAIL_MAX_ATTEMPTS } from './sendMail'

// The batch's mail delivery, for the committee and administrators: who was mailed what
// and when, which mails failed for good with the relay's answer, and who has no usable
// address (they learn everything in Aktivitas, at the desk and by the result lookup).

export const BATCH_MAIL_PAGE = 100

const Input = z.object({
  batchId: z.uuid(),
  /** 'action': only failed mails not yet resent and candidates without e-mail; 'all': everyone. */
  show: z.enum(['action', 'all']).default('action'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})

/** Like the mail job's own check: an address it would refuse is "no e-mail", not a failure. */
const USABLE_EMAIL = sql`${userAccount.email} ~* '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`
/** A failed mail that was not resent after a correction. */
const FAILED_OPEN = sql`${mailDelivery.status} = 'failed' and not exists (select 1 from mail_delivery x where x.resend_of = ${mailDelivery.id})`

export interface BatchMailRow {
  registrationId: string
  number: string
  name: string
  state: RegistrationState
  /** Null: no usable e-mail address (a kiosk candidate without one). */
  email: string | null
  mails: Array<{
    id: number
    subject: string
    category: string
    recipient: string
    status: 'queued' | 'retrying' | 'sent' | 'failed'
    attempts: number
    relayResponse: string | null
    queuedAt: Date
    sentAt: Date | null
    failedAt: Date | null
    /** Failed after one try on a 5xx answer (retries would not help), not after all retries. */
    permanent: boolean
    resendOf: number | null
    resent: boolean
  }>
}

export async function getBatchMail(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { batchId, show, page } = parseInput(Input, input)
  const found = await loadBatch(ctx.db, batchId)
  if (!found) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorize(ctx.actor, 'mail.read', { institutionId: found.batch.institutionId })

  const inBatch = eq(registration.batchId, batchId)
  const [statusCounts, [people]] = await Promise.all([
    ctx.db
      .select({
        status: mailDelivery.status,
        open: sql<number>`count(*) filter (where ${FAILED_OPEN})::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(mailDelivery)
      .innerJoin(registration, eq(registration.id, mailDelivery.registrationId))
      .where(inBatch)
      .groupBy(mailDelivery.status),
    ctx.db
      .select({
        total: sql<number>`count(*)::int`,
        noEmail: sql<number>`count(*) filter (where not (${USABLE_EMAIL}))::int`,
      })
      .from(registration)
      .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
      .where(inBatch),
  ])
  const count = (s: string) => statusCounts.find((c) => c.status === s)?.n ?? 0
  const counts = {
    registrations: people?.total ?? 0,
    noEmail: people?.noEmail ?? 0,
    queued: count('queued') + count('retrying'),
    sent: count('sent'),
    failed: count('failed'),
    failedOpen: statusCounts.find((c) => c.status === 'failed')?.open ?? 0,
  }

  const needsAction = sql`(not (${USABLE_EMAIL}) or exists (select 1 from mail_delivery d where d.registration_id = ${registration.id} and d.status = 'failed' and not exists (select 1 from mail_delivery x where x.resend_of = d.id)))`
  const where = show === 'action' ? and(inBatch, needsAction) : inBatch
  const [{ matching } = { matching: 0 }] = await ctx.db
    .select({ matching: sql<number>`count(*)::int` })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .where(where)
  const people_ = await ctx.db
    .select({
      registrationId: registration.id,
      number: registration.number,
      state: registration.state,
      email: userAccount.email,
      usable: sql<boolean>`${USABLE_EMAIL}`,
      name: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
    })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(where)
    .orderBy(asc(registration.number))
    .limit(BATCH_MAIL_PAGE)
    .offset((page - 1) * BATCH_MAIL_PAGE)

  const ids = people_.map((p) => p.registrationId)
  const mails =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            id: mailDelivery.id,
            registrationId: mailDelivery.registrationId,
            subject: mailDelivery.subject,
            category: mailDelivery.category,
            recipient: mailDelivery.recipient,
            status: mailDelivery.status,
            attempts: mailDelivery.attempts,
            relayResponse: mailDelivery.relayResponse,
            queuedAt: mailDelivery.queuedAt,
            sentAt: mailDelivery.sentAt,
            failedAt: mailDelivery.failedAt,
            resendOf: mailDelivery.resendOf,
            resent: sql<boolean>`exists (select 1 from mail_delivery x where x.resend_of = ${mailDelivery.id})`,
          })
          .from(mailDelivery)
          .where(inArray(mailDelivery.registrationId, ids))
          .orderBy(asc(mailDelivery.queuedAt), asc(mailDelivery.id))

  const rows: BatchMailRow[] = people_.map((p) => ({
    registrationId: p.registrationId,
    number: p.number,
    name: p.name,
    state: p.state as RegistrationState,
    email: p.usable ? p.email : null,
    mails: mails
      .filter((m) => m.registrationId === p.registrationId)
      .map(({ registrationId: _r, ...m }) => ({
        ...m,
        status: m.status as BatchMailRow['mails'][number]['status'],
        permanent: m.status === 'failed' && m.attempts < MAIL_MAX_ATTEMPTS,
      })),
  }))
  return {
    batch: { id: found.batch.id, programmeName: found.programme.name, label: batchLabel(found.batch) },
    counts,
    show,
    page,
    pageCount: Math.max(1, Math.ceil(matching / BATCH_MAIL_PAGE)),
    rows,
  }
}

export type BatchMail = Awaited<ReturnType<typeof getBatchMail>>
