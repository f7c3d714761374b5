import { readdirSync, readFileSync } from 'node:fs'

// CPU time and memory of the processes under test, read from /proc (Linux), so the
// report can say where the machine's two cores went during a phase.

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

function statFields(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; the fields after it are fixed.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** utime + stime of one process, in seconds (0 when it is gone). */
export function processCpuSeconds(pid: number): number {
  const f = statFields(pid)
  if (!f) return 0
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND
}

/**
 * CPU seconds of a postmaster and all its backends: the live children plus what the
 * postmaster has collected from children that exited (cutime/cstime), so a backend
 * that ends during a phase is not lost.
 */
export function clusterCpuSeconds(postmasterPid: number): number {
  const f = statFields(postmasterPid)
  if (!f) return 0
  let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const c = statFields(Number(entry))
    if (c && Number(c[1]) === postmasterPid) ticks += Number(c[11]) + Number(c[12])
  }
  return ticks / TICKS_PER_SECOND
}

/** Busy and total CPU seconds of the whole machine so far (all cores). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  const v = line.trim().split(/\s+/).slice(1).map(Number)
  const total = v.reduce((a, b) => a + b, 0)
  const idle = (v[3] ?? 0) + (v[4] ?? 0) // idle + iowait
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND }
}

/** VmRSS and VmHWM (peak RSS) of a process, in MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
  } catch {
    return { rss: 0, peak: 0 }
  }
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
}

/** CPU seconds of a phase, per party, from snapshots taken before and after it. */
export interface CpuSnapshot {
  server: number
  postgres: number
  client: number
  machine: { busy: number; total: number }
}

export function cpuSnapshot(serverPid: number, postmasterPid: number): CpuSnapshot {
  const u = process.cpuUsage()
  return {
    server: processCpuSeconds(serverPid),
    postgres: clusterCpuSeconds(postmasterPid),
    client: (u.user + u.system) / 1e6,
    machine: machineCpuSeconds(),
  }
}

export interface CpuUse {
  server: number
  postgres: number
  client: number
  /** Everything else on the machine (other work sharing it). */
  other: number
  /** Busy share of all cores over the phase, 0–1. */
  machineBusy: number
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const server = after.server - before.server
  const postgres = after.postgres - before.postgres
  const client = after.client - before.client
  const busy = after.machine.busy - before.machine.busy
  const total = after.machine.total - before.machine.total
  return {
    server,
    postgres,
    client,
    other: Math.max(0, busy - server - postgres - client),
    machineBusy: total > 0 ? busy / total : 0,
  }
}
