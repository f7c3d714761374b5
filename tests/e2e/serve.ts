// Playwright's webServer command (run as `node --import tsx tests/e2e/serve.ts`):
// empties the e2e data and mailbox folders, starts the SMTP peer, then serves the
// production build. Playwright starts the webServer before globalSetup, and the app may
// send mail as soon as it runs, so the SMTP peer lives here, up before the app.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MAILBOX_DIR, startMailbox } from './mailbox'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ARTIFACTS = resolve(ROOT, 'tests/.artifacts')

const dataDir = resolve(ROOT, process.env.DATA_DIR ?? 'tests/.artifacts/e2e-data')
// Never delete a folder outside the test artifacts (e.g. a real ./data by mistake).
if (relative(ARTIFACTS, dataDir).startsWith('..') || dataDir === ARTIFACTS) {
  console.error(`[e2e] refusing to empty DATA_DIR=${dataDir}: it must be inside ${ARTIFACTS}`)
  process.exit(1)
}
rmSync(dataDir, { recursive: true, force: true })
rmSync(MAILBOX_DIR, { recursive: true, force: true })
mkdirSync(dataDir, { recursive: true })

const smtpPort = Number(new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525').port || 25)
const mailbox = await startMailbox({ port: smtpPort, dir: MAILBOX_DIR })
console.log(`[e2e] SMTP peer on 127.0.0.1:${mailbox.port}, mail kept in ${relative(ROOT, MAILBOX_DIR)}`)

// The journeys always run on the fresh PGlite folder, even where a developer has
// DATABASE_URL set for their own server.
const { DATABASE_URL: _ignored, ...env } = process.env
// Started directly with node (not npx) so signals reach the server and it shuts down cleanly.
// The production server (server/http: Express with the security headers and the body guard).
const server = spawn(process.execPath, ['server/http/start.mjs', `${process.env.BUILD_DIR ?? 'build'}/server/index.js`], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...env, DATA_DIR: dataDir },
})

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true
    server.kill(signal)
  })
}
server.on('exit', (code, signal) => {
  void mailbox.stop().finally(() => {
    if (!stopping) console.error(`[e2e] app server exited unexpectedly (code ${code}, signal ${signal})`)
    process.exit(stopping ? 0 : (code ?? 1))
  })
})
