import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A throwaway PostgreSQL 15 cluster for one benchmark run, started the way
// scripts/with-postgres.mjs starts one for the tests (runuser -u postgres when root).

export interface Cluster {
  dir: string
  port: number
  user: string
  /** URL of a database in this cluster. */
  url(database: string): string
  /** PID of the postmaster (its children are the backends). */
  postmasterPid(): number
  version: string
  settings: string[]
  stop(): void
}

export function startCluster(options: { port: number; fsync: boolean }): Cluster {
  const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL server binaries not found in ${BIN}; install postgresql-15 (apt-get install -y postgresql).`)
  }
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'latih-bench-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres')
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args]
    return spawnSync(file, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  }
  // Durability as in production unless asked otherwise: each save's COMMIT waits for
  // its WAL flush, in the app and in the baseline alike.
  const settings = [
    'listen_addresses=127.0.0.1',
    'max_connections=200',
    `fsync=${options.fsync ? 'on' : 'off'}`,
    `synchronous_commit=${options.fsync ? 'on' : 'off'}`,
    'shared_preload_libraries=pg_stat_statements',
  ]
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    if (existsSync(join(data, 'postmaster.pid'))) {
      const r = run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'])
      if (r.status !== 0) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    let r = run('initdb', ['-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--no-sync'])
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`)
    r = run('pg_ctl', [
      '-D', data, '-l', join(dir, 'log'), '-w',
      '-o', `-p ${options.port} -k ${dir} ${settings.map((s) => `-c ${s}`).join(' ')}`,
      'start',
    ])
    if (r.status !== 0) {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : ''
      throw new Error(`pg_ctl start failed (is port ${options.port} free?): ${r.stderr}\n${log}`)
    }
    const version = run('postgres', ['--version']).stdout.trim()
    return {
      dir,
      port: options.port,
      user,
      url: (database) => `postgres://${user}@127.0.0.1:${options.port}/${database}`,
      postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
      version,
      settings,
      stop,
    }
  } catch (error) {
    stop()
    throw error
  }
}
