import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { ConflictError, NotFoundError } from '../errors'
import { loadDocumentChecks, loadRegistrationContext, loadReRegistrationRow, parseRegistrationId, type DocumentCheckView } from './access'

export interface DeskCheckPage {
  registrationId: string
  candidateId: string
  number: string
  fullName: string
  programmeName: string
  batchLabel: string
  timeZone: string
  state: string
  deadline: Date
  confirmedAt: Date | null
  completedAt: Date | null
  declinedAt: Date | null
  overdue: boolean
  documents: DocumentCheckView[]
}

/** The desk's document check page for one registration, in the officer's assisted session for its candidate. */
export async function getDeskCheck(ctx: UseCaseContext, input: { registrationId: unknown }): Promise<DeskCheckPage> {
  const reg = await loadRegistrationContext(ctx.db, parseRegistrationId(input.registrationId))
  if (!reg) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  authorize(ctx.actor, 'reRegistration.checkDocuments', { institutionId: reg.institutionId })
  if (ctx.actor.kind !== 'staff' || ctx.actor.assisted?.candidateId !== reg.candidateId) {
    throw new ConflictError('Mulai sesi bantuan untuk calon peserta ini terlebih dahulu (Kios → Daftar ulang).')
  }
  const rr = await loadReRegistrationRow(ctx.db, reg.id)
  if (!rr) throw new NotFoundError('Pendaftaran ini tidak sedang daftar ulang.')
  return {
    registrationId: reg.id,
    candidateId: reg.candidateId,
    number: reg.number,
    fullName: reg.fullName ?? '',
    programmeName: reg.programmeName,
    batchLabel: reg.batchLabel,
    timeZone: reg.timeZone,
    state: reg.state,
    deadline: rr.deadline,
    confirmedAt: rr.confirmedAt,
    completedAt: rr.completedAt,
    declinedAt: rr.declinedAt,
    overdue: rr.deadline.getTime() <= ctx.now.getTime(),
    documents: await loadDocumentChecks(ctx.db, reg.id, reg.candidateId),
  }
}
