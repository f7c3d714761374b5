/**
 * The client's address for the per-address sign-in limit. React Router hands the action
 * only a Request, so the address comes from the reverse proxy's X-Forwarded-For: the
 * last entry is the one our proxy appended (earlier entries are whatever the client
 * sent). Without a proxy there is no header and only the per-identifier limit applies.
 */
export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get('X-Forwarded-For')
  const last = forwarded?.split(',').at(-1)?.trim()
  if (last) return last.slice(0, 100)
  return request.headers.get('X-Real-IP')?.trim().slice(0, 100) || null
}
