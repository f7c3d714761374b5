import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

// PGlite takes no lock on its folder, and two processes on one folder silently diverge
// (TOOLCHAIN.md). The server and the command-line tool take this lock file instead, so a
// backup, restore or provisioning command refuses to run beside a running server.

export class DataDirInUse extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database is in use by process ${pid} (a running Latih server or command). ` +
        `PGlite allows one process at a time: stop the server first (on PostgreSQL this is not needed). ` +
        `If no Latih process is running, delete ${lockFile}.`,
    )
    this.name = 'DataDirInUse'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Take the lock on a PGlite folder for this process; returns the release function. */
export function lockPgliteDir(pgliteDir: string, holder: string): () => void {
  const file = `${resolve(pgliteDir)}.lock`
  mkdirSync(dirname(file), { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }))
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.off('exit', release)
        try {
          unlinkSync(file)
        } catch {
          // Already gone.
        }
      }
      process.on('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let pid = 0
      try {
        pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid) || 0
      } catch {
        // Unreadable: treat as stale.
      }
      if (pid && pid !== process.pid && alive(pid)) throw new DataDirInUse(file, pid)
      // Left behind by a process that died (kill -9, power cut): take it over.
      try {
        unlinkSync(file)
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  throw new Error(`Could not take the lock ${file}`)
}
