import type { Route } from './+types/wilayah'
import { isParentRegionCode, listRegionChildren } from '../../server/regions/regions'
import { runtime } from '../../server/runtime'

// GET /wilayah?induk=<code> — the regions under a province, regency or district (or the
// provinces without induk), as JSON [{ code, name }] for the address selects. Public
// reference data (Kemendagri codes), so it may be cached anywhere for a day.
export async function loader({ request }: Route.LoaderArgs) {
  const induk = new URL(request.url).searchParams.get('induk')?.trim() ?? ''
  if (induk !== '' && !isParentRegionCode(induk)) {
    return Response.json({ error: 'Kode wilayah tidak valid.' }, { status: 400 })
  }
  const { db } = await runtime()
  const regions = await listRegionChildren(db, induk === '' ? null : induk)
  return Response.json(regions, { headers: { 'Cache-Control': 'public, max-age=86400' } })
}
