// "What anonymous visitors see has changed": the catalogue, a batch page or a results
// page. Use cases call publicContentChanged() after their transaction commits; the
// production server's public page cache (server/http/publicPageCache.ts) listens and
// drops what it holds. In-process only: another app process notices through its cache's
// short lifetime instead (decision 025).

type Listener = () => void

const listeners = new Set<Listener>()

export function publicContentChanged(): void {
  for (const listener of listeners) listener()
}

/** Subscribe; returns the unsubscribe function. */
export function onPublicContentChanged(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Await the use case's transaction, then tell the listeners: only after the commit, so
 * a page rendered in between cannot keep the old content (a failed one tells no one).
 */
export async function changesPublicContent<T>(committed: Promise<T>): Promise<T> {
  const result = await committed
  publicContentChanged()
  return result
}
