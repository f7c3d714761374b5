// A local SMTP peer for the mail tests and bench/mail.ts (never used by the app): keeps
// every message raw and parsed, may refuse recipients permanently (5xx) or for a while
// (4xx) through onRcptTo, and may accept at a fixed rate.
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface PeerMail {
  to: string[]
  raw: string
  parsed: ParsedMail
  /** performance.now() when the peer accepted it. */
  at: number
}

export interface PeerOptions {
  /** Recipients refused for good (550 5.1.1). */
  refuse?: (address: string) => boolean
  /** Recipients refused for now (451 4.2.0), as many times as this returns true. */
  defer?: (address: string, attempt: number) => boolean
  /** Accept at most this many messages per second (the DATA answer waits), like a throttling relay. */
  acceptPerSecond?: number
  /** Skip parsing (the bench's 20,000 mails): `parsed` is then only the subject. */
  parse?: boolean
}

export interface Peer {
  port: number
  url: string
  received: PeerMail[]
  /** RCPT attempts per address, refused or not. */
  attempts: Map<string, number>
  stop(): Promise<void>
}

export async function startPeer(options: PeerOptions = {}): Promise<Peer> {
  const received: PeerMail[] = []
  const attempts = new Map<string, number>()
  const interval = options.acceptPerSecond ? 1000 / options.acceptPerSecond : 0
  let nextSlot = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase()
      const attempt = (attempts.get(to) ?? 0) + 1
      attempts.set(to, attempt)
      if (options.refuse?.(to)) {
        return callback(Object.assign(new Error(`5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`), { responseCode: 550 }))
      }
      if (options.defer?.(to, attempt)) {
        return callback(Object.assign(new Error(`4.2.0 <${to}>: Recipient address rejected: Mailbox busy, try again later`), { responseCode: 451 }))
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase())
        const accept = async () => {
          if (interval) {
            const now = performance.now()
            const slot = Math.max(now, nextSlot)
            nextSlot = slot + interval
            if (slot > now) await new Promise((r) => setTimeout(r, slot - now))
          }
          const parsed =
            options.parse === false ? ({ subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '' } as ParsedMail) : await simpleParser(raw)
          received.push({ to, raw, parsed, at: performance.now() })
        }
        accept().then(
          () => callback(null, 'Ok: queued'),
          (error: unknown) => callback(error as Error),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
