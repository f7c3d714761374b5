import type { RegistrationState } from '../../domain/registrationStates'
import type { UseCaseContext } from '../context'
import { NotFoundError } from '../errors'
import { loadResultsList } from '../announcements/resultsList'
import {
  ensureBatchReRegistrations,
  loadDocumentChecks,
  loadReRegistrationRow,
  ownRegistration,
  type DocumentCheckView,
} from './access'

export interface ReRegistrationPage {
  registrationId: string
  number: string
  programmeName: string
  batchLabel: string
  institutionName: string
  timeZone: string
  state: RegistrationState
  /** Null for a reserve (waiting for a place) and before re-registration opened. */
  reRegistration: {
    deadline: Date
    origin: 'plenary' | 'promotion'
    confirmedAt: Date | null
    declinedAt: Date | null
    completedAt: Date | null
    overdue: boolean
  } | null
  reservePlace: number | null
  documents: DocumentCheckView[]
  /** What the candidate may still do. */
  canConfirm: boolean
  canDecline: boolean
  canReupload: boolean
}

/**
 * The candidate's re-registration (SOP step 10), for themself or the kiosk officer
 * assisting them. Only after the results are announced (the embargo of the one candidate
 * view): before that the page does not exist for them.
 */
export async function getReRegistration(ctx: UseCaseContext, input: { registrationId: unknown }): Promise<ReRegistrationPage> {
  const reg = await ownRegistration(ctx, input.registrationId)
  const announced = reg.resultsAnnouncedAt !== null
  if (!announced) throw new NotFoundError('Daftar ulang belum dibuka: hasil seleksi belum diumumkan.')
  await ensureBatchReRegistrations(ctx, reg.batchId, announced)
  const rr = await loadReRegistrationRow(ctx.db, reg.id)
  let reservePlace: number | null = null
  if (reg.state === 'reserve') {
    const list = await loadResultsList(ctx.db, reg.batchId)
    reservePlace = list?.reserves.find((r) => r.registrationId === reg.id)?.reservePlace ?? null
  } else if (!rr) {
    throw new NotFoundError('Daftar ulang hanya untuk calon peserta yang lulus seleksi.')
  }
  const overdue = !!rr && rr.deadline.getTime() <= ctx.now.getTime()
  const open = reg.state === 'passed' && !!rr && !overdue && !rr.declinedAt
  return {
    registrationId: reg.id,
    number: reg.number,
    programmeName: reg.programmeName,
    batchLabel: reg.batchLabel,
    institutionName: reg.institutionName,
    timeZone: reg.timeZone,
    state: reg.state,
    reRegistration: rr
      ? {
          deadline: rr.deadline,
          origin: rr.origin,
          confirmedAt: rr.confirmedAt,
          declinedAt: rr.declinedAt,
          completedAt: rr.completedAt,
          overdue,
        }
      : null,
    reservePlace,
    documents: rr ? await loadDocumentChecks(ctx.db, reg.id, reg.candidateId) : [],
    canConfirm: open && !rr!.confirmedAt,
    canDecline: open || reg.state === 'reserve',
    canReupload: open,
  }
}
