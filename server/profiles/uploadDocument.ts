import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { sha256 } from '../auth/crypto'
import { authorize } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { candidateDocument } from '../db/schema'
import { decodeUpload } from '../documents/decodeUpload'
import { cleanOriginalName, UPLOAD_FILE_TYPES, uploadTooLargeMessage, type UploadFileType } from '../documents/uploadContent'
import { env } from '../env'
import { ValidationError } from '../errors'
import type { FileStorage } from '../storage'
import { documentKindSchema, type DocumentKind } from './schemas'

export interface UploadDocumentInput {
  candidateId: string
  kind: DocumentKind | string
  /** The name the browser sent; kept for display only, never used to decide the type. */
  fileName: string
  bytes: Uint8Array
  storage: FileStorage
}

const ACCEPTED: Record<DocumentKind, { types: readonly UploadFileType[]; message: string }> = {
  photo: { types: ['jpeg', 'png'], message: 'Pas foto harus berupa gambar JPG atau PNG.' },
  ktp: { types: ['jpeg', 'png', 'pdf'], message: 'Foto KTP harus berupa berkas JPG, PNG, atau PDF.' },
  diploma: { types: ['jpeg', 'png', 'pdf'], message: 'Ijazah harus berupa berkas JPG, PNG, atau PDF.' },
}

/**
 * Store a profile document (photo, KTP, last diploma). The type is decided by the
 * file's content; a new upload replaces the previous one of the same kind, whose file
 * is deleted only after the new row is committed.
 */
export async function uploadDocument(
  ctx: UseCaseContext,
  input: UploadDocumentInput,
): Promise<{ kind: DocumentKind; contentType: string; byteSize: number; replaced: boolean }> {
  const { candidateId, storage } = input
  authorize(ctx.actor, 'document.upload', { candidateId })
  const kindResult = documentKindSchema.safeParse(input.kind)
  if (!kindResult.success) throw new ValidationError({ kind: ['Jenis dokumen tidak dikenal.'] })
  const kind = kindResult.data

  const maxBytes = env().MAX_UPLOAD_BYTES
  if (input.bytes.byteLength === 0) throw new ValidationError({ file: ['Berkas kosong (0 byte). Pilih berkas lain.'] })
  if (input.bytes.byteLength > maxBytes) throw new ValidationError({ file: [uploadTooLargeMessage(maxBytes)] })
  // Decoded and re-encoded before anything is stored (decision 023): images become a
  // clean JPEG without EXIF, PDFs are parsed and saved again; anything else is refused.
  const decoded = await decodeUpload(input.bytes, ACCEPTED[kind].types)
  if (!decoded) throw new ValidationError({ file: [ACCEPTED[kind].message] })
  if (!decoded.ok) throw new ValidationError({ file: [decoded.message] })
  const { type, bytes } = decoded

  const { contentType, extension } = UPLOAD_FILE_TYPES[type]
  const storageKey = `documents/${candidateId}/${kind}-${randomUUID()}.${extension}`
  const digest = sha256(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  const originalName = cleanOriginalName(input.fileName)

  // The file first: a row must never point at a file that is not there.
  await storage.put(storageKey, bytes)
  let previousKey: string | null
  try {
    previousKey = await ctx.db.transaction(async (tx) => {
      const [previous] = await tx
        .select()
        .from(candidateDocument)
        .where(and(eq(candidateDocument.userId, candidateId), eq(candidateDocument.kind, kind)))
        .for('update')
      const values = {
        storageKey,
        contentType,
        byteSize: bytes.byteLength,
        sha256: digest,
        originalName,
        uploadedAt: ctx.now,
        uploadedBy: ctx.actor.kind === 'system' ? candidateId : ctx.actor.userId,
      }
      const [row] = await tx
        .insert(candidateDocument)
        .values({ userId: candidateId, kind, ...values })
        .onConflictDoUpdate({ target: [candidateDocument.userId, candidateDocument.kind], set: values })
        .returning({ id: candidateDocument.id })
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'document.upload',
        entityType: 'candidate_document',
        entityId: row!.id,
        before: previous
          ? { kind, storageKey: previous.storageKey, contentType: previous.contentType, byteSize: previous.byteSize, sha256: previous.sha256 }
          : null,
        after: { kind, storageKey, contentType, byteSize: bytes.byteLength, sha256: digest, originalName },
      })
      return previous?.storageKey ?? null
    })
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined)
    throw error
  }

  if (previousKey && previousKey !== storageKey) {
    // After commit: a failed delete leaves an orphan file, never a row without a file.
    await storage.delete(previousKey).catch((e: unknown) => {
      console.warn(`[latih] could not delete replaced document ${previousKey}:`, e)
    })
  }
  return { kind, contentType, byteSize: bytes.byteLength, replaced: previousKey !== null }
}
