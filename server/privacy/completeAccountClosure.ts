import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import { isActiveState, isRegistrationState, type RegistrationState } from '../../domain/registrationStates'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import { encrypt, keyedHash } from '../auth/crypto'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import {
  accountClosureRequest,
  accountToken,
  assistedSession,
  auditEvent,
  authSession,
  batch,
  candidateDocument,
  candidateProfile,
  localMail,
  mailDelivery,
  registration,
  registrationEvent,
  reRegistrationDocumentCheck,
  userAccount,
} from '../db/schema'
import { ConflictError, NotFoundError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail } from '../mail/sendMail'
import { releasePlace } from '../reRegistration/forfeitAndPromote'
import { transitionRegistration } from '../registrations/transitionRegistration'
import type { FileStorage } from '../storage'
import { parseInput } from '../validation'
import { SELECTION_RECORD_RETENTION_YEARS } from './notice'
import { publicContentChanged } from '../publicContent'

const Input = z.object({
  institutionId: z.uuid('Lembaga tidak dikenal.'),
  requestId: z.uuid('Permintaan tidak ditemukan.'),
})

/** What a closed account's name reads everywhere it is still shown. */
export const CLOSED_NAME = 'Akun ditutup'
export const CLOSURE_REASON = 'Akun ditutup atas permintaan peserta.'

/** The e-mail a closed account keeps: unique, and not deliverable (RFC 2606 .invalid). */
export function closedEmail(userId: string): string {
  return `ditutup-${userId}@akun-ditutup.invalid`
}

// Keys in audit rows that carry the person's own data; removed from the rows about them.
const PERSONAL_AUDIT_KEYS = [
  'email',
  'emailMasked',
  'fullName',
  'name',
  'nik',
  'nikMasked',
  'phone',
  'birthPlace',
  'birthDate',
  'ktpStreet',
  'domicileStreet',
  'ktpPostalCode',
  'domicilePostalCode',
  'ktpVillageCode',
  'domicileVillageCode',
  'originalName',
  'reason',
  'schoolName',
  'disability',
]

/** Outcome states a registration reaches only through the plenary or after it. */
const AFTER_PLENARY: ReadonlySet<string> = new Set(['passed', 'reserve', 're_registered', 'forfeited', 'handed_over'])

export interface ClosureResult {
  requestId: string
  alreadyCompleted: boolean
  /** Registration numbers kept as the selection's record, and until when. */
  kept: string[]
  keptUntil: string | null
  /** Registration numbers that were still active and were withdrawn (or their place declined). */
  withdrawn: string[]
}

function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * An administrator completes a closure request within the retention rules (decision 023):
 *  1. every active registration ends through the state machine — a place held or a
 *     reserve place after the announcement is declined (the next reserve is promoted,
 *     as when the candidate declines); anything else is withdrawn with the reason;
 *  2. registrations that reached the plenary stay as the selection's record (number,
 *     states, events, scores; the plenary snapshot already names the person and is never
 *     edited) until SELECTION_RECORD_RETENTION_YEARS after the batch's training ends;
 *  3. everything else that identifies the person is anonymised: name, e-mail, phone,
 *     addresses, birth data, education, NIK ciphertext and look-up hash; documents are
 *     deleted (rows now, files after commit); personal values are removed from the audit
 *     rows about them and from the mail log; sessions and links end, so signing in is
 *     impossible afterwards (no e-mail, no NIK, no password);
 *  4. it is audited, and the candidate is told at their old address.
 * Completing it again answers with the first completion.
 */
export async function completeAccountClosure(
  ctx: UseCaseContext,
  input: z.input<typeof Input> & { storage: FileStorage },
): Promise<ClosureResult> {
  const { institutionId, requestId } = parseInput(Input, input)
  authorize(ctx.actor, 'account.completeClosure', { institutionId })

  const { result, files } = await ctx.db.transaction(async (tx) => {
    const [request] = await tx.select().from(accountClosureRequest).where(eq(accountClosureRequest.id, requestId)).for('update')
    if (!request) throw new NotFoundError('Permintaan penutupan akun tidak ditemukan.')
    if (request.status === 'completed') {
      return {
        result: {
          requestId,
          alreadyCompleted: true,
          kept: request.kept?.registrations ?? [],
          keptUntil: request.keptUntil,
          withdrawn: request.kept?.withdrawn ?? [],
        },
        files: [] as string[],
      }
    }
    const userId = request.userId
    const [account] = await tx.select().from(userAccount).where(eq(userAccount.id, userId)).for('update')
    if (!account || account.kind !== 'candidate') throw new NotFoundError('Akun tidak ditemukan.')

    // What the selection must keep: registrations that reached the plenary.
    const regs = await tx
      .select({ id: registration.id, number: registration.number, state: registration.state, trainingEndsOn: batch.trainingEndsOn })
      .from(registration)
      .innerJoin(batch, eq(batch.id, registration.batchId))
      .where(eq(registration.candidateId, userId))
    const plenaryEvents = regs.length
      ? await tx
          .select({ registrationId: registrationEvent.registrationId })
          .from(registrationEvent)
          .where(and(inArray(registrationEvent.registrationId, regs.map((r) => r.id)), like(registrationEvent.kind, 'plenary%')))
      : []
    const reachedPlenary = new Set(plenaryEvents.map((e) => e.registrationId))
    const kept = regs.filter((r) => reachedPlenary.has(r.id) || AFTER_PLENARY.has(r.state))
    const notKept = regs.filter((r) => !kept.includes(r))
    const keptUntil = kept.length
      ? kept.map((r) => addYears(r.trainingEndsOn, SELECTION_RECORD_RETENTION_YEARS)).sort().at(-1)!
      : null

    // Free text the candidate typed on registrations that are not kept (withdrawal reasons),
    // before the closure's own withdrawals are written.
    if (notKept.length) {
      await tx
        .update(registrationEvent)
        .set({ data: sql`${registrationEvent.data} - 'reason'` })
        .where(inArray(registrationEvent.registrationId, notKept.map((r) => r.id)))
    }

    // Then end what is still active (its withdrawal event keeps the closure as its reason).
    const withdrawn = await endActiveRegistrations(tx, ctx, userId)

    // Documents: rows now, files after commit. The re-registration scans too.
    const docs = await tx.select({ key: candidateDocument.storageKey }).from(candidateDocument).where(eq(candidateDocument.userId, userId))
    await tx.delete(candidateDocument).where(eq(candidateDocument.userId, userId))
    const scans = regs.length
      ? await tx
          .select({ key: reRegistrationDocumentCheck.reuploadKey })
          .from(reRegistrationDocumentCheck)
          .where(inArray(reRegistrationDocumentCheck.registrationId, regs.map((r) => r.id)))
      : []
    if (regs.length) {
      await tx
        .update(reRegistrationDocumentCheck)
        .set({ reuploadKey: null })
        .where(inArray(reRegistrationDocumentCheck.registrationId, regs.map((r) => r.id)))
    }
    const files = [...docs.map((d) => d.key), ...scans.map((s) => s.key).filter((k): k is string => !!k)]

    // Tell them at the address they still have, before it goes.
    await enqueueMail(
      tx,
      renderMail({
        to: account.email,
        subject: 'Akun Latih Anda telah ditutup',
        greeting: 'Halo,',
        paragraphs: [
          'Sesuai permintaan Anda, akun Latih Anda telah ditutup. Nama, e-mail, nomor HP, alamat, NIK, dan dokumen Anda sudah dihapus, dan akun ini tidak dapat dipakai masuk lagi.',
          kept.length
            ? `Catatan seleksi pendaftaran ${kept.map((r) => r.number).join(', ')} yang sudah sampai rapat pleno tetap disimpan sampai ${keptUntil}, sesuai Pemberitahuan Privasi.`
            : 'Tidak ada catatan seleksi yang perlu disimpan.',
          'Anda dapat membuat akun baru kapan saja dengan NIK Anda.',
        ],
      }),
      ctx.now,
    )

    // Anonymise the account and the profile.
    const oldEmail = account.email
    await tx
      .update(userAccount)
      .set({ email: closedEmail(userId), displayName: CLOSED_NAME, passwordHash: null, emailVerifiedAt: null })
      .where(eq(userAccount.id, userId))
    await tx
      .update(candidateProfile)
      .set({
        // Not a NIK any more: a marker unique to the account, so a later key rotation that
        // re-hashes every decrypted value still finds them all distinct.
        nikCiphertext: encrypt(`closed:${userId}`),
        nikHash: keyedHash(`closed:${userId}`),
        nikMasked: '•'.repeat(16),
        fullName: CLOSED_NAME,
        birthPlace: null,
        birthDate: null,
        sex: null,
        maritalStatus: null,
        ktpStreet: null,
        ktpVillageCode: null,
        ktpPostalCode: null,
        domicileSameAsKtp: true,
        domicileStreet: null,
        domicileVillageCode: null,
        domicilePostalCode: null,
        phone: '',
        educationLevel: null,
        schoolName: null,
        major: null,
        graduationYear: null,
        employmentStatus: null,
        disability: null,
        updatedAt: ctx.now,
      })
      .where(eq(candidateProfile.userId, userId))

    // No way back in: sessions, links, an officer's open assisted session.
    await tx.delete(authSession).where(eq(authSession.userId, userId))
    await tx.delete(accountToken).where(eq(accountToken.userId, userId))
    await tx
      .update(assistedSession)
      .set({ endedAt: ctx.now })
      .where(and(eq(assistedSession.candidateId, userId), isNull(assistedSession.endedAt)))

    // Personal values out of the audit rows about them and out of the mail log.
    const keys = sql.raw(`array[${PERSONAL_AUDIT_KEYS.map((k) => `'${k}'`).join(',')}]::text[]`)
    await tx
      .update(auditEvent)
      .set({ before: sql`${auditEvent.before} - ${keys}`, after: sql`${auditEvent.after} - ${keys}` })
      .where(
        and(
          or(eq(auditEvent.actorId, userId), eq(auditEvent.onBehalfOfId, userId), eq(auditEvent.entityId, userId)),
          // The closure's own rows keep their reason: they are the record of this decision.
          sql`${auditEvent.action} not in ('account.requestClosure', 'account.completeClosure')`,
        ),
      )
    await tx.update(mailDelivery).set({ recipient: closedEmail(userId) }).where(sql`lower(${mailDelivery.recipient}) = lower(${oldEmail})`)
    await tx.delete(localMail).where(sql`lower(${localMail.to}) = lower(${oldEmail})`)

    const keptNumbers = kept.map((r) => r.number)
    await tx
      .update(accountClosureRequest)
      .set({
        status: 'completed',
        completedAt: ctx.now,
        completedBy: actorId(ctx.actor),
        kept: { registrations: keptNumbers, withdrawn },
        keptUntil,
      })
      .where(eq(accountClosureRequest.id, requestId))
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'account.completeClosure',
      entityType: 'user_account',
      entityId: userId,
      institutionId,
      after: { requestId, kept: keptNumbers, keptUntil, withdrawn, documentsDeleted: files.length },
    })
    return { result: { requestId, alreadyCompleted: false, kept: keptNumbers, keptUntil, withdrawn }, files }
  })
  // A closed account's name leaves the public results list.
  publicContentChanged()

  // After commit: a failed delete leaves an orphan file (logged), never a row without a file.
  for (const key of files) {
    await input.storage.delete(key).catch((e: unknown) => console.warn(`[latih] could not delete ${key} of a closed account:`, e))
  }
  return result
}

/** End each active registration through the state machine; returns their numbers. */
async function endActiveRegistrations(tx: Tx, ctx: UseCaseContext, userId: string): Promise<string[]> {
  const active = (
    await tx
      .select({ id: registration.id, number: registration.number, state: registration.state, announcedAt: batch.resultsAnnouncedAt })
      .from(registration)
      .innerJoin(batch, eq(batch.id, registration.batchId))
      .where(eq(registration.candidateId, userId))
  ).filter((r) => isRegistrationState(r.state) && isActiveState(r.state as RegistrationState))
  const ended: string[] = []
  for (const r of active) {
    if ((r.state === 'passed' || r.state === 'reserve') && r.announcedAt) {
      // A place (or a reserve place) after the announcement: declined, so the next reserve moves up.
      await releasePlace(tx, ctx, { registrationId: r.id, action: 'decline_place', reason: CLOSURE_REASON, data: { accountClosed: true } })
    } else if (r.state === 'passed' || r.state === 'reserve') {
      throw new ConflictError(
        `Pendaftaran ${r.number} sudah diputuskan pleno tetapi hasilnya belum diumumkan. Selesaikan penutupan akun setelah pengumuman, agar tempatnya dapat diteruskan kepada cadangan.`,
      )
    } else {
      await transitionRegistration(tx, ctx, { registrationId: r.id, action: 'withdraw', data: { reason: CLOSURE_REASON, accountClosed: true } })
    }
    ended.push(r.number)
  }
  return ended
}
