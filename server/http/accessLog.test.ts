import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerBuild } from 'react-router'
import { afterAll, describe, expect, it } from 'vitest'
import { createHttpApp } from './httpApp'

// Decision 021: the access log names the path, never the query string — verification and
// password links carry their token there (/verifikasi-email?token=…, /atur-sandi?token=…).
describe('the access log of the production server', () => {
  const clientDir = mkdtempSync(join(tmpdir(), 'latih-client-'))
  writeFileSync(join(clientDir, 'favicon.ico'), 'ikon')
  afterAll(() => rmSync(clientDir, { recursive: true, force: true }))

  it('logs method, path and status without any query string', async () => {
    const lines: string[] = []
    // The requests below are answered before React Router (static files, the body guard).
    const app = createHttpApp({
      build: {} as ServerBuild,
      clientDir,
      trustProxy: undefined,
      limits: { formBytes: 1024, multipartBytes: 4096 },
      log: (line) => lines.push(line),
    })
    const server = app.listen(0)
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const token = 'Zq8xS3cr3tT0kenValue_abcdefghijklmnop'
      const answers = [
        await fetch(`${base}/favicon.ico?token=${token}`),
        await fetch(`${base}/verifikasi-email?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
        await fetch(`${base}/atur-sandi?token=${token}&code=987654`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
        await fetch(`${base}/masuk?code=987654%00`),
      ]
      expect(answers.map((a) => a.status)).toEqual([200, 415, 415, 400])
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(lines).toHaveLength(4)
      expect(lines[0]).toMatch(/^GET \/favicon\.ico 200 \d+ ms$/)
      expect(lines[1]).toMatch(/^POST \/verifikasi-email 415 \d+ ms$/)
      expect(lines[2]).toMatch(/^POST \/atur-sandi 415 \d+ ms$/)
      expect(lines[3]).toMatch(/^GET \/masuk 400 \d+ ms$/)
      const all = lines.join('\n')
      for (const secret of [token, '987654', 'token=', 'code=', '?']) expect(all).not.toContain(secret)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
