import { and, eq, isNull, notInArray } from 'drizzle-orm'
import { z } from 'zod'
import { TERMINAL_STATES } from '../../domain/registrationStates'
import { recordAudit } from '../audit'
import { encrypt, keyedHash } from '../auth/crypto'
import { authorize } from '../auth/permissions'
import { deleteUserSessions } from '../auth/sessions'
import type { UseCaseContext } from '../context'
import { accountToken, assistedSession, candidateProfile, institution, privacyConsent, registration, userAccount } from '../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail } from '../mail/sendMail'
import { transitionRegistration } from '../registrations/transitionRegistration'
import { isConsentGiven, KIOSK_NOTICE_REQUIRED, PRIVACY_NOTICE_VERSION } from '../privacy/notice'
import { parseInput } from '../validation'
import { ensureAssistedSession, findOpenSession, finishOtherSessionFirst, retryOnUniqueViolation } from './assistedSessionStore'
import { DOUBLE_SUBMIT_WINDOW_MS, insertCandidateOnBehalf, validateNewCandidate } from './createCandidateOnBehalf'
import { maskEmail } from './maskEmail'
import { isValidSearchToken } from './searchToken'

const REASON_MIN = 10
const REASON_MAX = 500

const Input = z.object({
  institutionId: z.uuid(),
  /** The account the officer's NIK search showed (the one holding the NIK now). */
  holderId: z.string(),
  searchToken: z.string(),
  /** The officer ticks that they have seen the original KTP of the person at the desk. */
  seenKtp: z.boolean(),
  reason: z.string(),
  nik: z.string(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string(),
  /** The officer's tick: the owner was shown the privacy notice and agreed (decision 023). */
  noticeShown: z.string().optional(),
})

export interface NikReassigned {
  /** The real owner's account (new, or the one a repeated submit made the first time). */
  candidateId: string
  sessionId: string
  /** False when this was a repeated submit answered with what the first one did. */
  reassigned: boolean
  emailMasked: string
}

/** What the NIK columns of a profile hold once its NIK is taken away: unique, never a look-up hash. */
export function releasedNikHash(userId: string): string {
  return `released:${userId}`
}
export const RELEASED_NIK_MASKED = 'NIK dialihkan'

const SEARCH_AGAIN =
  'Hasil pencarian sudah tidak berlaku. Cari lagi NIK ini di halaman Kios, lalu ulangi pengalihan NIK.'

/**
 * Issue 9 §2: a NIK is held by an account that is not the person at the desk (someone
 * signed up with another's NIK). The kiosk officer, having seen that person's original
 * KTP and written down why, gives the NIK back to them — in one transaction:
 *  - the holding account is locked (no sign-in; its sessions, links and any open
 *    assisted session end), its NIK removed (so the unique look-up hash is free) together
 *    with what the NIK told about the owner (birth date, sex);
 *  - its active registrations are withdrawn through the state machine, the reason in
 *    each registration_event;
 *  - its e-mail address is told;
 *  - the real owner's account is created as at the kiosk (no password; a set-password
 *    mail) and the officer's assisted session for them starts;
 *  - everything is audited.
 * Only from the officer's own fresh search result (its signed token names the holder).
 * A repeated or concurrent submit does it once: the officer's submits run one after
 * another, and the second finds the NIK already with the account the first created.
 */
export async function reassignNik(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<NikReassigned> {
  const parsed = parseInput(Input, input)
  authorize(ctx.actor, 'kiosk.reassignNik', { institutionId: parsed.institutionId })
  const officer = ctx.actor
  if (officer.kind !== 'staff') throw new ForbiddenError()
  const { institutionId, holderId } = parsed

  const errors: Record<string, string[]> = {}
  if (!parsed.seenKtp) errors.seenKtp = ['Centang pernyataan ini setelah Anda memeriksa KTP asli orang yang ada di depan Anda.']
  const reason = parsed.reason.trim().replace(/\s+/g, ' ')
  if (reason.length < REASON_MIN) errors.reason = [`Tulis alasannya, paling sedikit ${REASON_MIN} karakter.`]
  else if (reason.length > REASON_MAX) errors.reason = [`Alasan paling banyak ${REASON_MAX} karakter.`]
  if (!isConsentGiven(parsed.noticeShown)) errors.noticeShown = [KIOSK_NOTICE_REQUIRED]
  let value: ReturnType<typeof validateNewCandidate> | null = null
  try {
    value = validateNewCandidate(parsed, ctx.now)
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    Object.assign(errors, error.fieldErrors)
  }
  if (!value || Object.keys(errors).length > 0) throw new ValidationError(errors)
  const owner = value
  if (!isValidSearchToken(parsed.searchToken, { officerId: officer.userId, candidateId: holderId, now: ctx.now })) {
    throw new ConflictError(SEARCH_AGAIN)
  }
  const nikHash = keyedHash(owner.nik.nik)

  return retryOnUniqueViolation(() =>
    ctx.db.transaction(async (tx): Promise<NikReassigned> => {
      // One officer, one desk: a double click waits for the first submit and then sees its work.
      await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.id, officer.userId)).for('update')
      const [current] = await tx
        .select({
          id: userAccount.id,
          email: userAccount.email,
          displayName: userAccount.displayName,
          fullName: candidateProfile.fullName,
          nikMasked: candidateProfile.nikMasked,
          createdBy: userAccount.createdBy,
          createdAt: userAccount.createdAt,
        })
        .from(candidateProfile)
        .innerJoin(userAccount, eq(userAccount.id, candidateProfile.userId))
        .where(eq(candidateProfile.nikHash, nikHash))
        .for('update')

      if (current && current.id !== holderId) {
        // A repeated submit: the NIK is already with the account this officer made for this e-mail.
        if (
          current.createdBy === officer.userId &&
          current.email.toLowerCase() === owner.email &&
          ctx.now.getTime() - current.createdAt.getTime() <= DOUBLE_SUBMIT_WINDOW_MS
        ) {
          const session = await ensureAssistedSession(tx, officer, ctx.now, { institutionId, candidateId: current.id })
          return { candidateId: current.id, sessionId: session.sessionId, reassigned: false, emailMasked: maskEmail(owner.email) }
        }
        throw new ConflictError(SEARCH_AGAIN)
      }
      // The NIK is no longer with the account searched (another officer was quicker).
      if (!current) throw new ConflictError(SEARCH_AGAIN)

      const open = await findOpenSession(tx, officer.userId)
      if (open) throw finishOtherSessionFirst(open)

      const [place] = await tx.select({ name: institution.name }).from(institution).where(eq(institution.id, institutionId))
      const centre = place?.name ?? 'BPVP Kendari'

      // The holding account: locked, its NIK and what the NIK told taken away.
      await tx
        .update(userAccount)
        .set({ lockedAt: ctx.now, lockedReason: `NIK dialihkan kepada pemilik KTP: ${reason}` })
        .where(eq(userAccount.id, holderId))
      await tx
        .update(candidateProfile)
        .set({
          nikHash: releasedNikHash(holderId),
          nikCiphertext: encrypt(''),
          nikMasked: RELEASED_NIK_MASKED,
          birthDate: null,
          sex: null,
          updatedAt: ctx.now,
        })
        .where(eq(candidateProfile.userId, holderId))
      await deleteUserSessions(tx, holderId)
      await tx.delete(accountToken).where(eq(accountToken.userId, holderId))
      await tx
        .update(assistedSession)
        .set({ endedAt: ctx.now })
        .where(and(eq(assistedSession.candidateId, holderId), isNull(assistedSession.endedAt)))

      // Its active registrations: withdrawn, the reason on each timeline.
      const active = await tx
        .select({ id: registration.id, number: registration.number })
        .from(registration)
        .where(and(eq(registration.candidateId, holderId), notInArray(registration.state, [...TERMINAL_STATES])))
      for (const r of active) {
        await transitionRegistration(tx, ctx, {
          registrationId: r.id,
          action: 'withdraw',
          data: { reason: `NIK dialihkan kepada pemilik KTP di kios ${centre}: ${reason}`, nikReassigned: true },
        })
      }

      await enqueueMail(
        tx,
        renderMail({
          to: current.email,
          subject: 'Akun Latih Anda dikunci: NIK dialihkan kepada pemilik KTP',
          greeting: `Halo ${current.fullName || current.displayName},`,
          paragraphs: [
            `Akun Latih dengan alamat e-mail ini terdaftar dengan NIK ${current.nikMasked}. Pemilik NIK tersebut datang ke kios pendaftaran ${centre} dengan KTP asli, dan petugas (${officer.displayName}) telah mengalihkan NIK itu kepadanya.`,
            `Karena itu akun Anda dikunci dan tidak dapat dipakai untuk masuk lagi${
              active.length > 0 ? `, dan pendaftaran berikut dibatalkan: ${active.map((r) => r.number).join(', ')}` : ''
            }.`,
            `Alasan yang dicatat petugas: ${reason}`,
            `Jika NIK itu benar milik Anda, datanglah ke ${centre} dengan KTP asli Anda.`,
          ],
        }),
        ctx.now,
        { institutionId },
      )

      // The real owner's account, as the kiosk creates one, and the officer helps them on.
      const { candidateId } = await insertCandidateOnBehalf(tx, officer, ctx.now, { institutionId, value: owner, nikHash })
      // The owner's consent, as the officer confirmed it: shown the notice at the desk.
      await tx.insert(privacyConsent).values({
        userId: candidateId,
        noticeVersion: PRIVACY_NOTICE_VERSION,
        consentedAt: ctx.now,
        channel: 'kiosk',
        recordedBy: officer.userId,
      })

      await recordAudit(tx, officer, ctx.now, {
        action: 'kiosk.nik.reassign',
        entityType: 'user_account',
        entityId: holderId,
        institutionId,
        onBehalfOfId: candidateId,
        before: { nikMasked: current.nikMasked, locked: false },
        after: {
          locked: true,
          seenKtp: true,
          reason,
          withdrawn: active.map((r) => r.number),
          newAccountId: candidateId,
          emailMasked: maskEmail(current.email),
        },
      })

      const session = await ensureAssistedSession(tx, officer, ctx.now, { institutionId, candidateId })
      return { candidateId, sessionId: session.sessionId, reassigned: true, emailMasked: maskEmail(owner.email) }
    }),
  )
}
