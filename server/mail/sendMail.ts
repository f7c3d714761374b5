import { z } from 'zod'
import type { DbOrTx } from '../db/client'
import { defineJob, enqueue } from '../jobs/queue'
import type { MailMessage } from './transport'

export const sendMailJob = defineJob({
  name: 'mail.send',
  payload: z.object({
    to: z.string().email(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    // Small text files only (an interview call's .ics): the payload is stored in the job row.
    attachments: z
      .array(z.object({ filename: z.string().min(1).max(100), content: z.string().max(100_000), contentType: z.string().min(1).max(100) }))
      .max(3)
      .optional(),
  }),
  maxAttempts: 8,
  async handle({ mailer }, message) {
    await mailer.send(message)
  },
})

/** Enqueue a mail in the caller's transaction: it goes out only if the change commits. */
export async function enqueueMail(tx: DbOrTx, message: MailMessage, now: Date): Promise<void> {
  await enqueue(tx, sendMailJob, message, { runAt: now })
}
