import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { formatZonedDateTime } from '../../domain/zonedTime'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { candidateDocument, registration, reRegistration, reRegistrationDocumentCheck } from '../db/schema'
import { decodeUpload } from '../documents/decodeUpload'
import { UPLOAD_FILE_TYPES, uploadTooLargeMessage } from '../documents/uploadContent'
import { env } from '../env'
import { ConflictError, ValidationError } from '../errors'
import { uploadDocument } from '../profiles/uploadDocument'
import type { FileStorage } from '../storage'
import { isReRegistrationDocument, ownRegistration } from './access'

export interface ReuploadInput {
  registrationId: unknown
  document: unknown
  fileName: string
  bytes: Uint8Array
  storage: FileStorage
}

/**
 * A new file for a document of re-registration that is not valid yet (pending, or found
 * invalid at the desk), by the candidate or the officer assisting them. The KTP and the
 * diploma are the profile's documents: they go through the profile's own upload (same
 * checks, and the profile keeps the better copy). The registration form (a scan of the
 * signed receipt) is kept in the check's own slot, with the same checks. Either way the
 * check goes back to pending, for the officer to look at again.
 */
export async function reuploadDocument(ctx: UseCaseContext, input: ReuploadInput): Promise<{ document: string }> {
  const reg = await ownRegistration(ctx, input.registrationId)
  if (!isReRegistrationDocument(input.document)) throw new ValidationError({ file: ['Dokumen tidak dikenal.'] })
  const document = input.document

  const refuseIfClosed = async (db: DbOrTx) => {
    const [rr] = await db.select().from(reRegistration).where(eq(reRegistration.registrationId, reg.id))
    const [current] = await db.select({ state: registration.state }).from(registration).where(eq(registration.id, reg.id))
    const [check] = await db
      .select()
      .from(reRegistrationDocumentCheck)
      .where(and(eq(reRegistrationDocumentCheck.registrationId, reg.id), eq(reRegistrationDocumentCheck.document, document)))
    if (!rr || current?.state !== 'passed' || rr.declinedAt) throw new ConflictError('Daftar ulang ini sudah tidak terbuka.')
    if (rr.deadline.getTime() <= ctx.now.getTime()) {
      throw new ValidationError({ file: [`Batas daftar ulang (${formatZonedDateTime(rr.deadline, reg.timeZone)}) sudah lewat.`] })
    }
    if (check?.status === 'valid') throw new ValidationError({ file: ['Dokumen ini sudah dinyatakan sah; tidak perlu diunggah ulang.'] })
    return check ?? null
  }
  const previous = await refuseIfClosed(ctx.db)

  let storageKey: string
  if (document === 'ktp' || document === 'diploma') {
    await uploadDocument(ctx, { candidateId: reg.candidateId, kind: document, fileName: input.fileName, bytes: input.bytes, storage: input.storage })
    const [doc] = await ctx.db
      .select({ storageKey: candidateDocument.storageKey })
      .from(candidateDocument)
      .where(and(eq(candidateDocument.userId, reg.candidateId), eq(candidateDocument.kind, document)))
    storageKey = doc!.storageKey
  } else {
    const maxBytes = env().MAX_UPLOAD_BYTES
    if (input.bytes.byteLength === 0) throw new ValidationError({ file: ['Berkas kosong (0 byte). Pilih berkas lain.'] })
    if (input.bytes.byteLength > maxBytes) throw new ValidationError({ file: [uploadTooLargeMessage(maxBytes)] })
    // Decoded and re-encoded like every upload (decision 023).
    const decoded = await decodeUpload(input.bytes, ['jpeg', 'png', 'pdf'])
    if (!decoded) throw new ValidationError({ file: ['Formulir pendaftaran harus berupa berkas JPG, PNG, atau PDF.'] })
    if (!decoded.ok) throw new ValidationError({ file: [decoded.message] })
    storageKey = `documents/${reg.candidateId}/daftar-ulang-${document}-${randomUUID()}.${UPLOAD_FILE_TYPES[decoded.type].extension}`
    await input.storage.put(storageKey, decoded.bytes)
  }

  try {
    await ctx.db.transaction(async (tx) => {
      await tx.select().from(reRegistration).where(eq(reRegistration.registrationId, reg.id)).for('update')
      await refuseIfClosed(tx)
      await tx
        .insert(reRegistrationDocumentCheck)
        .values({ registrationId: reg.id, document, status: 'pending', reuploadKey: storageKey, reuploadedAt: ctx.now })
        .onConflictDoUpdate({
          target: [reRegistrationDocumentCheck.registrationId, reRegistrationDocumentCheck.document],
          set: { status: 'pending', reuploadKey: storageKey, reuploadedAt: ctx.now },
        })
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'reRegistration.reupload',
        entityType: 'registration',
        entityId: reg.id,
        institutionId: reg.institutionId,
        before: previous ? { document, status: previous.status, reason: previous.reason } : null,
        after: { document, storageKey },
      })
    })
  } catch (error) {
    if (document === 'receipt') await input.storage.delete(storageKey).catch(() => undefined)
    throw error
  }
  // The form's earlier scan is replaced; the profile's documents are the profile's to manage.
  if (document === 'receipt' && previous?.reuploadKey && previous.reuploadKey !== storageKey) {
    await input.storage.delete(previous.reuploadKey).catch(() => undefined)
  }
  return { document }
}
