#!/usr/bin/env node
// `npm start`: install dependencies if missing, build (unless the sources are those of the
// last build), and serve the production build.
// With no DATABASE_URL the app runs on PGlite under ./data, seeded with demo data.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { STAMP_FILE, sourceStamp } from './sourceStamp.mjs'

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('[latih] installing dependencies (npm ci)…')
  run('npm', ['ci', '--no-audit', '--no-fund'])
}
if (!process.argv.includes('--no-build')) {
  // Rebuild only when the sources differ from those of the build in build/.
  const stamp = sourceStamp(process.cwd())
  const built = existsSync('build/server/index.js') && existsSync(STAMP_FILE) ? readFileSync(STAMP_FILE, 'utf8').trim() : null
  if (built === stamp) {
    console.log('[latih] the build is up to date; not rebuilding')
  } else {
    run('node', ['node_modules/@react-router/dev/bin.js', 'build'])
    writeFileSync(STAMP_FILE, `${stamp}\n`)
  }
}

process.env.NODE_ENV ??= 'production'
// A fresh clone's `npm start` is the demo (embedded database, demo data, local mailbox).
// Anything configured for real (DATABASE_URL, or LATIH_MODE/SEED_DEMO set) is not made a
// demo here: without LATIH_MODE=demo it is a production start with its checks (server/env.ts).
if (!process.env.LATIH_MODE && process.env.SEED_DEMO === undefined && !process.env.DATABASE_URL) {
  process.env.LATIH_MODE = 'demo'
}
// The production server (server/http: security headers, body limits, TRUST_PROXY; decision
// 014), started directly (not through npx) so SIGTERM reaches it and it shuts down cleanly.
const server = spawn('node', ['server/http/start.mjs', 'build/server/index.js'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: process.env.PORT ?? '3000' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
