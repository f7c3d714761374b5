import type { Route } from './+types/profil.dokumen.$kind'
import { UseCaseError } from '../../server/errors'
import { UPLOAD_FILE_TYPES } from '../../server/documents/uploadContent'
import { readDocument } from '../../server/profiles/readDocument'
import { runtime } from '../../server/runtime'
import { actorContext, candidateContext } from '../lib/context.server'

// GET /profil/dokumen/:kind — the candidate's own file (or, for the kiosk officer
// assisting them, theirs). Staff pass ?calon=<candidateId>; readDocument decides
// whether they may see it and records the read.
export async function loader({ request, params }: Route.LoaderArgs) {
  const calon = new URL(request.url).searchParams.get('calon')
  // Staff name the candidate in the URL; a candidate (or their kiosk officer) reads their own.
  const { candidateId, ctx } = calon
    ? { ...(await actorContext(request)), candidateId: calon }
    : await candidateContext(request)
  const { storage } = await runtime()
  try {
    const file = await readDocument(ctx, { candidateId, kind: params.kind, storage })
    const extension = Object.values(UPLOAD_FILE_TYPES).find((t) => t.contentType === file.contentType)?.extension ?? 'bin'
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.bytes.byteLength),
        // A name we build, never the uploaded one, so nothing odd reaches the header.
        'Content-Disposition': `inline; filename="${file.kind}.${extension}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error
    return new Response(error.message, {
      status: error.status,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    })
  }
}
