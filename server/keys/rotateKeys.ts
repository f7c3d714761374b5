import { sql } from 'drizzle-orm'
import { SYSTEM } from '../auth/actor'
import { currentValuePrefix, decrypt, deploymentKeyIds, encrypt, keyedHash, keyedHashes } from '../auth/crypto'
import { recordAudit } from '../audit'
import { queryRows, type Db } from '../db/client'
import { rotateDatabaseFiles, rotateLocalFiles, type RotateFilesResult } from '../storage'
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encryptedColumns'

export interface ColumnRotation {
  column: string
  /** Values moved to the current key (their keyed hash recomputed with them). */
  rotated: number
  /** Values no key of the ring opens (left as they are, listed by key). */
  unreadable: string[]
}

export interface RotateKeysResult {
  keyId: string
  columns: ColumnRotation[]
  files: RotateFilesResult
}

export class RotationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RotationError'
  }
}

const ident = (name: string) => sql.identifier(name)

/**
 * Moves everything encrypted or keyed under a previous secret to LATIH_SECRET (decision
 * 021): every encrypted column (ENCRYPTED_COLUMNS) with its keyed hash, in batches of
 * `batchSize` rows, one transaction each; then every uploaded document, one file at a time,
 * on disk and in the stored_file table.
 * Resumable (a value already under the current key is not selected again, so an
 * interrupted run continues where it stopped) and idempotent (a second run changes
 * nothing and writes no audit row). A run that changed something is audited once.
 */
export async function rotateKeys(
  db: Db,
  options: { uploadsDir: string; now: Date; batchSize?: number; log?: (line: string) => void },
): Promise<RotateKeysResult> {
  const batchSize = options.batchSize ?? 500
  const keyId = deploymentKeyIds().current
  const columns: ColumnRotation[] = []
  for (const c of ENCRYPTED_COLUMNS) columns.push(await rotateColumn(db, c, batchSize, options.log))
  // Documents live on disk or in PostgreSQL (FILE_STORAGE, decision 026); both are brought
  // to the current key, so a deployment that moved from one to the other leaves nothing behind.
  const onDisk = await rotateLocalFiles(options.uploadsDir, options.log)
  const inDatabase = (await tableExists(db, 'stored_file')) ? await rotateDatabaseFiles(db, options.log) : undefined
  const files: RotateFilesResult = {
    encrypted: onDisk.encrypted + (inDatabase?.encrypted ?? 0),
    reencrypted: onDisk.reencrypted + (inDatabase?.reencrypted ?? 0),
    unchanged: onDisk.unchanged + (inDatabase?.unchanged ?? 0),
    modesFixed: onDisk.modesFixed,
  }

  const changed = columns.reduce((n, c) => n + c.rotated, 0) + files.encrypted + files.reencrypted + files.modesFixed
  if (changed > 0) {
    await db.transaction((tx) =>
      recordAudit(tx, SYSTEM, options.now, {
        action: 'keys.rotate',
        entityType: 'deployment',
        after: {
          keyId,
          columns: columns.map((c) => ({ column: c.column, rotated: c.rotated, unreadable: c.unreadable.length })),
          files,
        },
      }),
    )
  }
  return { keyId, columns, files }
}

async function rotateColumn(db: Db, c: EncryptedColumn, batchSize: number, log?: (line: string) => void): Promise<ColumnRotation> {
  const name = `${c.table}.${c.column}`
  const result: ColumnRotation = { column: name, rotated: 0, unreadable: [] }
  if (!(await tableExists(db, c.table))) return result
  const prefix = `${currentValuePrefix()}%`
  let after: string | null = null
  for (;;) {
    const rows: Array<{ k: string; v: string; h: string | null }> = await queryRows<{ k: string; v: string; h: string | null }>(
      db,
      sql`select ${ident(c.key)}::text as k, ${ident(c.column)} as v, ${c.hash ? ident(c.hash.column) : sql`null`} as h from ${ident(c.table)}
          where ${ident(c.column)} is not null and ${ident(c.column)} not like ${prefix}
          ${after === null ? sql`` : sql`and ${ident(c.key)} > ${after}::uuid`}
          order by ${ident(c.key)} limit ${batchSize}`,
    )
    if (rows.length === 0) break
    after = rows.at(-1)!.k
    try {
      result.rotated += await db.transaction(async (tx) => {
        let done = 0
        for (const row of rows) {
          let plain: string
          try {
            plain = decrypt(row.v, c.purpose)
          } catch {
            result.unreadable.push(row.k)
            continue
          }
          // The hash is recomputed where it is the keyed hash of this value under a key of the
          // ring; anything else there (a marker such as a released NIK's) is left as it is.
          const rehash = c.hash && row.h !== null && keyedHashes(plain, c.hash.purpose).includes(row.h)
          const hash = c.hash && rehash ? sql`, ${ident(c.hash.column)} = ${keyedHash(plain, c.hash.purpose)}` : sql``
          // Only if unchanged since it was read: a value the app rewrote meanwhile is already current.
          const updated = await queryRows(
            tx,
            sql`update ${ident(c.table)} set ${ident(c.column)} = ${encrypt(plain, c.purpose)}${hash}
                where ${ident(c.key)} = ${row.k}::uuid and ${ident(c.column)} = ${row.v} returning 1 as one`,
          )
          done += updated.length
        }
        return done
      })
    } catch (error) {
      const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code
      if (code === '23505') {
        throw new RotationError(
          `${name}: two rows hold the same value under different keys (a keyed hash collides after re-encryption, rows after ${after}). ` +
            'This happens when the server ran with the new secret before rotation finished; resolve the duplicate and run rotate-keys again.',
        )
      }
      throw error
    }
    log?.(`  ${name}: ${result.rotated} re-encrypted so far`)
  }
  return result
}

async function tableExists(db: Db, table: string): Promise<boolean> {
  const [row] = await queryRows<{ exists: boolean }>(db, sql`select to_regclass(${table}) is not null as exists`)
  return row?.exists === true
}
