#!/usr/bin/env node
// The bare baseline of bench/registration-rush.ts: a minimal node:http server that
//  - answers GET of the captured pages with the very bytes (and Content-Type /
//    Content-Encoding) the app sent for them, from memory;
//  - answers a registration POST (/gelombang/<id>/daftar) with one INSERT on a pg.Pool
//    of the app's size and a 302 to the new row, as the app's action redirects.
// No framework, no session look-up, no checks, no transaction — what any handler on this
// machine and this database costs at the least.
//   DATABASE_URL=postgres://… PORT=3411 POOL_MAX=10 PAGES=/tmp/pages.json node bench/registration-baseline-server.mjs
// PAGES: JSON { "<path>": { "type": "...", "encoding": "br" | null, "body": "<base64>" } }.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) })
const pages = new Map(
  Object.entries(JSON.parse(readFileSync(process.env.PAGES, 'utf8'))).map(([path, p]) => [
    path,
    { headers: { 'Content-Type': p.type, ...(p.encoding ? { 'Content-Encoding': p.encoding } : {}) }, body: Buffer.from(p.body, 'base64') },
  ]),
)
const INSERT = 'insert into bench_baseline_registration (session, batch_id, created_at) values ($1, $2, $3) returning id'
const REGISTER = /^\/gelombang\/([0-9a-f-]{36})\/daftar$/

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    if (req.url === '/health') return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok')
    const page = pages.get(req.url)
    if (!page) return void res.writeHead(404).end()
    res.writeHead(200, { ...page.headers, 'Content-Length': page.body.length }).end(page.body)
    return
  }
  const match = req.method === 'POST' ? REGISTER.exec(req.url ?? '') : null
  if (!match) return void res.writeHead(405).end()
  req.resume()
  req.on('end', () => {
    const session = /latih_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
    if (!session) return void res.writeHead(401).end()
    pool.query(INSERT, [session, match[1], new Date()]).then(
      (r) => res.writeHead(302, { Location: `/aktivitas/${r.rows[0].id}?baru=1` }).end(),
      (error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error?.message ?? error)),
    )
  })
})

server.listen(Number(process.env.PORT ?? 3411), '127.0.0.1', () => {
  console.log(`[baseline] listening on 127.0.0.1:${server.address().port}, pool ${pool.options.max}, ${pages.size} pages`)
})

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close()
    server.closeAllConnections()
    void pool.end().finally(() => process.exit(0))
  })
}
