import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { migrateDatabase, openPglite, openPostgres } from '../../server/db/client'
import { importRegions } from '../../server/regions/importRegions'

export const BASE_DUMP = resolve('tests/.artifacts/base-pglite.tar.gz')
export const TEMPLATE_DB = 'latih_test_template'

/**
 * Migrate a base database once per run; each test file then gets its own copy
 * (a PGlite loaded from the dump, or a PostgreSQL database made from the template).
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
    await admin.end()
    const templateUrl = new URL(url)
    templateUrl.pathname = `/${TEMPLATE_DB}`
    const database = await openPostgres(templateUrl.toString(), 2)
    await migrateDatabase(database)
    await importRegions(database.db, { onlyProvince: '74' })
    await database.close()
    return
  }
  const database = await openPglite(undefined)
  await migrateDatabase(database)
  await importRegions(database.db, { onlyProvince: '74' })
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client
  const dump = await client.dumpDataDir('gzip')
  mkdirSync(resolve('tests/.artifacts'), { recursive: true })
  writeFileSync(BASE_DUMP, Buffer.from(await dump.arrayBuffer()))
  await database.close()
}
