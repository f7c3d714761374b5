import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { candidateDocument } from '../db/schema'
import { ForbiddenError, NotFoundError } from '../errors'
import type { FileStorage } from '../storage'
import { authorizeCandidateData, handedOverInstitution } from './access'
import { documentKindSchema, type DocumentKind } from './schemas'

export interface ReadDocumentInput {
  candidateId: string
  kind: DocumentKind | string
  storage: FileStorage
}

export interface DocumentFile {
  kind: DocumentKind
  bytes: Uint8Array
  contentType: string
  byteSize: number
  originalName: string
  sha256: string
}

const Input = z.object({ candidateId: z.uuid(), kind: documentKindSchema })

/**
 * A profile document for its owner (or the kiosk officer assisting them), for staff of a
 * centre where the candidate registered as far as their step needs it (the KTP: only
 * administrators), and for the organiser a participant was handed over to. Staff reads
 * are audited.
 */
export async function readDocument(ctx: UseCaseContext, input: ReadDocumentInput): Promise<DocumentFile> {
  const parsed = Input.safeParse({ candidateId: input.candidateId, kind: input.kind })
  if (!parsed.success) throw new NotFoundError('Dokumen tidak ditemukan.')
  const { candidateId, kind } = parsed.data
  // Permission before existence: a refusal says nothing about whether the file exists.
  // The KTP has its own, narrower permission; the organiser reads only what was handed over
  // to them (docs/decisions/022).
  const permission = kind === 'ktp' ? 'document.readKtp' : 'document.read'
  let institutionId: string | null
  try {
    ;({ institutionId } = await authorizeCandidateData(ctx.db, ctx.actor, permission, candidateId))
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error
    institutionId = await handedOverInstitution(ctx.db, ctx.actor, candidateId)
    if (!institutionId) throw error
  }

  const [row] = await ctx.db
    .select()
    .from(candidateDocument)
    .where(and(eq(candidateDocument.userId, candidateId), eq(candidateDocument.kind, kind)))
  if (!row) throw new NotFoundError('Dokumen belum diunggah.')

  let bytes: Uint8Array
  try {
    bytes = await input.storage.get(row.storageKey)
  } catch {
    throw new NotFoundError('Berkas dokumen tidak ditemukan di penyimpanan. Unggah ulang dokumen ini.')
  }

  if (ctx.actor.kind === 'staff') {
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'document.read',
        entityType: 'candidate_document',
        entityId: row.id,
        institutionId: institutionId ?? (ctx.actor.kind === 'staff' ? ctx.actor.assisted?.institutionId : null) ?? null,
        after: { candidateId, kind, sha256: row.sha256 },
      })
    })
  }

  return {
    kind,
    bytes,
    contentType: row.contentType,
    byteSize: row.byteSize,
    originalName: row.originalName,
    sha256: row.sha256,
  }
}
