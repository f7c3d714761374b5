import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'

/** '2 × AMD EPYC …, Node v20.20.2, load average 1.2 / 2.3 / 3.4'. */
export function machineLine(): string {
  const cpus = os.cpus()
  const load = os.loadavg().map((n) => n.toFixed(1)).join(' / ')
  return `${os.availableParallelism?.() ?? cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; load average (1/5/15 min) at the start: ${load}`
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in BENCHMARKS.md (appends when missing). */
export function writeBetweenMarkers(file: string, name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const current = readFileSync(file, 'utf8')
  const i = current.indexOf(start)
  const j = current.indexOf(end)
  const block = `${start}\n${markdown}\n${end}`
  writeFileSync(file, i >= 0 && j > i ? current.slice(0, i) + block + current.slice(j + end.length) : `${current.trimEnd()}\n\n${block}\n`)
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
