#!/usr/bin/env node
// `npm start`: install dependencies if missing, build, and serve the production build.
// With no DATABASE_URL the app runs on PGlite under ./data, seeded with demo data.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('[latih] installing dependencies (npm ci)…')
  run('npm', ['ci', '--no-audit', '--no-fund'])
}
if (!process.argv.includes('--no-build')) run('node', ['node_modules/@react-router/dev/bin.js', 'build'])

process.env.NODE_ENV ??= 'production'
// Started directly (not through npx) so SIGTERM reaches the server and it shuts down cleanly.
const server = spawn('node', ['node_modules/@react-router/serve/bin.js', 'build/server/index.js'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: process.env.PORT ?? '3000' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
