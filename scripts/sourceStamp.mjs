// A fingerprint of everything the production build is made from, so `npm start` can skip
// the rebuild (about 10 s) when nothing changed since the last one. Content, not mtimes:
// a checkout or a copy that touches files without changing them does not force a build.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const SOURCE_DIRS = ['app', 'server', 'domain', 'public']
const SOURCE_FILES = ['package-lock.json', 'react-router.config.ts', 'vite.config.ts', 'tsconfig.json']
/** Where the stamp of the build in `build/` is kept. */
export const STAMP_FILE = 'build/.source-stamp'

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    // Tests are not part of the build.
    else if (entry.isFile() && !/\.test\.[cm]?[jt]sx?$/.test(entry.name)) yield path
  }
}

/** The SHA-256 of the build's sources under `root`: each file's path and content, in order. */
export function sourceStamp(root) {
  const hash = createHash('sha256')
  const files = [
    ...SOURCE_DIRS.filter((d) => existsSync(join(root, d))).flatMap((d) => [...filesUnder(join(root, d))]),
    ...SOURCE_FILES.map((f) => join(root, f)).filter((f) => existsSync(f)),
  ]
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}
