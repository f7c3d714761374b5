import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, DbOrTx } from '../db/client'
import { institution, mailDelivery } from '../db/schema'
import { defineJob, enqueue, PermanentJobError } from '../jobs/queue'
import { finishMail, type MailContact } from './render'
import { MAIL_CATEGORIES, type MailCategory, type MailMessage } from './transport'

/** The queue announcement mail waits in: served by the paced bulk worker (server/runtime.ts). */
export const BULK_MAIL_QUEUE = 'mail_bulk'
export const MAIL_MAX_ATTEMPTS = 8

export const sendMailJob = defineJob({
  name: 'mail.send',
  payload: z.object({
    to: z.string().email(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    replyTo: z.string().email().optional(),
    // Small text files only (an interview call's .ics): the payload is stored in the job row.
    attachments: z
      .array(z.object({ filename: z.string().min(1).max(100), content: z.string().max(100_000), contentType: z.string().min(1).max(100) }))
      .max(3)
      .optional(),
    category: z.enum(MAIL_CATEGORIES).default('transactional'),
    /** The mail_delivery row this job keeps up to date (absent on jobs enqueued before it existed). */
    deliveryId: z.number().int().positive().optional(),
  }),
  maxAttempts: MAIL_MAX_ATTEMPTS,
  async handle({ db, mailer, now }, payload, run) {
    const { category, deliveryId, ...message } = payload
    // Sent once per job: a run after a crash (between the SMTP server's acceptance and
    // "done") finds the marker and does not send again.
    if ((await run.checkpoint()) === SENT) {
      if (deliveryId) await markDelivery(db, deliveryId, { status: 'sent', attempts: run.attempt, jobId: run.jobId, sentAt: now() })
      return
    }
    let response: string
    try {
      const result = await mailer.send(message, { category })
      response = result?.response ?? 'accepted'
    } catch (error) {
      const permanent = isPermanentRefusal(error)
      if (deliveryId) {
        const failed = permanent || run.attempt >= MAIL_MAX_ATTEMPTS
        await markDelivery(db, deliveryId, {
          status: failed ? 'failed' : 'retrying',
          attempts: run.attempt,
          jobId: run.jobId,
          relayResponse: relayAnswer(error),
          failedAt: failed ? now() : null,
        })
      }
      throw permanent ? new PermanentJobError(relayAnswer(error)) : error
    }
    await run.setCheckpoint(SENT)
    if (deliveryId) {
      await markDelivery(db, deliveryId, { status: 'sent', attempts: run.attempt, jobId: run.jobId, relayResponse: response, sentAt: now(), failedAt: null })
    }
  },
})

const SENT = 'sent'

async function markDelivery(db: Db, id: number, values: Partial<typeof mailDelivery.$inferInsert>): Promise<void> {
  await db
    .update(mailDelivery)
    .set({ ...values, relayResponse: values.relayResponse?.slice(0, 1000), updatedAt: new Date() })
    .where(eq(mailDelivery.id, id))
}

/**
 * An SMTP 5xx answer (unknown recipient, refused message) will be the same next time:
 * the mail fails at once instead of retrying. 4xx answers and connection errors are
 * retried with back-off.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined
  return typeof code === 'number' && code >= 500 && code < 600
}

/** What the relay said (its SMTP answer when there was one), for staff to read. */
export function relayAnswer(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { response, message } = error as { response?: unknown; message?: unknown }
    if (typeof response === 'string' && response.trim()) return response.trim()
    if (typeof message === 'string') return message
  }
  return String(error)
}

export interface MailAbout {
  /** 'transactional' unless said otherwise; announcements go through the paced bulk queue. */
  category?: MailCategory
  /** Whose contact goes into the footer; without it, the deployment's only institution (if one). */
  institutionId?: string
  /** What the mail concerns: shown in the batch's delivery view (/staf/gelombang/<id>/surat). */
  registrationId?: string
  batchId?: string
  /** The footer contact, when the caller already holds the institution's row (saves a query). */
  contact?: MailContact | null
}

/** An address the relay can take; anything else is "no e-mail" (a kiosk account without one). */
export function isMailAddress(address: string): boolean {
  return MailAddress.safeParse(address).success
}
const MailAddress = z.string().email()

/**
 * Enqueue a mail in the caller's transaction: it goes out only if the change commits.
 * Adds the institution's contact (footer, Reply-To) and records the delivery. Returns
 * the mail_delivery id, or null when the recipient has no usable address: nothing is
 * sent, and the delivery view lists them as "no e-mail" (the message itself is always
 * in their Aktivitas too).
 */
export async function enqueueMail(tx: DbOrTx, message: MailMessage, now: Date, about: MailAbout = {}): Promise<number | null> {
  if (!isMailAddress(message.to)) return null
  const contact = about.contact !== undefined ? about.contact : await mailContact(tx, about.institutionId)
  return enqueueFinishedMail(tx, finishMail(message, contact), now, about)
}

/** Enqueue a mail already finished (a resend of a stored one): no second footer. */
export async function enqueueFinishedMail(
  tx: DbOrTx,
  message: MailMessage,
  now: Date,
  about: MailAbout & { resendOf?: number } = {},
): Promise<number> {
  const category = about.category ?? 'transactional'
  const [delivery] = await tx
    .insert(mailDelivery)
    .values({
      category,
      recipient: message.to,
      subject: message.subject,
      institutionId: about.institutionId ?? null,
      registrationId: about.registrationId ?? null,
      batchId: about.batchId ?? null,
      resendOf: about.resendOf ?? null,
      status: 'queued',
      queuedAt: now,
      updatedAt: now,
    })
    .returning({ id: mailDelivery.id })
  await enqueue(
    tx,
    sendMailJob,
    { ...message, category, deliveryId: delivery!.id },
    { runAt: now, queue: category === 'announcement' ? BULK_MAIL_QUEUE : undefined },
  )
  return delivery!.id
}

// One look-up per institution and transaction: 20,000 announcement mails in chunks of
// 500 read the institution once per chunk.
const contactCache = new WeakMap<object, Map<string, MailContact | null>>()

/** The contact shown in a mail's footer: the institution's, or the deployment's only one. */
export async function mailContact(tx: DbOrTx, institutionId: string | undefined): Promise<MailContact | null> {
  let cache = contactCache.get(tx)
  if (!cache) contactCache.set(tx, (cache = new Map()))
  const key = institutionId ?? '*'
  if (cache.has(key)) return cache.get(key)!
  const rows = await tx
    .select()
    .from(institution)
    .where(institutionId ? eq(institution.id, institutionId) : undefined)
    .limit(2)
  const contact = rows.length === 1 ? institutionContact(rows[0]!) : null
  cache.set(key, contact)
  return contact
}

/** The footer contact of an institution row the caller already holds (no query). */
export function institutionContact(row: typeof institution.$inferSelect): MailContact {
  return {
    institutionName: row.name,
    address: row.address,
    phone: row.phone,
    helpDeskHours: row.helpDeskHours,
    replyTo: row.replyToEmail,
  }
}
