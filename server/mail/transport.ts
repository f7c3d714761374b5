import nodemailer from 'nodemailer'
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
  attachments?: MailAttachment[]
}

export interface Mailer {
  kind: 'smtp' | 'local'
  send(message: MailMessage): Promise<void>
}

/** SMTP when configured; otherwise mail is kept in the database and shown at /dev/mail. */
export function createMailer(options: { smtpUrl?: string; from: string; db: Db }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl)
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({ from: options.from, ...message })
      },
    }
  }
  return {
    kind: 'local',
    async send({ to, subject, text, html }) {
      // The local mailbox keeps the text and HTML only; attachments go out over SMTP.
      await options.db.insert(localMail).values({ to, subject, text, html })
    },
  }
}
