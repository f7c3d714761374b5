#!/usr/bin/env node
// Run a command against a throwaway PostgreSQL 15 cluster started for this run:
//   node scripts/with-postgres.mjs vitest run --project integration
// Sets TEST_DATABASE_URL (and DATABASE_URL_FOR_E2E) for the command; stops and deletes
// the cluster afterwards, whatever happens.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'
const PORT = process.env.PG_TEST_PORT ?? '55432'
if (!existsSync(join(BIN, 'initdb'))) {
  console.error(`PostgreSQL server binaries not found in ${BIN}; install postgresql-15 (apt-get install -y postgresql).`)
  process.exit(1)
}

const asRoot = process.getuid?.() === 0
const dir = mkdtempSync(join(tmpdir(), 'latih-pg-'))
chmodSync(dir, 0o777)
const pgRun = (cmd, args) => {
  const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args]
  return spawnSync(full[0], full[1], { stdio: ['ignore', 'pipe', 'inherit'] })
}
const data = join(dir, 'data')
const user = asRoot ? 'postgres' : process.env.USER ?? 'postgres'

let status = 1
try {
  let r = pgRun('initdb', ['-D', data, '-A', 'trust', '-U', user, '--no-sync'])
  if (r.status !== 0) throw new Error('initdb failed')
  r = pgRun('pg_ctl', [
    '-D', data, '-l', join(dir, 'log'), '-w',
    '-o', `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ])
  if (r.status !== 0) throw new Error('pg_ctl start failed')
  const url = `postgres://${user}@127.0.0.1:${PORT}/postgres`
  const [cmd, ...args] = process.argv.slice(2)
  const child = spawnSync(cmd === 'vitest' ? 'npx' : cmd, cmd === 'vitest' ? ['vitest', ...args] : args, {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  })
  status = child.status ?? 1
} catch (error) {
  console.error(String(error))
} finally {
  pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  rmSync(dir, { recursive: true, force: true })
}
process.exit(status)
