// Reading an upload without trusting its size: the body is read up to a limit and the
// rest is discarded, so an oversized file never sits in memory but the browser still
// gets a readable answer (closing the connection mid-upload shows a network error).

/** Room for the multipart boundaries, headers and the small text fields beside the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024

/** Past this, stop reading altogether; nobody sends 64 MB to a 2 MB limit by mistake. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024

/** Whether the declared Content-Length already says the body is too large. */
export function declaredTooLarge(request: Request, maxFileBytes: number): boolean {
  const declared = Number(request.headers.get('Content-Length') ?? '')
  return Number.isFinite(declared) && declared > maxFileBytes + MULTIPART_OVERHEAD_BYTES
}

/** Read and throw away the rest of a body we refuse. */
export async function discardBody(request: Request): Promise<void> {
  const reader = request.body?.getReader()
  if (!reader) return
  let seen = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      seen += value.byteLength
      if (seen > DISCARD_LIMIT_BYTES) {
        await reader.cancel()
        return
      }
    }
  } catch {
    // The client went away; nothing to answer.
  }
}

/**
 * The posted multipart form, or null when the body is larger than the limit (the
 * excess is read and dropped).
 */
export async function readLimitedFormData(request: Request, maxFileBytes: number): Promise<FormData | null> {
  const limit = maxFileBytes + MULTIPART_OVERHEAD_BYTES
  const reader = request.body?.getReader()
  if (!reader) return new FormData()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      reader.releaseLock()
      await discardBody(request)
      return null
    }
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    body.set(c, offset)
    offset += c.byteLength
  }
  return new Response(body, { headers: { 'Content-Type': request.headers.get('Content-Type') ?? '' } }).formData()
}
