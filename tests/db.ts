import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'
import { sql } from 'drizzle-orm'
import { type Database, openPglite, openPostgres, queryRows } from '../server/db/client'
import type { AnyActor } from '../server/auth/actor'
import type { UseCaseContext } from '../server/context'
import { BASE_DUMP, TEMPLATE_DB } from './setup/global-setup'

/**
 * A fresh, migrated database (with Sulawesi Tenggara's regions) for one test file,
 * closed after the file. PostgreSQL when TEST_DATABASE_URL is set, else PGlite.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL
  let database: Database
  if (url) {
    const name = `latih_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
    await admin.end()
    const dbUrl = new URL(url)
    dbUrl.pathname = `/${name}`
    const opened = await openPostgres(dbUrl.toString(), 10)
    database = {
      ...opened,
      async close() {
        await opened.close()
        const a = new pg.Client({ connectionString: url })
        await a.connect()
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await a.end()
      },
    }
  } else {
    database = await openPglite(undefined, new Blob([readFileSync(BASE_DUMP)]))
  }
  afterAll(() => database.close())
  return database
}

export function contextFor(database: Database, actor: AnyActor, now = new Date()): UseCaseContext {
  return { db: database.db, actor, now }
}

/**
 * Two more pools of ten connections on the database `db` is connected to, so that
 * operations in a test really run side by side (PostgreSQL only; none on PGlite).
 * The caller closes them.
 */
export async function extraPools(db: Database['db']): Promise<Database[]> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return []
  const [row] = await queryRows<{ name: string }>(db, sql`select current_database() as name`)
  const u = new URL(url)
  u.pathname = `/${row!.name}`
  return [await openPostgres(u.toString(), 10), await openPostgres(u.toString(), 10)]
}
