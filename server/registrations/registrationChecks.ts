import { and, eq, notInArray } from 'drizzle-orm'
import { batchPhase, type BatchPhase } from '../../domain/batchDates'
import { checkEligibility, isEducationLevel, type EducationLevel, type EligibilityResult } from '../../domain/eligibility'
import { profileCompleteness, type ProfileCompleteness } from '../../domain/profileCompleteness'
import { parseNik } from '../../domain/nik'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { TERMINAL_STATES } from '../../domain/registrationStates'
import type { DbOrTx } from '../db/client'
import { batch, institution, programme, registration } from '../db/schema'
import { getProfileSnapshot } from '../profiles/getProfileSnapshot'

// The checks registration makes, shared by the confirmation page (shown before the
// candidate submits) and registerCandidate (enforced when they do).

export async function loadBatch(db: DbOrTx, batchId: string) {
  const [row] = await db
    .select({ batch, programme, institution })
    .from(batch)
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, batch.institutionId))
    .where(eq(batch.id, batchId))
  return row ?? null
}

export type BatchWithProgramme = NonNullable<Awaited<ReturnType<typeof loadBatch>>>

/** The candidate's one active registration (at most one, by the partial unique index). */
export async function findActiveRegistration(db: DbOrTx, candidateId: string) {
  const [row] = await db
    .select({ registration, programmeName: programme.name })
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .where(and(eq(registration.candidateId, candidateId), notInArray(registration.state, [...TERMINAL_STATES])))
  return row ?? null
}

export type ActiveRegistration = NonNullable<Awaited<ReturnType<typeof findActiveRegistration>>>

export function activeElsewhereMessage(active: ActiveRegistration): string {
  return `Anda masih memiliki pendaftaran aktif: ${active.programmeName}, nomor ${active.registration.number}. Mundurkan diri dari pendaftaran itu terlebih dahulu bila ingin mendaftar program lain.`
}

export type RegistrationPeriod = { phase: BatchPhase | 'archived'; problem: string | null }

/** Whether the batch takes registrations at `now`, with the reason in the centre's time when not. */
export function registrationPeriod(b: BatchWithProgramme, now: Date): RegistrationPeriod {
  if (b.programme.archivedAt) {
    return { phase: 'archived', problem: 'Program pelatihan ini sudah tidak menerima pendaftaran.' }
  }
  const phase = batchPhase(b.batch, now)
  const tz = b.institution.timeZone
  if (phase === 'upcoming') {
    return {
      phase,
      problem: `Pendaftaran gelombang ini belum dibuka. Pendaftaran dibuka pada ${formatZonedDateTime(b.batch.registrationOpensAt, tz)}.`,
    }
  }
  if (phase === 'closed') {
    return {
      phase,
      problem: `Pendaftaran gelombang ini sudah ditutup pada ${formatZonedDateTime(b.batch.registrationClosesAt, tz)}.`,
    }
  }
  return { phase, problem: null }
}

export interface CandidateChecks {
  profile: ProfileCompleteness
  eligibility: EligibilityResult
}

/** Profile completeness and the programme's entry requirements on the first day of training. */
export async function checkCandidate(
  db: DbOrTx,
  candidateId: string,
  b: BatchWithProgramme,
  now: Date,
): Promise<CandidateChecks> {
  const snapshot = (await getProfileSnapshot(db, candidateId)) ?? {}
  const profile = profileCompleteness(snapshot)
  // The age rule reads the birth date the NIK encodes, never a typed one (decision 028);
  // a profile whose stored date disagrees is also incomplete, so this is belt and braces.
  const fromNik = snapshot.nik ? parseNik(snapshot.nik, { today: now, timeZone: b.institution.timeZone }) : null
  const birthDate = fromNik?.ok ? fromNik.value.birthDate : (snapshot.birthDate ?? '')
  const minEducation = isEducationLevel(b.programme.minEducation) ? b.programme.minEducation : null
  const eligibility = checkEligibility(
    // checkEligibility reports a missing birth date or education itself, so a partial
    // profile is passed through as it is.
    { birthDate, educationLevel: (snapshot.educationLevel ?? '') as EducationLevel },
    {
      minEducation,
      minAge: b.programme.minAge,
      maxAge: b.programme.maxAge,
      trainingStartDate: b.batch.trainingStartsOn,
    },
  )
  return { profile, eligibility }
}
