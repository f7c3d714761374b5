// A small streaming tar (POSIX ustar, with pax headers for long names) so a backup is one
// file an IT officer can list and unpack with the system's `tar -tzf` / `tar -xzf`, and
// the app can write and read it without a dependency or holding it in memory.
import type { Readable, Writable } from 'node:stream'

const BLOCK = 512

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0'
}

function header(name: string, size: number, type: '0' | 'x', mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK, 0)
  block.write(name.slice(0, 100), 0, 'utf8')
  block.write(octal(0o644, 8), 100, 'ascii')
  block.write(octal(0, 8), 108, 'ascii')
  block.write(octal(0, 8), 116, 'ascii')
  block.write(octal(size, 12), 124, 'ascii')
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii')
  block.fill(' ', 148, 156)
  block.write(type, 156, 'ascii')
  block.write('ustar\0', 257, 'ascii')
  block.write('00', 263, 'ascii')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(octal(sum, 7) + ' ', 148, 'ascii')
  return block
}

function padding(size: number): Buffer {
  const rest = size % BLOCK
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest, 0)
}

function paxRecord(key: string, value: string): string {
  // Each record is "<length> <key>=<value>\n" where length counts itself.
  const body = ` ${key}=${value}\n`
  let length = Buffer.byteLength(body) + 1
  while (String(length).length + Buffer.byteLength(body) !== length) length += 1
  return `${length}${body}`
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (chunk.length === 0) return
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
}

export class TarWriter {
  constructor(
    private readonly out: Writable,
    private readonly mtime: Date,
  ) {}

  /** One file whose size is known up front, its content from `body`. */
  async add(name: string, size: number, body: AsyncIterable<Buffer | Uint8Array> | Buffer): Promise<void> {
    if (Buffer.byteLength(name) > 100 || /[^\x20-\x7e]/.test(name)) {
      const pax = Buffer.from(paxRecord('path', name), 'utf8')
      await write(this.out, header('PaxHeader', pax.length, 'x', this.mtime))
      await write(this.out, pax)
      await write(this.out, padding(pax.length))
    }
    await write(this.out, header(name, size, '0', this.mtime))
    let written = 0
    const chunks = Buffer.isBuffer(body) ? [body] : body
    for await (const chunk of chunks) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      written += buffer.length
      if (written > size) throw new Error(`${name} grew while it was being backed up`)
      await write(this.out, buffer)
    }
    if (written !== size) throw new Error(`${name} changed size while it was being backed up`)
    await write(this.out, padding(size))
  }

  /** The two empty blocks that end an archive. */
  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(BLOCK * 2, 0))
  }
}

export interface TarEntry {
  name: string
  size: number
  /** The content; read it fully (or call skip) before asking for the next entry. */
  body(): AsyncGenerator<Buffer>
}

/** Reads entries one after another from a (gunzipped) stream. */
export async function* readTar(input: Readable): AsyncGenerator<TarEntry> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let buffered: Buffer = Buffer.alloc(0)
  let ended = false

  async function fill(n: number): Promise<boolean> {
    while (buffered.length < n && !ended) {
      const next = await iterator.next()
      if (next.done) ended = true
      else buffered = buffered.length === 0 ? next.value : Buffer.concat([buffered, next.value])
    }
    return buffered.length >= n
  }
  function take(n: number): Buffer {
    const out = buffered.subarray(0, n)
    buffered = buffered.subarray(n)
    return out
  }
  async function* stream(size: number): AsyncGenerator<Buffer> {
    let left = size
    while (left > 0) {
      if (buffered.length === 0 && !(await fill(1))) throw new Error('The backup file ends in the middle of an entry (truncated?)')
      const chunk = take(Math.min(left, buffered.length))
      left -= chunk.length
      yield chunk
    }
  }
  async function readAll(size: number): Promise<Buffer> {
    const parts: Buffer[] = []
    for await (const c of stream(size)) parts.push(c)
    return Buffer.concat(parts)
  }

  let pendingName: string | null = null
  for (;;) {
    if (!(await fill(BLOCK))) {
      if (buffered.length === 0) return
      throw new Error('The backup file ends in the middle of a header (truncated?)')
    }
    const block = take(BLOCK)
    if (block.every((b) => b === 0)) return
    const field = (start: number, length: number) => block.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '')
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!
    if (sum !== parseInt(field(148, 8).trim(), 8)) throw new Error('The backup file is damaged (bad tar header checksum)')
    const size = parseInt(field(124, 12).trim() || '0', 8)
    const type = field(156, 1) || '0'
    const prefix = field(345, 155)
    const name = pendingName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100))
    const pad = padding(size).length
    if (type === 'x') {
      const records = (await readAll(size)).toString('utf8')
      await fill(pad)
      take(pad)
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(records)
      pendingName = path ? path[1]! : null
      continue
    }
    pendingName = null
    // What the consumer left unread is skipped, so the next header is always found.
    let remaining = size
    let started = false
    const entry: TarEntry = {
      name,
      size,
      body: async function* () {
        if (started) throw new Error(`${name} was already read`)
        started = true
        for await (const chunk of stream(remaining)) {
          remaining -= chunk.length
          yield chunk
        }
      },
    }
    yield entry
    for await (const chunk of stream(remaining)) remaining -= chunk.length
    await fill(pad)
    take(pad)
    if (type !== '0' && type !== '5') throw new Error(`Unexpected entry type '${type}' for ${name} in the backup file`)
  }
}
