import type { Route } from './+types/kios.daftar-ulang.$registrationId.berkas.$document'
import { UseCaseError } from '../../server/errors'
import { readDocumentFile } from '../../server/reRegistration/readDocumentFile'
import { runtime } from '../../server/runtime'
import { actorContext } from '../lib/context.server'

// GET /kios/daftar-ulang/:registrationId/berkas/:document — the uploaded file behind a
// document of re-registration, shown at the desk (readDocumentFile decides and audits).
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await actorContext(request)
  const { storage } = await runtime()
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' }
  try {
    const file = await readDocumentFile(ctx, { registrationId: params.registrationId, document: params.document, storage })
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        ...headers,
        'Content-Type': file.contentType,
        'Content-Length': String(file.bytes.byteLength),
        // A name we build, never the uploaded one.
        'Content-Disposition': `inline; filename="${file.filename}"`,
      },
    })
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error
    return new Response(error.message, { status: error.status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } })
  }
}
