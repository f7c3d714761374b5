import http from 'node:http'

// The load generator: one virtual candidate per keep-alive connection, each sending its
// saves one after another (the next answer only after the previous one is confirmed,
// as the page's background save does), all candidates at once. Closed loop, no think
// time: it measures how many saves per second the server sustains under this
// concurrency and what latency each candidate sees meanwhile.

export interface VirtualCandidate {
  cookie: string
  attemptId: string
  /** The option key this candidate answers at position i + 1. */
  answers: string[]
  /** When the attempt ends (server time limit), epoch ms. */
  endsAt: number
}

export interface Save {
  attemptId: string
  position: number
  answer: string
}

export interface LoadResult {
  planned: number
  sent: number
  /** Responses 200 with { ok: true }. */
  ok: number
  /** Errors by kind: 'HTTP 409', 'HTTP 200 not ok', 'timeout', 'ECONNRESET', …. */
  errors: Record<string, number>
  /** Latency in ms of every request that got a response (ok or not). */
  latencies: Float64Array
  /** Completions per whole second since the start (ok only). */
  perSecond: number[]
  /** When the first save was confirmed, ms after the start. */
  firstOkMs: number
  durationMs: number
  stoppedByTimeLimit: boolean
  /** The saves the server confirmed, to be found in the database afterwards. */
  confirmed: Save[]
  /** Sample of error bodies, for diagnosis. */
  errorSamples: string[]
}

/** The body the question page's fetch(URLSearchParams) sends: attemptId and q<position>. */
export function saveBody(attemptId: string, position: number, answer: string): string {
  return new URLSearchParams({ attemptId, [`q${position}`]: answer }).toString()
}

function post(
  agent: http.Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })))
    req.on('error', reject)
    req.end(body)
  })
}

export async function runLoad(options: {
  port: number
  path: string
  candidates: VirtualCandidate[]
  timeLimitMs: number
  requestTimeoutMs?: number
  /** Mean pause between a candidate's saves (uniform 0–2× this); 0 = none. */
  thinkMs?: number
  onProgress?: (done: number, planned: number) => void
}): Promise<LoadResult> {
  const { port, path, candidates, timeLimitMs } = options
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000
  const thinkMs = options.thinkMs ?? 0
  const planned = candidates.reduce((n, c) => n + c.answers.length, 0)
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
  const origin = `http://127.0.0.1:${port}`
  const latencies = new Float64Array(planned)
  const completionsAt: number[] = []
  const errors: Record<string, number> = {}
  const errorSamples: string[] = []
  const confirmed: Save[] = []
  let answered = 0
  let sent = 0
  let ok = 0
  let stoppedByTimeLimit = false
  const fail = (kind: string, sample?: string) => {
    errors[kind] = (errors[kind] ?? 0) + 1
    if (sample && errorSamples.length < 5) errorSamples.push(`${kind}: ${sample.slice(0, 300)}`)
  }

  const started = performance.now()
  const deadline = started + timeLimitMs
  const progress = setInterval(() => options.onProgress?.(answered, planned), 5000)
  const candidateLoop = async (c: VirtualCandidate) => {
    const headers = {
      // What the browser sends with fetch('/asesmen/simpan', { body: URLSearchParams }).
      'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
      Accept: 'application/json',
      Origin: origin,
      Cookie: c.cookie,
      'User-Agent': 'latih-bench/1 (test day)',
    }
    for (let i = 0; i < c.answers.length; i += 1) {
      if (thinkMs > 0 && i > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs))
      if (performance.now() >= deadline) {
        stoppedByTimeLimit = true
        return
      }
      const position = i + 1
      const answer = c.answers[i]!
      const t0 = performance.now()
      sent += 1
      try {
        const remaining = Math.max(1, Math.min(requestTimeoutMs, deadline + 30_000 - t0))
        const res = await post(agent, port, path, headers, saveBody(c.attemptId, position, answer), remaining)
        const t1 = performance.now()
        latencies[answered++] = t1 - t0
        let parsed: { ok?: unknown } | null = null
        try {
          parsed = JSON.parse(res.body) as { ok?: unknown }
        } catch {
          parsed = null
        }
        if (res.status === 200 && parsed?.ok === true) {
          ok += 1
          completionsAt.push(t1 - started)
          confirmed.push({ attemptId: c.attemptId, position, answer })
        } else if (res.status === 200) {
          fail('HTTP 200 not ok', res.body)
        } else {
          fail(`HTTP ${res.status}`, res.body)
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message
        fail(code ?? 'network error', (error as Error).message)
      }
    }
  }
  try {
    await Promise.all(candidates.map(candidateLoop))
  } finally {
    clearInterval(progress)
    agent.destroy()
  }
  const durationMs = performance.now() - started
  const seconds = Math.ceil(durationMs / 1000)
  const perSecond = new Array<number>(seconds).fill(0)
  for (const t of completionsAt) perSecond[Math.min(seconds - 1, Math.floor(t / 1000))]! += 1
  return {
    planned,
    sent,
    ok,
    errors,
    latencies: latencies.slice(0, answered),
    perSecond,
    firstOkMs: completionsAt[0] ?? NaN, // pushed in time order
    durationMs,
    stoppedByTimeLimit,
    confirmed,
    errorSamples,
  }
}

export interface Summary {
  planned: number
  sent: number
  ok: number
  errorCount: number
  errors: Record<string, number>
  durationS: number
  savesPerSecond: number
  /**
   * Per-second throughput from the second after the first confirmed save to the last
   * whole second (the opening burst and the partial last second left out).
   */
  perSecond: { min: number; median: number; max: number }
  firstOkS: number
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number }
  stoppedByTimeLimit: boolean
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length) // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function summarise(r: LoadResult): Summary {
  const sorted = Float64Array.from(r.latencies).sort()
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)
  const from = Number.isFinite(r.firstOkMs) ? Math.floor(r.firstOkMs / 1000) + 1 : 0
  const steady = r.perSecond.slice(from, -1)
  const ps = Float64Array.from(steady.length > 0 ? steady : r.perSecond).sort()
  return {
    planned: r.planned,
    sent: r.sent,
    ok: r.ok,
    errorCount: Object.values(r.errors).reduce((a, b) => a + b, 0),
    errors: r.errors,
    durationS: r.durationMs / 1000,
    savesPerSecond: r.ok / (r.durationMs / 1000),
    perSecond: { min: ps[0] ?? 0, median: percentile(ps, 50), max: ps[ps.length - 1] ?? 0 },
    firstOkS: r.firstOkMs / 1000,
    latencyMs: {
      mean,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
    },
    stoppedByTimeLimit: r.stoppedByTimeLimit,
  }
}
