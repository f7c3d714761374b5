import { eq } from 'drizzle-orm'
import { isRegistrationState, type RegistrationState } from '../../domain/registrationStates'
import type { DbOrTx } from '../db/client'
import { registrationEvent } from '../db/schema'
import type { RegistrationEventRow } from './registrationView'

// The one candidate's view of a registration (docs/decisions/009): what a candidate — or
// the kiosk officer beside them — may see of a stored registration, its batch and its
// timeline. Every candidate-facing page and the kiosk go through here, so an embargo is
// enforced once, on the server:
//  - the plenary's outcome (passed / reserve / not passed reached by the plenary, and
//    the plenary's and amendments' events) stays hidden until the batch's results are
//    announced (`batch.results_announced_at`, set by the announcement — not the clock);
//  - the written-test score shows only once the committee has published the results.

/** Event kinds that belong to the plenary's decision (SOP step 8) or what follows from it. */
function isPlenaryEvent(kind: string): boolean {
  return (
    kind.startsWith('plenary') || kind.startsWith('amend_') || kind === 'promote_reserve' || kind === 'close_reserve'
  )
}

const PLENARY_OUTCOMES: ReadonlySet<RegistrationState> = new Set(['passed', 'reserve', 'not_passed'])
const WRITTEN_TEST_EVENTS: ReadonlySet<string> = new Set(['pass_written_test', 'fail_written_test'])

export interface CandidateBatchFacts {
  writtenTestPublishedAt: Date | null
  resultsAnnouncedAt: Date | null
}

export type CandidateEventInput = Pick<RegistrationEventRow, 'id' | 'kind' | 'at' | 'fromState' | 'toState' | 'data'>

export interface WrittenTestOutcome {
  /** Percent correct, as published. */
  score: number
  passMark: number
  passed: boolean
}

export interface CandidateEvent {
  id: number
  kind: string
  at: Date
  viaKiosk: boolean
  reason: string | null
  assessmentKind: string | null
  /** On the written-test result event, once published. */
  writtenTest: WrittenTestOutcome | null
  /** On the 'results_announced' event (SOP step 9): the outcome told, and the reserve place. */
  announcement: { outcome: string; reservePlace: number | null } | null
}

export interface CandidateRegistrationView {
  /** The state the candidate may see. */
  state: RegistrationState
  /** True when the stored state is a plenary outcome the candidate may not see yet. */
  outcomeEmbargoed: boolean
  resultsAnnounced: boolean
  writtenTestPublished: boolean
  /** The published written-test result, once published. */
  writtenTest: WrittenTestOutcome | null
  /** The timeline the candidate may see, newest first. */
  events: CandidateEvent[]
}

function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function writtenTestOf(event: CandidateEventInput): WrittenTestOutcome | null {
  if (!WRITTEN_TEST_EVENTS.has(event.kind)) return null
  const score = finiteNumber(event.data.score)
  const passMark = finiteNumber(event.data.passMark)
  if (score === null || passMark === null) return null
  return { score, passMark, passed: event.kind === 'pass_written_test' }
}

const newestFirst = (a: CandidateEventInput, b: CandidateEventInput) => b.at.getTime() - a.at.getTime() || b.id - a.id

/**
 * What a candidate may see of a registration. `events` in any order; pass them all (a
 * caller that passes none gets the conservative answer: any outcome state reads as
 * 'interviewed' until the announcement).
 */
export function candidateRegistrationView(input: {
  state: string
  batch: CandidateBatchFacts
  events: ReadonlyArray<CandidateEventInput>
}): CandidateRegistrationView {
  const stored: RegistrationState = isRegistrationState(input.state) ? input.state : 'registered'
  const resultsAnnounced = input.batch.resultsAnnouncedAt !== null
  const writtenTestPublished = input.batch.writtenTestPublishedAt !== null
  const sorted = [...input.events].sort(newestFirst)

  let state = stored
  let outcomeEmbargoed = false
  if (!resultsAnnounced && PLENARY_OUTCOMES.has(stored)) {
    // An outcome reached before the plenary (not invited to the interview) is no secret;
    // one reached by the plenary, or whose origin is unknown, is.
    const reachedBy = sorted.find((e) => e.toState === stored)
    if (!reachedBy || isPlenaryEvent(reachedBy.kind)) {
      outcomeEmbargoed = true
      // Show the state the registration had before the plenary decided.
      const firstPlenary = [...sorted].reverse().find((e) => isPlenaryEvent(e.kind))
      const before = firstPlenary?.fromState
      state = before && isRegistrationState(before) && !PLENARY_OUTCOMES.has(before) ? before : 'interviewed'
    }
  }

  const events = sorted
    .filter((e) => resultsAnnounced || !isPlenaryEvent(e.kind))
    .map(
      (e): CandidateEvent => ({
        id: e.id,
        kind: e.kind,
        at: e.at,
        viaKiosk: e.data.viaKiosk === true,
        reason: typeof e.data.reason === 'string' ? e.data.reason : null,
        assessmentKind: typeof e.data.assessmentKind === 'string' ? e.data.assessmentKind : null,
        writtenTest: writtenTestPublished ? writtenTestOf(e) : null,
        announcement:
          e.kind === 'results_announced' && typeof e.data.outcome === 'string'
            ? { outcome: e.data.outcome, reservePlace: finiteNumber(e.data.reservePlace) }
            : null,
      }),
    )
  const writtenTest = events.find((e) => e.writtenTest !== null)?.writtenTest ?? null
  return { state, outcomeEmbargoed, resultsAnnounced, writtenTestPublished, writtenTest, events }
}

/** The candidate view of a registration whose events the caller has not loaded (the kiosk, the assessment pages). */
export async function loadCandidateRegistrationView(
  db: DbOrTx,
  input: { registrationId: string; state: string; batch: CandidateBatchFacts },
): Promise<CandidateRegistrationView> {
  const events = await db
    .select({
      id: registrationEvent.id,
      kind: registrationEvent.kind,
      at: registrationEvent.at,
      fromState: registrationEvent.fromState,
      toState: registrationEvent.toState,
      data: registrationEvent.data,
    })
    .from(registrationEvent)
    .where(eq(registrationEvent.registrationId, input.registrationId))
  return candidateRegistrationView({ state: input.state, batch: input.batch, events })
}
