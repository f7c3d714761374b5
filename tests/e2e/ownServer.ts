// A production server of a spec's own (beside the shared one Playwright starts), for
// tests that must not disturb the other journeys: locking the sign-in address, posting
// thousands of fuzzed forms, another PUBLIC_URL or TRUST_PROXY. Demo data, PGlite in a
// folder of its own under tests/.artifacts, no job worker.
import { type ChildProcess, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

export interface OwnServer {
  port: number
  stop(): Promise<void>
}

export async function startOwnServer(options: { name: string; env?: Record<string, string>; port?: number }): Promise<OwnServer> {
  const port = options.port ?? (await freePort())
  const dataDir = resolve(ROOT, `tests/.artifacts/${options.name}-data-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  const { DATABASE_URL: _db, SMTP_URL: _smtp, TRUST_PROXY: _proxy, ...env } = process.env
  const app: ChildProcess = spawn(process.execPath, ['server/http/start.mjs', `${process.env.BUILD_DIR ?? 'build'}/server/index.js`], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      SEED_DEMO: 'true',
      JOB_WORKER: 'false',
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://localhost:${port}`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  app.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  app.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const until = Date.now() + 380_000
  while (!log.includes('[latih] listening')) {
    if (app.exitCode !== null) throw new Error(`the ${options.name} server exited:\n${log}`)
    if (Date.now() > until) throw new Error(`the ${options.name} server did not start:\n${log}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    port,
    async stop() {
      if (app.exitCode === null) {
        app.kill('SIGTERM')
        await new Promise((r) => app.once('exit', r))
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * One HTTP request from a chosen local address (127.0.0.2 is a trusted proxy where
 * TRUST_PROXY names it), so a test can speak as the proxy for many clients.
 */
export function rawRequest(options: {
  port: number
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
  localAddress?: string
}): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method,
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}
