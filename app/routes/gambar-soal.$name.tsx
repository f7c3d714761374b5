import { data } from 'react-router'
import type { Route } from './+types/gambar-soal.$name'
import { contentTypeOfImageKey, questionImageKeyFromName } from '../../server/assessments/banks/images'
import { runtime } from '../../server/runtime'

// A resource route: GET /gambar-soal/<uuid>.<png|jpg> serves a question image. Images
// are not personal data and never change once stored (a new upload gets a new key), so
// they are public and cached for a year, which keeps a test page light on a slow phone.
export async function loader({ params }: Route.LoaderArgs) {
  const key = questionImageKeyFromName(params.name ?? '')
  if (!key) throw data('Gambar tidak ditemukan.', { status: 404 })
  const { storage } = await runtime()
  let bytes: Uint8Array
  try {
    bytes = await storage.get(key)
  } catch {
    throw data('Gambar tidak ditemukan.', { status: 404 })
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': contentTypeOfImageKey(key),
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
