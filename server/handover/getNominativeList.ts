import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { ConflictError } from '../errors'
import { authorizedBatch } from '../plenary/access'
import { batchLabel } from '../registrations/batchLabel'
import type { BatchWithProgramme } from '../registrations/registrationChecks'
import { readableHandover } from './access'
import { loadParticipants, type Participant } from './participants'

export interface NominativeList {
  institution: { name: string; address: string; timeZone: string }
  programme: { code: string; name: string }
  batch: { id: string; label: string; year: number; number: number; trainingStartsOn: string; trainingEndsOn: string }
  participants: Participant[]
  generatedAt: Date
  generatedBy: string
  filename: string
}

export type ExportFormat = 'pdf' | 'xlsx' | 'zip'

function listOf(ctx: UseCaseContext, b: BatchWithProgramme, participants: Participant[]): NominativeList {
  return {
    institution: { name: b.institution.name, address: b.institution.address, timeZone: b.institution.timeZone },
    programme: { code: b.programme.code, name: b.programme.name },
    batch: {
      id: b.batch.id,
      label: batchLabel(b.batch),
      year: b.batch.year,
      number: b.batch.number,
      trainingStartsOn: b.batch.trainingStartsOn,
      trainingEndsOn: b.batch.trainingEndsOn,
    },
    participants,
    generatedAt: ctx.now,
    generatedBy: ctx.actor.kind === 'system' ? 'Sistem' : ctx.actor.displayName,
    filename: `daftar-nominatif-${b.programme.code}-${b.batch.year}-${b.batch.number}`.toLowerCase(),
  }
}

async function audited(ctx: UseCaseContext, b: BatchWithProgramme, participants: Participant[], format: ExportFormat, handoverId: string | null) {
  // Each export shows the full NIK of every participant: an audited read of personal data.
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.actor, ctx.now, {
      action: format === 'zip' ? 'participantFiles.export' : 'nominativeList.export',
      entityType: 'batch',
      entityId: b.batch.id,
      institutionId: b.batch.institutionId,
      after: { format, participants: participants.length, handoverId, registrationIds: participants.map((p) => p.registrationId) },
    }),
  )
}

/**
 * The nominative list (daftar nominatif, SOP step 11) of a batch's re-registered
 * participants, for the committee: full NIK included, so every export is audited.
 */
export async function getNominativeList(ctx: UseCaseContext, input: { batchId: unknown; format: ExportFormat }): Promise<NominativeList> {
  const b = await authorizedBatch(ctx, input.batchId, 'nominativeList.export')
  // The organiser reads the list through the handover addressed to them (below), not per batch.
  authorize(ctx.actor, 'reRegistration.manage', { institutionId: b.batch.institutionId })
  const participants = await loadParticipants(ctx.db, b.batch.id)
  if (participants.length === 0) throw new ConflictError('Belum ada peserta yang sudah daftar ulang.')
  await audited(ctx, b, participants, input.format, null)
  return listOf(ctx, b, participants)
}

/** The list as handed over: the handover's participants, for its committee or the organiser it is addressed to. */
export async function getHandoverNominativeList(ctx: UseCaseContext, input: { handoverId: unknown; format: ExportFormat }): Promise<NominativeList> {
  const { handover, batch } = await readableHandover(ctx, input.handoverId)
  authorize(ctx.actor, 'nominativeList.export', { institutionId: handover.institutionId })
  const participants = await loadParticipants(ctx.db, batch.batch.id, handover.registrationIds)
  await audited(ctx, batch, participants, input.format, handover.id)
  return listOf(ctx, batch, participants)
}
