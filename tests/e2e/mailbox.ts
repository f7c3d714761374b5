// A real SMTP peer for the tests: the app sends mail to it over SMTP exactly as it would
// to the centre's mail server, and the tests read what arrived. Each message is parsed
// and kept as one JSON file, so the Playwright workers (other processes) can read it.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { E2E_SUFFIX } from './phone'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Where the e2e mailbox keeps received mail (emptied each run by tests/e2e/serve.ts). */
export const MAILBOX_DIR = resolve(ROOT, `tests/.artifacts/mailbox${E2E_SUFFIX}`)

export interface ReceivedMail {
  /** Envelope recipients, lower-cased. */
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  /** When the peer received it (ISO). */
  date: string
}

export interface Mailbox {
  port: number
  /** Everything received so far, oldest first. */
  received: ReceivedMail[]
  stop(): Promise<void>
}

let sequence = 0

/**
 * Start an SMTP server on 127.0.0.1 (port 0 = any free port). Accepts every message
 * without authentication or TLS, like a relay on the loopback interface.
 */
export async function startMailbox(options: { port?: number; dir?: string } = {}): Promise<Mailbox> {
  const received: ReceivedMail[] = []
  if (options.dir) mkdirSync(options.dir, { recursive: true })
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            date: new Date().toISOString(),
          }
          received.push(mail)
          if (options.dir) {
            // Write then rename, so a polling reader never sees half a file.
            const name = `${Date.now()}-${process.pid}-${String(++sequence).padStart(6, '0')}.json`
            const tmp = join(options.dir, `.${name}.tmp`)
            writeFileSync(tmp, JSON.stringify(mail, null, 2))
            renameSync(tmp, join(options.dir, name))
          }
          callback()
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
    },
  })
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  }
}

/** Every mail in the e2e mailbox folder, oldest first. */
export function readMailbox(dir = MAILBOX_DIR): ReceivedMail[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'))
  } catch {
    return []
  }
  return names.sort().map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as ReceivedMail)
}

/**
 * Wait until a mail to `to` (whose subject contains `subjectIncludes`, if given) has
 * arrived, and return the newest such mail. `since` ignores older mail (e.g. before a
 * "send again" click). The app's job worker polls every second, so a few seconds is normal.
 */
export async function waitForMail(options: {
  to: string
  subjectIncludes?: string
  since?: Date
  timeoutMs?: number
  dir?: string
}): Promise<ReceivedMail> {
  const to = options.to.toLowerCase()
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  for (;;) {
    const all = readMailbox(options.dir)
    const matches = all.filter(
      (m) =>
        m.to.includes(to) &&
        (!options.subjectIncludes || m.subject.includes(options.subjectIncludes)) &&
        (!options.since || new Date(m.date) >= options.since),
    )
    const newest = matches.at(-1)
    if (newest) return newest
    if (Date.now() > deadline) {
      const seen = all.map((m) => `  - to ${m.to.join(', ')}: ${m.subject}`).join('\n') || '  (none)'
      throw new Error(
        `No mail to ${options.to}${options.subjectIncludes ? ` with subject containing "${options.subjectIncludes}"` : ''} within ${options.timeoutMs ?? 20_000} ms. Mail received:\n${seen}`,
      )
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * The first link in the mail whose path starts with `pathPrefix`, as path + query +
 * hash (so `page.goto(link)` stays on the test server's origin).
 */
export function extractLink(mail: Pick<ReceivedMail, 'text' | 'html' | 'subject'>, pathPrefix: string): string {
  const candidates = [
    ...mail.text.matchAll(/https?:\/\/[^\s<>"')]+/g),
    ...mail.html.matchAll(/href="(https?:\/\/[^"]+)"/g),
  ].map((m) => (m[1] ?? m[0]).replace(/&amp;/g, '&'))
  for (const candidate of candidates) {
    const url = new URL(candidate)
    if (url.pathname.startsWith(pathPrefix)) return `${url.pathname}${url.search}${url.hash}`
  }
  throw new Error(
    `No link starting with ${pathPrefix} in mail "${mail.subject}". Links found: ${candidates.join(', ') || '(none)'}`,
  )
}
