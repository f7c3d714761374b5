import { createReadStream, existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrateDatabase, queryRows, type Database, type DbOrTx } from '../db/client'
import { DIR_MODE, writePrivate } from '../storage'
import { BACKUP_FORMAT, BackupError, knownSecretFingerprints, MANIFEST, type BackupManifest } from './backup'
import { appliedMigrations, backedUpTables, insertableColumns, MIGRATIONS_FOLDER, quoteIdent, readJournal, serialColumns } from './catalog'
import { readTar, type TarEntry } from './tar'

const BATCH_ROWS = 500
const BATCH_CHARS = 4 * 1024 * 1024
const STORAGE_KEY = /^[a-z0-9/_.-]+$/i

export interface RestoreResult {
  manifest: BackupManifest
  tables: Array<{ name: string; rows: number }>
  files: number
}

/**
 * Restore a backup made by createBackup into an empty database (PGlite or PostgreSQL,
 * whichever it came from) and the uploads folder. Refuses a database or uploads folder
 * that already holds data, unless `force` (then the application's tables are emptied
 * first), and a backup made under another LATIH_SECRET (its NIKs could not be read),
 * unless `force`. The rows go in within one transaction: a failed restore leaves
 * nothing behind. The schema is brought to the backup's version first and to this
 * version of Latih after.
 */
export async function restoreBackup(
  database: Database,
  options: { inFile: string; uploadsDir: string; force?: boolean; log?: (line: string) => void },
): Promise<RestoreResult> {
  const inFile = resolve(options.inFile)
  if (!existsSync(inFile)) throw new BackupError(`${inFile} does not exist.`)
  const uploadsDir = resolve(options.uploadsDir)
  const entries = readTar(createReadStream(inFile).pipe(createGunzip()))
  try {
    return await restoreFrom(database, entries, { ...options, inFile, uploadsDir })
  } finally {
    // Closes the file when a check refused the backup before reading it through.
    await entries.return(undefined)
  }
}

async function restoreFrom(
  database: Database,
  entries: AsyncGenerator<TarEntry>,
  options: { inFile: string; uploadsDir: string; force?: boolean; log?: (line: string) => void },
): Promise<RestoreResult> {
  const { inFile, uploadsDir } = options
  const { db } = database
  const first = await entries.next()
  if (first.done || first.value.name !== MANIFEST) throw new BackupError(`${inFile} is not a Latih backup (no ${MANIFEST} first).`)
  const manifest = JSON.parse((await collect(first.value)).toString('utf8')) as BackupManifest
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1) throw new BackupError(`${inFile} is not a Latih backup of a known version.`)

  if (!knownSecretFingerprints().includes(manifest.secretFingerprint) && !options.force) {
    throw new BackupError(
      'This backup was made under another LATIH_SECRET: its NIKs and documents could not be read or found with this one. ' +
        'Set the LATIH_SECRET of the deployment the backup came from, or list it in LATIH_SECRET_PREVIOUS ' +
        '(or restore with --force to accept unreadable NIKs and documents).',
    )
  }

  // The schema: the backup's version first, so its rows fit; this version's migrations after.
  const journal = readJournal()
  const wanted = manifest.schema.migrations
  if (wanted > journal.length || (wanted > 0 && journal[wanted - 1]!.when !== manifest.schema.lastCreatedAt)) {
    throw new BackupError('This backup was made by a newer or different version of Latih; restore it with that version.')
  }
  const applied = (await appliedMigrations(db)).length
  if (applied > wanted) {
    throw new BackupError(
      `This database is already at a newer schema (${applied} migrations) than the backup (${wanted}). ` +
        'Restore into a new, empty database (e.g. createdb latih_restore) before the server starts on it.',
    )
  }
  if (applied < wanted) await migrateTo(database, journal.slice(0, wanted).map((e) => e.tag))

  const tables = await backedUpTables(db)
  const known = new Set(tables)
  const unknown = manifest.tables.filter((t) => !known.has(t.name)).map((t) => t.name)
  if (unknown.length > 0) throw new BackupError(`The backup has tables this schema does not: ${unknown.join(', ')}.`)
  const filled = await nonEmptyTables(db, tables)
  if (filled.length > 0 && !options.force) {
    throw new BackupError(
      `The database is not empty (${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''} hold rows). ` +
        'Restore into an empty database, or add --force to replace its contents.',
    )
  }
  if ((await hasFiles(uploadsDir)) && !options.force) {
    throw new BackupError(`The uploads folder ${uploadsDir} is not empty. Restore into an empty data folder, or add --force.`)
  }

  const staging = `${uploadsDir}.restoring`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true, mode: DIR_MODE })
  try {
    const result = await db.transaction(async (tx) => {
      if (filled.length > 0) await tx.execute(sql.raw(`truncate ${tables.map(quoteIdent).join(', ')} cascade`))
      const counts: RestoreResult['tables'] = []
      let files = 0
      for (let next = await entries.next(); !next.done; next = await entries.next()) {
        const entry = next.value
        if (entry.name.startsWith('db/')) {
          const table = manifest.tables.find((t) => t.file === entry.name)
          if (!table) throw new BackupError(`Unexpected ${entry.name} in the backup.`)
          const rows = await loadTable(tx, table.name, entry)
          if (rows !== table.rows) throw new BackupError(`${table.name}: ${rows} rows read, the backup lists ${table.rows} (damaged file?).`)
          counts.push({ name: table.name, rows })
          options.log?.(`  ${table.name.padEnd(28)} ${rows} rows`)
        } else if (entry.name.startsWith('uploads/')) {
          const key = entry.name.slice('uploads/'.length)
          if (!STORAGE_KEY.test(key) || key.split('/').some((part) => part === '..' || part === '')) {
            throw new BackupError(`Refusing the file name ${entry.name} in the backup.`)
          }
          // Copied as stored (encrypted documents stay encrypted), readable by the server's user only.
          await writePrivate(staging, join(staging, key), await collect(entry))
          files += 1
        } else if (!entry.name.endsWith('/')) {
          throw new BackupError(`Unexpected ${entry.name} in the backup.`)
        }
      }
      const missing = manifest.tables.filter((t) => !counts.some((c) => c.name === t.name))
      if (missing.length > 0) throw new BackupError(`The backup ends before ${missing[0]!.name} (truncated file?).`)
      if (files !== manifest.uploads.files) throw new BackupError(`${files} uploaded files read, the backup lists ${manifest.uploads.files}.`)
      // Serial ids continue after the restored ones.
      for (const { table, column } of await serialColumns(tx)) {
        await tx.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('${quoteIdent(table)}', '${column}'), coalesce((select max(${quoteIdent(column)}) from ${quoteIdent(table)}), 0) + 1, false)`,
          ),
        )
      }
      return { counts, files }
    })
    // Files take their place only once the rows are committed.
    await moveInto(staging, uploadsDir)
    await migrateDatabase(database)
    return { manifest, tables: result.counts, files: result.files }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function collect(entry: TarEntry): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const chunk of entry.body()) parts.push(chunk)
  return Buffer.concat(parts)
}

async function loadTable(tx: DbOrTx, table: string, entry: TarEntry): Promise<number> {
  const columns = (await insertableColumns(tx, table)).map(quoteIdent).join(', ')
  const statement = (json: string) =>
    sql`insert into ${sql.raw(quoteIdent(table))} (${sql.raw(columns)}) select ${sql.raw(columns)} from json_populate_recordset(null::${sql.raw(quoteIdent(table))}, ${json}::json)`
  const decoder = new StringDecoder('utf8')
  let rest = ''
  let batch: string[] = []
  let chars = 0
  let rows = 0
  const flush = async () => {
    if (batch.length === 0) return
    await tx.execute(statement(`[${batch.join(',')}]`))
    rows += batch.length
    batch = []
    chars = 0
  }
  const push = async (line: string) => {
    if (line === '') return
    batch.push(line)
    chars += line.length
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush()
  }
  for await (const chunk of entry.body()) {
    const lines = (rest + decoder.write(chunk)).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) await push(line)
  }
  await push(rest + decoder.end())
  await flush()
  return rows
}

async function nonEmptyTables(db: DbOrTx, tables: string[]): Promise<string[]> {
  const filled: string[] = []
  for (const t of tables) {
    const [row] = await queryRows<{ any: boolean }>(db, sql.raw(`select exists (select 1 from ${quoteIdent(t)}) as any`))
    if (row?.any) filled.push(t)
  }
  return filled
}

async function hasFiles(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.some((e) => e.isFile())
}

async function moveInto(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true })
  for (const e of entries) {
    if (!e.isFile()) continue
    const source = join(e.parentPath, e.name)
    const target = join(to, source.slice(from.length + 1))
    await mkdir(to, { recursive: true, mode: DIR_MODE })
    await mkdir(dirname(target), { recursive: true, mode: DIR_MODE })
    await rename(source, target)
  }
}

/** Apply only the first migrations (the backup's schema) from a copy of the journal. */
async function migrateTo(database: Database, tags: string[]): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'latih-migrations-'))
  try {
    await mkdir(join(folder, 'meta'))
    const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
    journal.entries = journal.entries.filter((e) => tags.includes(e.tag))
    await writeFile(join(folder, 'meta/_journal.json'), JSON.stringify(journal))
    for (const tag of tags) await copyFile(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`))
    if (database.kind === 'pglite') await migratePglite(database.db as never, { migrationsFolder: folder })
    else await migratePg(database.db as never, { migrationsFolder: folder })
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
