import { inArray } from 'drizzle-orm'
import type { UseCaseContext } from '../context'
import { candidateDocument, reRegistrationDocumentCheck } from '../db/schema'
import { safeZipName, type ParticipantFolder } from '../documents/participantFilesZip'
import { UPLOAD_FILE_TYPES } from '../documents/uploadContent'
import { getHandoverNominativeList, getNominativeList, type NominativeList } from './getNominativeList'

const KIND_NAMES: Record<string, string> = { photo: 'pas-foto', ktp: 'ktp', diploma: 'ijazah', receipt: 'formulir-pendaftaran' }

export interface ParticipantFiles {
  filename: string
  folders: ParticipantFolder[]
  readme: string
  list: NominativeList
}

async function foldersOf(ctx: UseCaseContext, list: NominativeList): Promise<ParticipantFiles> {
  const candidateIds = list.participants.map((p) => p.candidateId)
  const registrationIds = list.participants.map((p) => p.registrationId)
  const docs = candidateIds.length
    ? await ctx.db.select().from(candidateDocument).where(inArray(candidateDocument.userId, candidateIds))
    : []
  const forms = registrationIds.length
    ? await ctx.db.select().from(reRegistrationDocumentCheck).where(inArray(reRegistrationDocumentCheck.registrationId, registrationIds))
    : []
  const extOf = (contentType: string) => Object.values(UPLOAD_FILE_TYPES).find((t) => t.contentType === contentType)?.extension ?? 'bin'
  const folders = list.participants.map((p) => {
    const files: ParticipantFolder['files'] = []
    for (const kind of ['photo', 'ktp', 'diploma'] as const) {
      const d = docs.find((x) => x.userId === p.candidateId && x.kind === kind)
      if (d) files.push({ name: `${KIND_NAMES[kind]}.${extOf(d.contentType)}`, storageKey: d.storageKey })
    }
    const form = forms.find((c) => c.registrationId === p.registrationId && c.document === 'receipt' && c.reuploadKey)
    if (form?.reuploadKey) files.push({ name: `${KIND_NAMES.receipt}.${form.reuploadKey.split('.').pop()}`, storageKey: form.reuploadKey })
    return { folder: safeZipName(`${String(p.no).padStart(3, '0')} ${p.number} ${p.fullName}`), files }
  })
  const readme = [
    `Berkas peserta — ${list.programme.name}, ${list.batch.label}`,
    list.institution.name,
    '',
    `Satu folder per peserta (nomor urut daftar nominatif, nomor pendaftaran, nama); ${list.participants.length} peserta.`,
    'Isi: pas foto, KTP, dan ijazah terakhir yang diunggah peserta, serta pindaian formulir pendaftaran bila diunggah saat daftar ulang.',
    'Berisi data pribadi: simpan dan bagikan hanya untuk keperluan penyelenggaraan pelatihan.',
    '',
  ].join('\r\n')
  return { filename: `berkas-peserta-${list.programme.code}-${list.batch.year}-${list.batch.number}`.toLowerCase(), folders, readme, list }
}

/** The re-registered participants' files of a batch, for the committee (an audited export). */
export async function getParticipantFiles(ctx: UseCaseContext, input: { batchId: unknown }): Promise<ParticipantFiles> {
  return foldersOf(ctx, await getNominativeList(ctx, { batchId: input.batchId, format: 'zip' }))
}

/** The files of a handover's participants, for its committee or the organiser it is addressed to (audited). */
export async function getHandoverParticipantFiles(ctx: UseCaseContext, input: { handoverId: unknown }): Promise<ParticipantFiles> {
  return foldersOf(ctx, await getHandoverNominativeList(ctx, { handoverId: input.handoverId, format: 'zip' }))
}
