import { and, eq } from 'drizzle-orm'
import { can } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { reRegistrationDocumentCheck } from '../db/schema'
import { UPLOAD_FILE_TYPES } from '../documents/uploadContent'
import { ForbiddenError, NotFoundError } from '../errors'
import { readDocument } from '../profiles/readDocument'
import type { FileStorage } from '../storage'
import { isReRegistrationDocument, loadRegistrationContext, parseRegistrationId } from './access'

export interface ReRegistrationFile {
  bytes: Uint8Array
  contentType: string
  filename: string
}

/**
 * The file behind one document of re-registration, to look at on the desk's screen: the
 * KTP and diploma from the profile (readDocument decides and audits), the registration
 * form's re-uploaded scan from its slot. For the candidate, their kiosk officer, and the
 * centre's kiosk officers and committee (staff reads audited).
 */
export async function readDocumentFile(
  ctx: UseCaseContext,
  input: { registrationId: unknown; document: unknown; storage: FileStorage },
): Promise<ReRegistrationFile> {
  const reg = await loadRegistrationContext(ctx.db, parseRegistrationId(input.registrationId))
  if (!reg) throw new NotFoundError('Pendaftaran tidak ditemukan.')
  const scope = { candidateId: reg.candidateId, institutionId: reg.institutionId }
  const allowed =
    can(ctx.actor, 'reRegistration.confirm', scope) ||
    can(ctx.actor, 'reRegistration.checkDocuments', scope) ||
    can(ctx.actor, 'reRegistration.manage', scope)
  if (!allowed) throw new ForbiddenError()
  if (!isReRegistrationDocument(input.document)) throw new NotFoundError('Dokumen tidak ditemukan.')
  const document = input.document
  if (document === 'ktp' || document === 'diploma') {
    // The officer at the desk reads it in their assisted session; the committee as staff of the centre.
    const file = await readDocument(ctx, { candidateId: reg.candidateId, kind: document, storage: input.storage })
    const ext = Object.values(UPLOAD_FILE_TYPES).find((t) => t.contentType === file.contentType)?.extension ?? 'bin'
    return { bytes: file.bytes, contentType: file.contentType, filename: `${document}.${ext}` }
  }
  const [check] = await ctx.db
    .select()
    .from(reRegistrationDocumentCheck)
    .where(and(eq(reRegistrationDocumentCheck.registrationId, reg.id), eq(reRegistrationDocumentCheck.document, document)))
  if (!check?.reuploadKey) throw new NotFoundError('Formulir pendaftaran belum diunggah; periksa tanda pendaftaran yang dibawa.')
  let bytes: Uint8Array
  try {
    bytes = await input.storage.get(check.reuploadKey)
  } catch {
    throw new NotFoundError('Berkas tidak ditemukan di penyimpanan. Unggah ulang dokumen ini.')
  }
  const ext = check.reuploadKey.split('.').pop() ?? ''
  const type = Object.values(UPLOAD_FILE_TYPES).find((t) => t.extension === ext)
  if (ctx.actor.kind === 'staff' && !can(ctx.actor, 'reRegistration.confirm', scope)) {
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx.actor, ctx.now, {
        action: 'document.read',
        entityType: 'registration',
        entityId: reg.id,
        institutionId: reg.institutionId,
        after: { document, storageKey: check.reuploadKey },
      }),
    )
  }
  return { bytes, contentType: type?.contentType ?? 'application/octet-stream', filename: `${document}.${ext}` }
}
