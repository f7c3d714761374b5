#!/usr/bin/env node
// The bare baseline of bench/test-day.ts: a minimal node:http handler that takes the
// same URL-encoded save request and does one INSERT per request on a pg.Pool of the
// app's size. No framework, no session, no validation, no transaction, no audit —
// what any handler on this machine and this database costs at the least.
//   DATABASE_URL=postgres://… PORT=3401 POOL_MAX=10 node bench/baseline-server.mjs
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) })
const INSERT =
  'insert into bench_baseline_answer (attempt_id, position, answer, answered_at) values ($1, $2, $3, $4)'

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok')
    return
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end()
    return
  }
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
    const attempt = body.get('attemptId')
    const answer = [...body].find(([name]) => /^q\d{1,4}$/.test(name))
    if (!attempt || !answer) {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"ok":false}')
      return
    }
    const now = new Date()
    pool.query(INSERT, [attempt, Number(answer[0].slice(1)), answer[1], now]).then(
      () => {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ ok: true, savedAt: now.toISOString(), positions: [Number(answer[0].slice(1))] }))
      },
      (error) => {
        res.writeHead(500, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ ok: false, message: String(error?.message ?? error) }))
      },
    )
  })
})

server.listen(Number(process.env.PORT ?? 3401), '127.0.0.1', () => {
  console.log(`[baseline] listening on 127.0.0.1:${server.address().port}, pool ${pool.options.max}`)
})

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close()
    server.closeAllConnections()
    void pool.end().finally(() => process.exit(0))
  })
}
