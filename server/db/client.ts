import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import * as schema from './schema'

export { schema }

/** The database handle every use case takes: PGlite and node-postgres look the same. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction handle; use cases accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

/** Rows of a hand-written statement: both drivers answer `execute` with `{ rows }`. */
export async function queryRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] }
  return result.rows
}

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

const MIGRATIONS = resolve(process.cwd(), 'server/db/migrations')

export async function openPglite(dataDir: string | undefined, loadFrom?: Blob): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const client = new PGlite({ dataDir, loadDataDir: loadFrom })
  await client.waitReady
  const db = drizzlePglite(client, { schema }) as unknown as Db
  return { db, kind: 'pglite', close: () => client.close() }
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max })
  // An idle connection can be closed by the server (restart, failover, a dropped test
  // database); the pool replaces it. Without a listener that event would crash the process.
  pool.on('error', (error) => console.warn(`[db] idle connection closed: ${error.message}`))
  const db = drizzlePg(pool, { schema }) as unknown as Db
  return { db, kind: 'postgres', close: () => pool.end() }
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS })
  } else {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS })
  }
}
