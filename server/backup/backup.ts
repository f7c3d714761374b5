import { createWriteStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { PassThrough } from 'node:stream'
import { createGzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { sign, signatures } from '../auth/crypto'
import { queryRows, type Database, type DbOrTx } from '../db/client'
import { appliedMigrations, backedUpTables, quoteIdent } from './catalog'
import { TarWriter } from './tar'

export const BACKUP_FORMAT = 'latih-backup'
export const MANIFEST = 'manifest.json'

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  version: 1
  createdAt: string
  databaseKind: Database['kind']
  /** The schema the rows belong to: how many migrations were applied, and the last one. */
  schema: { migrations: number; lastCreatedAt: number | null; lastHash: string | null }
  /**
   * A fingerprint of LATIH_SECRET (never the secret): stored NIKs are encrypted with it,
   * so a restore under another secret is refused instead of leaving unreadable NIKs.
   */
  secretFingerprint: string
  tables: Array<{ name: string; rows: number; file: string }>
  uploads: { files: number; bytes: number }
  /** Files the database refers to that were not found in the uploads folder. */
  missingFiles: string[]
}

export function secretFingerprint(): string {
  return sign('latih-backup', 'backup-fingerprint')
}

/**
 * The fingerprints of every secret this deployment reads (LATIH_SECRET and
 * LATIH_SECRET_PREVIOUS): a backup made before a key rotation still restores.
 */
export function knownSecretFingerprints(): string[] {
  return signatures('latih-backup', 'backup-fingerprint')
}

const FETCH_ROWS = 1000

/**
 * Write one consistent copy of every application table (one snapshot, through the app's
 * own connection: identical on PGlite and PostgreSQL, and a PGlite backup restores into
 * PostgreSQL) and every uploaded file, as a gzipped tar. Written under a temporary name
 * and renamed at the end, so a file with the final name is always complete.
 */
export async function createBackup(
  database: Database,
  options: { outFile: string; uploadsDir: string; now: Date; log?: (line: string) => void },
): Promise<BackupManifest> {
  const outFile = resolve(options.outFile)
  if (existsSync(outFile)) throw new BackupError(`${outFile} already exists; choose another file name.`)
  const partial = join(dirname(outFile), `.${basename(outFile)}.partial`)
  const work = await mkdtemp(join(dirname(outFile), '.latih-backup-'))
  try {
    const exported = await exportTables(database.db, work, options.log)
    const files = await listFiles(options.uploadsDir)
    const referenced = await referencedFiles(database.db)
    // Documents in PostgreSQL (FILE_STORAGE=database, decision 026) are rows of stored_file,
    // exported with the other tables; they are present too.
    const present = new Set([...files.map((f) => f.key), ...(await databaseFileKeys(database.db))])
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: options.now.toISOString(),
      databaseKind: database.kind,
      schema: {
        migrations: exported.migrations.length,
        lastCreatedAt: exported.migrations.at(-1)?.createdAt ?? null,
        lastHash: exported.migrations.at(-1)?.hash ?? null,
      },
      secretFingerprint: secretFingerprint(),
      tables: exported.tables,
      uploads: { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) },
      missingFiles: referenced.filter((key) => !present.has(key)),
    }

    const gzip = createGzip({ level: 6 })
    const tarStream = new PassThrough()
    const written = pipeline(tarStream, gzip, createWriteStream(partial, { mode: 0o600 }))
    const tar = new TarWriter(tarStream, options.now)
    try {
      const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2))
      await tar.add(MANIFEST, manifestBytes.length, manifestBytes)
      for (const t of exported.tables) {
        const path = join(work, t.file)
        const handle = await open(path)
        try {
          await tar.add(t.file, (await handle.stat()).size, handle.createReadStream())
        } finally {
          await handle.close().catch(() => undefined)
        }
      }
      for (const f of files) {
        // Read whole (uploads are at most a few MB), so a file replaced meanwhile is
        // copied as one version or the other, never half of each.
        const bytes = await readFile(join(options.uploadsDir, f.key))
        await tar.add(`uploads/${f.key}`, bytes.length, bytes)
      }
      await tar.finish()
    } finally {
      tarStream.end()
    }
    await written
    await rename(partial, outFile)
    return manifest
  } finally {
    await rm(work, { recursive: true, force: true })
    await rm(partial, { force: true })
  }
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

async function exportTables(db: Database['db'], work: string, log?: (line: string) => void) {
  await mkdir(join(work, 'db'))
  // One snapshot for every table: rows written while the backup runs are either all in
  // it or all out of it.
  return db.transaction(
    async (tx) => {
      const migrations = await appliedMigrations(tx)
      const names = await backedUpTables(tx)
      const tables: BackupManifest['tables'] = []
      for (const [index, name] of names.entries()) {
        const file = `db/${String(index).padStart(3, '0')}-${name}.ndjson`
        const out = createWriteStream(join(work, file))
        let rows = 0
        await tx.execute(sql.raw(`declare latih_backup no scroll cursor for select row_to_json(t)::text as j from ${quoteIdent(name)} t`))
        try {
          for (;;) {
            const batch = await queryRows<{ j: string }>(tx, sql.raw(`fetch ${FETCH_ROWS} from latih_backup`))
            if (batch.length === 0) break
            rows += batch.length
            // One JSON object per line: row_to_json never emits a raw newline.
            if (!out.write(batch.map((r) => r.j).join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()))
          }
        } finally {
          await tx.execute(sql.raw('close latih_backup'))
          await new Promise<void>((resolveEnd, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolveEnd())))
        }
        tables.push({ name, rows, file })
        log?.(`  ${name.padEnd(28)} ${rows} rows`)
      }
      return { migrations, tables }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

async function listFiles(root: string): Promise<Array<{ key: string; size: number }>> {
  if (!existsSync(root)) return []
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const files: Array<{ key: string; size: number }> = []
  for (const e of entries) {
    // A file being written (storage writes through a temporary name) is not yet a document.
    if (!e.isFile() || e.name.startsWith('.tmp-')) continue
    const path = join(e.parentPath, e.name)
    const key = relative(root, path).split(sep).join('/')
    files.push({ key, size: (await stat(path)).size })
  }
  return files.sort((a, b) => a.key.localeCompare(b.key))
}

/** Keys of the documents kept in the stored_file table (none before migration 0011). */
async function databaseFileKeys(db: DbOrTx): Promise<string[]> {
  const [table] = await queryRows<{ exists: boolean }>(db, sql`select to_regclass('stored_file') is not null as exists`)
  if (!table?.exists) return []
  return (await queryRows<{ key: string }>(db, sql`select key from stored_file`)).map((r) => r.key)
}

/** Storage keys the database points at (candidates' documents, question images). */
async function referencedFiles(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select storage_key as key from candidate_document
        union select image_key from question_version where image_key is not null
        order by 1`,
  )
  return rows.map((r) => r.key)
}
