import { timingSafeEqual } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { parseIsoDate } from '../../domain/calendar'
import type { PlenaryOutcome } from '../../domain/ranking'
import { formatZonedTime } from '../../domain/zonedTime'
import type { UseCaseContext } from '../context'
import { batch, candidateProfile, programme, registration, registrationEvent } from '../db/schema'
import { UseCaseError } from '../errors'
import { defaultTimeZone } from '../institutions/defaultTimeZone'
import { batchLabel } from '../registrations/batchLabel'
import { parseInput } from '../validation'
import { countLookupMiss, lookupBlockedFor } from './lookupThrottle'
import { maskName } from './maskName'
import { RESULTS_ANNOUNCED } from './notifyCandidates'
import { loadResultsList } from './resultsList'

// The public lookup (no sign-in): a registration number and a date of birth give that
// candidate their own announced outcome. Every miss — a number that does not exist, a
// wrong birth date, a number whose results are not announced — gets the same answer
// from the same single query and the same throttle write, so the answer and its timing
// say nothing about whether a number exists. Misses are throttled (lookupThrottle.ts).

const Input = z.object({
  number: z
    .string({ error: 'Isi nomor pendaftaran.' })
    .transform((s) => s.replaceAll('\u0000', '').trim().toUpperCase())
    .pipe(z.string().min(1, 'Isi nomor pendaftaran.').max(40, 'Nomor pendaftaran terlalu panjang.')),
  birthDate: z
    .string({ error: 'Isi tanggal lahir.' })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'Isi tanggal lahir.')
        .refine((s) => parseIsoDate(s) !== null, 'Tanggal lahir tidak valid. Contoh: 17-08-2001.'),
    ),
})

export const NO_MATCH_MESSAGE =
  'Nomor pendaftaran dan tanggal lahir ini tidak cocok dengan hasil seleksi yang sudah diumumkan. Periksa nomor pada tanda pendaftaran Anda dan tanggal lahir sesuai KTP.'

export type LookupAnswer =
  | { kind: 'no_match'; message: string }
  | {
      kind: 'found'
      registrationId: string
      number: string
      maskedName: string
      programmeName: string
      batchLabel: string
      /** What was announced. */
      announced: PlenaryOutcome
      /** The registration's state now (a reserve promoted, someone re-registered, …). */
      state: string
      reservePlace: number | null
      reRegistrationDeadline: Date
    }

export class LookupThrottledError extends UseCaseError {
  constructor(message: string) {
    super(message, 429)
    this.name = 'LookupThrottledError'
  }
}

const DUMMY_BIRTH_DATE = Buffer.from('0000-00-00')

export async function lookupResult(
  ctx: UseCaseContext,
  input: { number?: unknown; birthDate?: unknown; address?: string | null },
): Promise<LookupAnswer> {
  const { number, birthDate } = parseInput(Input, input)
  const address = typeof input.address === 'string' && input.address !== '' ? input.address : null
  const waitMs = await lookupBlockedFor(ctx.db, number, address)
  if (waitMs > 0) {
    const until = new Date(ctx.now.getTime() + waitMs)
    throw new LookupThrottledError(
      `Terlalu banyak percobaan yang tidak cocok. Coba lagi setelah pukul ${formatZonedTime(until, await defaultTimeZone(ctx.db))}.`,
    )
  }

  const [row] = await ctx.db
    .select({
      registrationId: registration.id,
      number: registration.number,
      state: registration.state,
      batchId: registration.batchId,
      birthDate: candidateProfile.birthDate,
      fullName: candidateProfile.fullName,
      announcedAt: batch.resultsAnnouncedAt,
      reRegistrationDeadline: batch.reRegistrationDeadline,
      batchNumber: batch.number,
      batchYear: batch.year,
      programmeName: programme.name,
      event: registrationEvent.data,
    })
    .from(registration)
    .innerJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .leftJoin(registrationEvent, and(eq(registrationEvent.registrationId, registration.id), eq(registrationEvent.kind, RESULTS_ANNOUNCED)))
    .where(eq(registration.number, number))
    .limit(1)

  const given = Buffer.from(birthDate.padEnd(10, ' ').slice(0, 10))
  const stored = row?.birthDate ? Buffer.from(row.birthDate.padEnd(10, ' ').slice(0, 10)) : DUMMY_BIRTH_DATE
  const sameBirthDate = timingSafeEqual(given, stored) && row?.birthDate != null
  const announcedOutcome = row?.event?.outcome
  if (!row || !sameBirthDate || !row.announcedAt || typeof announcedOutcome !== 'string') {
    await countLookupMiss(ctx.db, number, address)
    return { kind: 'no_match', message: NO_MATCH_MESSAGE }
  }

  let reservePlace = typeof row.event?.reservePlace === 'number' ? row.event.reservePlace : null
  if (row.state === 'reserve') {
    // The place now: reserves above may have been promoted since the announcement.
    const list = await loadResultsList(ctx.db, row.batchId)
    reservePlace = list?.reserves.find((r) => r.registrationId === row.registrationId)?.reservePlace ?? reservePlace
  }
  return {
    kind: 'found',
    registrationId: row.registrationId,
    number: row.number,
    maskedName: maskName(row.fullName),
    programmeName: row.programmeName,
    batchLabel: batchLabel({ number: row.batchNumber, year: row.batchYear }),
    announced: announcedOutcome as PlenaryOutcome,
    state: row.state,
    reservePlace,
    reRegistrationDeadline: row.reRegistrationDeadline,
  }
}
