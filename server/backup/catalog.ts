import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { queryRows, type DbOrTx } from '../db/client'

// What a backup covers, read from the database itself so a table added by a later
// migration is backed up without anyone remembering to list it.

/** Reference data every start loads from the idn-area-data package: not backed up. */
export const REFERENCE_TABLES = new Set(['region'])

export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'server/db/migrations')

export interface JournalEntry {
  idx: number
  when: number
  tag: string
}

export function readJournal(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  return (JSON.parse(readFileSync(resolve(folder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries
}

/** The migrations applied to this database, oldest first ([] for a database never migrated). */
export async function appliedMigrations(db: DbOrTx): Promise<Array<{ hash: string; createdAt: number }>> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`)
  if (!exists?.t) return []
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    db,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`,
  )
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }))
}

/**
 * The application's tables, parents before children (by their foreign keys), so rows can
 * be inserted in this order.
 */
export async function backedUpTables(db: DbOrTx): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)
  )
    .map((r) => r.name)
    .filter((name) => !REFERENCE_TABLES.has(name))
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent
          from pg_constraint k
          join pg_class c on c.oid = k.conrelid
          join pg_class p on p.oid = k.confrelid
          join pg_namespace n on n.oid = c.relnamespace
         where k.contype = 'f' and n.nspname = 'public'`,
  )
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const e of edges) {
    if (e.child !== e.parent && parents.has(e.child) && parents.has(e.parent)) parents.get(e.child)!.add(e.parent)
  }
  const ordered: string[] = []
  const done = new Set<string>()
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)))
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among: ${tables.filter((t) => !done.has(t)).join(', ')}`)
    for (const t of ready) {
      done.add(t)
      ordered.push(t)
    }
  }
  return ordered
}

/** Columns that can be inserted (not generated), in table order. */
export async function insertableColumns(db: DbOrTx, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns
         where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
         order by ordinal_position`,
  )
  return rows.map((r) => r.name)
}

/** Serial columns, whose sequences must be moved past the restored ids. */
export async function serialColumns(db: DbOrTx): Promise<Array<{ table: string; column: string }>> {
  return queryRows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
         where table_schema = 'public' and column_default like 'nextval(%'`,
  )
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected table or column name: ${name}`)
  return `"${name}"`
}
