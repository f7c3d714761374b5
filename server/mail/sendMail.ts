import { z } from 'zod'
import type { DbOrTx } from '../db/client'
import { defineJob, enqueue } from '../jobs/queue'
import type { MailMessage } from './transport'

export const sendMailJob = defineJob({
  name: 'mail.send',
  payload: z.object({ to: z.string().email(), subject: z.string(), text: z.string(), html: z.string() }),
  maxAttempts: 8,
  async handle({ mailer }, message) {
    await mailer.send(message)
  },
})

/** Enqueue a mail in the caller's transaction: it goes out only if the change commits. */
export async function enqueueMail(tx: DbOrTx, message: MailMessage, now: Date): Promise<void> {
  await enqueue(tx, sendMailJob, message, { runAt: now })
}
