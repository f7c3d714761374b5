import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceStamp } from '../../scripts/sourceStamp.mjs'

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'latih-stamp-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

describe('the source stamp that lets npm start skip an unneeded build', () => {
  const base = { 'app/root.tsx': 'export default 1', 'server/a.ts': 'a', 'package-lock.json': '{}' }

  it('is the same for the same sources, whatever the copy', () => {
    expect(sourceStamp(tree(base))).toBe(sourceStamp(tree(base)))
  })

  it('changes with a changed, added or renamed source file', () => {
    const stamp = sourceStamp(tree(base))
    expect(sourceStamp(tree({ ...base, 'server/a.ts': 'b' }))).not.toBe(stamp)
    expect(sourceStamp(tree({ ...base, 'domain/new.ts': '' }))).not.toBe(stamp)
    expect(sourceStamp(tree({ 'app/root.tsx': 'export default 1', 'server/b.ts': 'a', 'package-lock.json': '{}' }))).not.toBe(stamp)
    expect(sourceStamp(tree({ ...base, 'package-lock.json': '{"v":2}' }))).not.toBe(stamp)
  })

  it('ignores tests, which are not part of the build', () => {
    expect(sourceStamp(tree({ ...base, 'server/a.test.ts': 'it()' }))).toBe(sourceStamp(tree(base)))
  })
})
