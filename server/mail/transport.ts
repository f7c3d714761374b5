import nodemailer from 'nodemailer'
import type { Db } from '../db/client'
import { localMail } from '../db/schema'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
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
    async send(message) {
      await options.db.insert(localMail).values(message)
    },
  }
}
