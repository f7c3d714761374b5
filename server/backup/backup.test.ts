import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { PassThrough } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { signIn } from '../accounts/signIn'
import { SYSTEM, type Actor } from '../auth/actor'
import { migrateDatabase, openPglite, queryRows, type Database } from '../db/client'
import { createCandidate, nextNik } from '../db/factories'
import { batch, candidateDocument, institution, registration, staffAssignment } from '../db/schema'
import { seedDemo, DEMO_PASSWORD } from '../db/seed'
import { readDocument } from '../profiles/readDocument'
import { uploadDocument } from '../profiles/uploadDocument'
import { registerCandidate } from '../registrations/registerCandidate'
import { createLocalStorage } from '../storage'
import { createBackup, type BackupManifest } from './backup'
import { backedUpTables } from './catalog'
import { restoreBackup } from './restore'
import { readTar, TarWriter } from './tar'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
)
const NOW = new Date('2026-11-28T02:00:00Z')
const PASSWORD = 'Kendari-Maju-2026'

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of await backedUpTables(database.db)) {
    const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from "${t}"`))
    out[t] = row!.n
  }
  return out
}

/** Rewrite a backup's manifest (to simulate one made elsewhere). */
async function withManifest(file: string, out: string, change: (m: BackupManifest) => void) {
  const gzip = createGzip()
  const pass = new PassThrough()
  const done = pipeline(pass, gzip, createWriteStream(out))
  const writer = new TarWriter(pass, NOW)
  for await (const entry of readTar(createReadStream(file).pipe(createGunzip()))) {
    const parts: Buffer[] = []
    for await (const c of entry.body()) parts.push(c)
    let bytes = Buffer.concat(parts)
    if (entry.name === 'manifest.json') {
      const manifest = JSON.parse(bytes.toString('utf8')) as BackupManifest
      change(manifest)
      bytes = Buffer.from(JSON.stringify(manifest))
    }
    await writer.add(entry.name, bytes.length, bytes)
  }
  await writer.finish()
  pass.end()
  await done
}

describe('backup and restore', async () => {
  const work = mkdtempSync(join(tmpdir(), 'latih-backup-test-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))
  const sourceUploads = join(work, 'source/uploads')
  const storage = createLocalStorage(sourceUploads)

  const source = await createTestDatabase()
  const seeded = await seedDemo(source.db, NOW)
  const [demoBatch] = await source.db
    .select()
    .from(batch)
    .where(and(eq(batch.institutionId, seeded!.institutionId), lte(batch.registrationOpensAt, NOW), gt(batch.registrationClosesAt, NOW)))
    .orderBy(asc(batch.id))
  // Twelve candidates, each with three real documents and a registration.
  const candidates: Array<{ actor: Actor; nik: string }> = []
  for (let i = 0; i < 12; i++) {
    const nik = nextNik()
    const { user } = await createCandidate(source.db, { nik, email: `calon.${i}@contoh.test`, password: PASSWORD, complete: true })
    const actor: Actor = { kind: 'candidate', userId: user.id, email: user.email, displayName: user.displayName, roles: [] }
    const ctx = contextFor(source, actor, NOW)
    for (const [kind, bytes] of [['photo', PNG], ['ktp', JPEG], ['diploma', Buffer.concat([PNG, Buffer.from([i])])]] as const) {
      await uploadDocument(ctx, { candidateId: user.id, kind, fileName: `${kind}.png`, bytes: new Uint8Array(bytes), storage })
    }
    await registerCandidate(ctx, { candidateId: user.id, batchId: demoBatch!.id })
    candidates.push({ actor, nik })
  }
  const sourceCounts = await counts(source)
  const backupFile = join(work, 'latih-2026-11-28.tar.gz')

  it('writes one file with every table and every uploaded document, readable by the system tar', async () => {
    const manifest = await createBackup(source, { outFile: backupFile, uploadsDir: sourceUploads, now: NOW })
    expect(manifest.tables.find((t) => t.name === 'registration')?.rows).toBe(sourceCounts.registration)
    expect(manifest.tables.some((t) => t.name === 'region')).toBe(false)
    expect(manifest.uploads.files).toBe(36)
    // The demo seed's candidates have document rows without files (factory rows): the
    // backup names them, and none of the real uploads.
    expect(manifest.missingFiles.every((key) => key.endsWith('-factory.png'))).toBe(true)
    expect(manifest.missingFiles.some((key) => candidates.some((c) => key.includes(c.actor.userId)))).toBe(false)
    expect(manifest.schema.migrations).toBeGreaterThan(0)
    const listing = spawnSync('tar', ['-tzf', backupFile], { encoding: 'utf8' })
    expect(listing.status).toBe(0)
    const names = listing.stdout.trim().split('\n')
    expect(names[0]).toBe('manifest.json')
    expect(names.filter((n) => n.startsWith('uploads/documents/'))).toHaveLength(36)
    expect(statSync(backupFile).mode & 0o077).toBe(0)
    // Never overwrites an existing file.
    await expect(createBackup(source, { outFile: backupFile, uploadsDir: sourceUploads, now: NOW })).rejects.toThrow(/already exists/)
  })

  it('restores into a fresh database every row, every registration and every document', async () => {
    const target = await createTestDatabase()
    const targetUploads = join(work, 'target/uploads')
    const result = await restoreBackup(target, { inFile: backupFile, uploadsDir: targetUploads })
    expect(result.files).toBe(36)
    expect(await counts(target)).toEqual(sourceCounts)

    const registrations = (db: Database['db']) => db.select().from(registration).orderBy(asc(registration.id))
    expect(await registrations(target.db)).toEqual(await registrations(source.db))
    const documents = (db: Database['db']) => db.select().from(candidateDocument).orderBy(asc(candidateDocument.id))
    expect(await documents(target.db)).toEqual(await documents(source.db))

    const targetStorage = createLocalStorage(targetUploads)
    for (const c of candidates) {
      for (const kind of ['photo', 'ktp', 'diploma']) {
        const before = await readDocument(contextFor(source, c.actor, NOW), { candidateId: c.actor.userId, kind, storage })
        const after = await readDocument(contextFor(target, c.actor, NOW), { candidateId: c.actor.userId, kind, storage: targetStorage })
        expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true)
      }
    }
    // Encrypted NIKs and their look-up hashes came along: sign-in by NIK works, staff too.
    const candidate = candidates[3]!
    expect(await signIn(contextFor(target, SYSTEM, NOW), { identifier: candidate.nik, password: PASSWORD })).toMatchObject({ userId: candidate.actor.userId })
    expect(await signIn(contextFor(target, SYSTEM, NOW), { identifier: 'admin@bpvp-kendari.test', password: DEMO_PASSWORD })).toMatchObject({ kind: 'staff' })
    // Serial ids continue after the restored rows.
    await target.db.execute(sql`insert into local_mail ("to", subject, text, html) values ('a@b.test', 's', 't', 'h')`)

    // A second restore into the same, now filled database is refused and changes nothing …
    await expect(restoreBackup(target, { inFile: backupFile, uploadsDir: targetUploads })).rejects.toThrow(/not empty/)
    // … unless forced, which replaces its contents.
    await target.db.insert(institution).values({ code: 'EXTRA', name: 'Tambahan', timeZone: 'Asia/Jakarta' })
    await restoreBackup(target, { inFile: backupFile, uploadsDir: targetUploads, force: true })
    expect(await counts(target)).toEqual(sourceCounts)
  })

  it('refuses a backup made under another LATIH_SECRET, or by a newer Latih, before touching anything', async () => {
    const target = await createTestDatabase()
    const otherSecret = join(work, 'other-secret.tar.gz')
    await withManifest(backupFile, otherSecret, (m) => {
      m.secretFingerprint = 'another-deployment'
    })
    const uploadsDir = join(work, 'refused/uploads')
    await expect(restoreBackup(target, { inFile: otherSecret, uploadsDir })).rejects.toThrow(/another LATIH_SECRET/)
    const newer = join(work, 'newer.tar.gz')
    await withManifest(backupFile, newer, (m) => {
      m.schema.migrations += 1
      m.schema.lastCreatedAt = Date.now() + 86_400_000
    })
    await expect(restoreBackup(target, { inFile: newer, uploadsDir })).rejects.toThrow(/newer or different version/)
    writeFileSync(join(work, 'not-a-backup.tar.gz'), 'hello')
    await expect(restoreBackup(target, { inFile: join(work, 'not-a-backup.tar.gz'), uploadsDir })).rejects.toThrow()
    expect((await target.db.select().from(staffAssignment)).length).toBe(0)
  })

  it('moves a PGlite deployment to the configured database (PostgreSQL in the PostgreSQL run)', async () => {
    // Its own fresh PGlite, whatever the configured test database is.
    const pglite = await openPglite(undefined)
    try {
      await migrateDatabase(pglite)
      const trial = await seedDemo(pglite.db, NOW)
      const file = join(work, 'from-pglite.tar.gz')
      await createBackup(pglite, { outFile: file, uploadsDir: join(work, 'pglite/uploads'), now: NOW })
      const target = await createTestDatabase()
      await restoreBackup(target, { inFile: file, uploadsDir: join(work, 'moved/uploads') })
      expect(await counts(target)).toEqual(await counts(pglite))
      expect((await target.db.select().from(institution)).map((i) => i.id)).toEqual([trial!.institutionId])
    } finally {
      await pglite.close()
    }
    // A whole first start (migrations, the demo seed) and a move: minutes on a busy 2-core machine.
  }, 240_000)

  it('leaves nothing behind when the file is cut short', async () => {
    const target = await createTestDatabase()
    const cut = join(work, 'cut.tar.gz')
    writeFileSync(cut, readFileSync(backupFile))
    truncateSync(cut, Math.floor(statSync(cut).size * 0.6))
    const uploadsDir = join(work, 'cut/uploads')
    await expect(restoreBackup(target, { inFile: cut, uploadsDir })).rejects.toThrow()
    expect(Object.values(await counts(target)).every((n) => n === 0)).toBe(true)
    expect(spawnSync('ls', [uploadsDir]).status).not.toBe(0)
  })
})
