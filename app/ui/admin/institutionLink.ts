/** A page of the same institution: keeps ?lembaga= for an administrator of several. */
export function withInstitution(path: string, institutionId: string, several: boolean, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...(several ? { lembaga: institutionId } : {}), ...extra }).toString()
  return query ? `${path}?${query}` : path
}
