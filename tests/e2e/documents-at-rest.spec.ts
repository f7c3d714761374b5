// Decision 021 against the production build: the documents a candidate uploads (JavaScript
// off, plain multipart forms) are on disk encrypted, 0600 in folders 0700, and still come
// back as the files they were from the candidate's own download links; the embedded key
// file is in the data folder's root, 0600, not among the documents.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from './fixtures'
import { newCandidate, signUp, uploadDocuments, verifyEmailFromMail } from './journeys/candidate'
import { E2E_SUFFIX } from './phone'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DATA_DIR = resolve(ROOT, `tests/.artifacts/e2e-data${E2E_SUFFIX}`)
const UPLOADS = join(DATA_DIR, 'uploads')

test('uploaded documents are encrypted at rest, private to the server, and download as they were', async ({ noJsPage: page }) => {
  test.setTimeout(120_000)
  const candidate = newCandidate({ emailPrefix: 'kandidat-berkas' })
  await signUp(page, candidate, { js: false, prefix: 'berkas', a11y: false })
  await verifyEmailFromMail(page, candidate, { prefix: 'berkas', a11y: false })
  await uploadDocuments(page, { js: false, prefix: 'berkas', a11y: false })

  // Images are decoded and written again on upload (decision 023): JPEG or PNG either way.
  const image = [Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0x89, 0x50, 0x4e, 0x47])]
  const signatures = { photo: image, ktp: image, diploma: [Buffer.from('%PDF', 'latin1')] }
  const downloaded: Buffer[] = []
  for (const [kind, allowed] of Object.entries(signatures)) {
    const response = await page.request.get(`/profil/dokumen/${kind}`)
    expect(response.status(), kind).toBe(200)
    const body = Buffer.from(await response.body())
    expect(allowed.some((s) => body.subarray(0, s.length).equals(s)), `${kind} downloads as a real file`).toBe(true)
    downloaded.push(body)
  }

  const files = readdirSync(UPLOADS, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
  expect(files.length).toBeGreaterThanOrEqual(3)
  for (const e of files) {
    const path = join(e.parentPath, e.name)
    const stored = readFileSync(path)
    expect(stored.subarray(0, 8).toString('latin1'), path).toBe('LATIHENC')
    expect(statSync(path).mode & 0o777, path).toBe(0o600)
    expect(statSync(e.parentPath).mode & 0o777, e.parentPath).toBe(0o700)
    // No downloaded file's bytes are on disk as they are.
    for (const body of downloaded) expect(stored.includes(body.subarray(8, 72)), path).toBe(false)
  }
  expect(statSync(UPLOADS).mode & 0o777).toBe(0o700)
  expect(statSync(join(DATA_DIR, '.secret')).mode & 0o777).toBe(0o600)
  expect(files.some((e) => e.name === '.secret')).toBe(false)
})
