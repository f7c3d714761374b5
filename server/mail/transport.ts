import { readFileSync } from 'node:fs'
import nodemailer from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import type { Db } from '../db/client'
import { localMail } from '../db/schema'

export interface MailAttachment {
  filename: string
  /** Text content (e.g. an iCalendar file). */
  content: string
  contentType: string
}

export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
  /** The institution's monitored mailbox, when it has one (server/mail/contact.ts). */
  replyTo?: string
  attachments?: MailAttachment[]
}

/**
 * 'transactional': one person's own action or call (verification, reset, receipts,
 * interview calls), sent at once. 'announcement': mail to a whole batch (results,
 * reminders), paced by the bulk worker so it never holds transactional mail up.
 */
export const MAIL_CATEGORIES = ['transactional', 'announcement'] as const
export type MailCategory = (typeof MAIL_CATEGORIES)[number]

/** What the relay answered, e.g. "250 2.0.0 Ok: queued as 4Xk…". */
export interface MailSendResult {
  response: string
}

export interface Mailer {
  kind: 'smtp' | 'local'
  send(message: MailMessage, options?: { category?: MailCategory }): Promise<MailSendResult | void>
  /** Closes pooled SMTP connections (at shutdown). */
  close?(): void
}

export interface DkimConfig {
  domainName: string
  keySelector: string
  privateKey: string
}

export interface MailerOptions {
  smtpUrl?: string
  from: string
  db: Db
  /** Sign every mail (both pools) with this key. */
  dkim?: DkimConfig
  /** Announcement mail: at most ratePerSecond, over up to maxConnections pooled connections. */
  bulk?: { ratePerSecond: number; maxConnections: number }
}

/** Marks every mail as sent by a machine: auto-responders and vacation replies stay quiet (RFC 3834). */
export const AUTO_SUBMITTED = { 'Auto-Submitted': 'auto-generated' } as const

/** Reads the DKIM key named by the configuration (validated at start in server/env.ts). */
export function dkimFromEnv(config: {
  DKIM_DOMAIN?: string
  DKIM_SELECTOR?: string
  DKIM_PRIVATE_KEY_FILE?: string
}): DkimConfig | undefined {
  if (!config.DKIM_DOMAIN || !config.DKIM_SELECTOR || !config.DKIM_PRIVATE_KEY_FILE) return undefined
  return {
    domainName: config.DKIM_DOMAIN,
    keySelector: config.DKIM_SELECTOR,
    privateKey: readFileSync(config.DKIM_PRIVATE_KEY_FILE, 'utf8'),
  }
}

/**
 * Spaces calls evenly at `ratePerSecond` (no bursts), shared by every caller in the
 * process: the bulk worker's loops all wait on the one pacer.
 */
export function createPacer(ratePerSecond: number): () => Promise<void> {
  const interval = 1000 / ratePerSecond
  let next = 0
  return async () => {
    const now = performance.now()
    const slot = Math.max(now, next)
    next = slot + interval
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now))
  }
}

/**
 * SMTP when configured: transactional mail at once, announcements paced through a
 * pool of connections, so a verification link never waits behind 20,000 results. Otherwise mail is kept in the database and shown at /dev/mail.
 */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    const dkim = options.dkim ? { dkim: options.dkim } : {}
    // Transactional mail is rare and must never wait: a connection of its own per mail,
    // as before. Announcements share a pool of open connections, paced, opened on the
    // first one (a process that never announces keeps no idle connection to the relay).
    const transactional = nodemailer.createTransport({ url: options.smtpUrl, ...dkim } as SMTPTransport.Options)
    let bulk: ReturnType<typeof nodemailer.createTransport> | undefined
    const bulkPool = () =>
      (bulk ??= nodemailer.createTransport({
        url: options.smtpUrl,
        pool: true,
        maxConnections: options.bulk?.maxConnections ?? 2,
        // A fresh connection now and then: relays cap the messages per connection.
        maxMessages: 100,
        ...dkim,
      } as SMTPPool.Options))
    const pace = createPacer(options.bulk?.ratePerSecond ?? 5)
    return {
      kind: 'smtp',
      async send(message, sendOptions) {
        const announcement = sendOptions?.category === 'announcement'
        if (announcement) await pace()
        const info = await (announcement ? bulkPool() : transactional).sendMail({
          from: options.from,
          ...message,
          headers: AUTO_SUBMITTED,
        })
        return { response: typeof info.response === 'string' ? info.response : 'accepted' }
      },
      close() {
        transactional.close()
        bulk?.close()
      },
    }
  }
  return {
    kind: 'local',
    async send({ to, subject, text, html }) {
      // The local mailbox keeps the text and HTML only; attachments go out over SMTP.
      await options.db.insert(localMail).values({ to, subject, text, html })
      return { response: 'kept in the local mailbox (/dev/mail)' }
    },
  }
}
