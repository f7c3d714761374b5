import { z } from 'zod'
import type { DbOrTx } from '../db/client'
import { defineJob, enqueue, PermanentJobError } from '../jobs/queue'
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
  async handle({ mailer }, message, run) {
    // Sent once per job: a run after a crash (between the SMTP server's acceptance and
    // "done") finds the marker and does not send again.
    if ((await run.checkpoint()) === SENT) return
    try {
      await mailer.send(message)
    } catch (error) {
      throw permanentIfRefused(error)
    }
    await run.setCheckpoint(SENT)
  },
})

const SENT = 'sent'

/**
 * An SMTP 5xx answer (unknown recipient, refused message) will be the same next time:
 * the job fails at once instead of retrying. 4xx answers and connection errors are
 * retried with back-off.
 */
function permanentIfRefused(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined
  if (typeof code === 'number' && code >= 500 && code < 600) {
    return new PermanentJobError(error instanceof Error ? error.message : `SMTP ${code}`)
  }
  return error
}

/** Enqueue a mail in the caller's transaction: it goes out only if the change commits. */
export async function enqueueMail(tx: DbOrTx, message: MailMessage, now: Date): Promise<void> {
  await enqueue(tx, sendMailJob, message, { runAt: now })
}
