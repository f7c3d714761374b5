import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { maskNik, parseNik } from '../../domain/nik'
import { normalizeMobileNumber } from '../../domain/phone'
import { recordAudit } from '../audit'
import { encrypt, keyedHash } from '../auth/crypto'
import { authorize } from '../auth/permissions'
import { issueAccountToken } from '../auth/tokens'
import type { Actor } from '../auth/actor'
import type { UseCaseContext } from '../context'
import type { Tx } from '../db/client'
import { candidateProfile, institution, privacyConsent, userAccount } from '../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { renderMail } from '../mail/render'
import { enqueueMail } from '../mail/sendMail'
import { ensureAssistedSession, findOpenSession, finishOtherSessionFirst, retryOnUniqueViolation } from './assistedSessionStore'
import { maskEmail } from './maskEmail'
import { checkPersonName } from '../../domain/personName'
import { isConsentGiven, KIOSK_NOTICE_REQUIRED, PRIVACY_NOTICE_VERSION } from '../privacy/notice'
import { publicLink } from '../links'

const Input = z.object({
  institutionId: z.uuid(),
  nik: z.string(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string(),
  /** The officer's tick: the candidate was shown the privacy notice and agreed (decision 023). */
  noticeShown: z.string().optional(),
})

/** A second submit of the same form within this window returns the first's account. */
export const DOUBLE_SUBMIT_WINDOW_MS = 10 * 60_000

const NAME_MAX = 100
const EmailSchema = z.email()

export interface CreatedOnBehalf {
  candidateId: string
  sessionId: string
  /** False when this was a repeated submit answered with the account made the first time. */
  created: boolean
  emailMasked: string
}

export function validateNewCandidate(input: z.output<typeof Input>, now: Date) {
  const errors: Record<string, string[]> = {}
  const nik = parseNik(input.nik, { today: now })
  if (!nik.ok) errors.nik = [nik.message]

  const name = checkPersonName(input.fullName, 'Nama lengkap', NAME_MAX)
  if (!name.ok) errors.fullName = [name.message]
  const fullName = name.ok ? name.name : input.fullName.trim()

  const email = input.email.trim().toLowerCase()
  if (email === '') errors.email = ['E-mail wajib diisi.']
  else if (email.length > 254 || !EmailSchema.safeParse(email).success) {
    errors.email = ['Alamat e-mail tidak valid. Contoh: nama@gmail.com.']
  }

  const phone = normalizeMobileNumber(input.phone)
  if (!phone.ok) errors.phone = [phone.message]

  if (!nik.ok || !phone.ok || Object.keys(errors).length > 0) throw new ValidationError(errors)
  return { nik: nik.value, fullName, email, phone: phone.value }
}

/**
 * SOP steps 2–3 at the kiosk: the officer creates the account of a walk-in who has none.
 * The account has no password; the candidate gets an e-mail with a link to set their
 * own (which also verifies the address). The officer's assisted session for the new
 * candidate starts in the same transaction, so the officer goes straight on to the
 * profile.
 */
export async function createCandidateOnBehalf(
  ctx: UseCaseContext,
  input: z.input<typeof Input>,
): Promise<CreatedOnBehalf> {
  const parsedInput = Input.parse(input)
  authorize(ctx.actor, 'kiosk.createCandidate', { institutionId: parsedInput.institutionId })
  const officer = ctx.actor
  if (officer.kind !== 'staff') throw new ForbiddenError()
  const { institutionId } = parsedInput
  // The privacy notice's tick is checked with the other fields, so every message comes back at once.
  const noticeError = isConsentGiven(parsedInput.noticeShown) ? null : KIOSK_NOTICE_REQUIRED
  let value: NewCandidate
  try {
    value = validateNewCandidate(parsedInput, ctx.now)
  } catch (error) {
    if (noticeError && error instanceof ValidationError) throw new ValidationError({ ...error.fieldErrors, noticeShown: [noticeError] })
    throw error
  }
  if (noticeError) throw new ValidationError({ noticeShown: [noticeError] })
  const nikHash = keyedHash(value.nik.nik)

  return retryOnUniqueViolation(() =>
    ctx.db.transaction(async (tx): Promise<CreatedOnBehalf> => {
      // One officer, one desk: their submits run one after another. Without this a double
      // click on PostgreSQL could see the first submit's assisted session but not yet its
      // account, and answer "finish the other session first" instead of the same account.
      await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.id, officer.userId)).for('update')
      const [sameNik] = await tx
        .select({
          id: userAccount.id,
          email: userAccount.email,
          createdBy: userAccount.createdBy,
          createdAt: userAccount.createdAt,
        })
        .from(candidateProfile)
        .innerJoin(userAccount, eq(userAccount.id, candidateProfile.userId))
        .where(eq(candidateProfile.nikHash, nikHash))

      // A double click or a retry after a timeout: the same officer, NIK and e-mail,
      // moments ago. Answer with that account instead of a confusing "already exists".
      if (
        sameNik &&
        sameNik.createdBy === officer.userId &&
        sameNik.email.toLowerCase() === value.email &&
        ctx.now.getTime() - sameNik.createdAt.getTime() <= DOUBLE_SUBMIT_WINDOW_MS
      ) {
        const session = await ensureAssistedSession(tx, officer, ctx.now, { institutionId, candidateId: sameNik.id })
        return { candidateId: sameNik.id, sessionId: session.sessionId, created: false, emailMasked: maskEmail(value.email) }
      }

      const open = await findOpenSession(tx, officer.userId)
      if (open) throw finishOtherSessionFirst(open)

      if (sameNik) {
        throw new ConflictError('NIK ini sudah terdaftar.', {
          nik: [
            'NIK ini sudah memiliki akun Latih. Jangan buat akun baru: cari NIK ini di halaman Kios, lalu mulai sesi bantuan untuk akun yang sudah ada.',
          ],
        })
      }
      const { candidateId } = await insertCandidateOnBehalf(tx, officer, ctx.now, { institutionId, value, nikHash })
      // The consent, as the officer confirmed it: shown the notice at the desk.
      await tx.insert(privacyConsent).values({
        userId: candidateId,
        noticeVersion: PRIVACY_NOTICE_VERSION,
        consentedAt: ctx.now,
        channel: 'kiosk',
        recordedBy: officer.userId,
      })
      const session = await ensureAssistedSession(tx, officer, ctx.now, { institutionId, candidateId })
      return { candidateId, sessionId: session.sessionId, created: true, emailMasked: maskEmail(value.email) }
    }),
  )
}

export type NewCandidate = ReturnType<typeof validateNewCandidate>

/**
 * Inside the caller's transaction, after the caller has made sure the NIK is free: the
 * account without a password, its profile, the set-password mail and the audit row. The
 * e-mail must be unused. Shared by the kiosk's account creation and the NIK reassignment
 * (reassignNik.ts), which creates the real owner's account in its own transaction.
 */
export async function insertCandidateOnBehalf(
  tx: Tx,
  officer: Actor,
  now: Date,
  input: { institutionId: string; value: NewCandidate; nikHash: string },
): Promise<{ candidateId: string }> {
  const { institutionId, value, nikHash } = input
  const [sameEmail] = await tx
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(sql`lower(${userAccount.email}) = ${value.email}`)
  if (sameEmail) {
    throw new ConflictError('E-mail ini sudah dipakai.', {
      email: [
        'E-mail ini sudah dipakai akun lain. Gunakan alamat e-mail lain milik calon peserta, atau cari akunnya dengan NIK.',
      ],
    })
  }

  const [place] = await tx
    .select({ name: institution.name })
    .from(institution)
    .where(eq(institution.id, institutionId))

  const [account] = await tx
    .insert(userAccount)
    .values({
      email: value.email,
      kind: 'candidate',
      displayName: value.fullName,
      passwordHash: null,
      emailVerifiedAt: null,
      createdAt: now,
      createdBy: officer.userId,
    })
    .returning({ id: userAccount.id })
  const candidateId = account!.id
  const nikMasked = maskNik(value.nik.nik)
  await tx.insert(candidateProfile).values({
    userId: candidateId,
    nikCiphertext: encrypt(value.nik.nik),
    nikHash,
    nikMasked,
    fullName: value.fullName,
    birthDate: value.nik.birthDate,
    sex: value.nik.sex,
    phone: value.phone,
    updatedAt: now,
  })

  const token = await issueAccountToken(tx, { userId: candidateId, purpose: 'set_password', now })
  const centre = place?.name ?? 'BPVP Kendari'
  await enqueueMail(
    tx,
    renderMail({
      to: value.email,
      subject: `Akun Latih Anda telah dibuat di kios ${centre}`,
      greeting: `Halo ${value.fullName},`,
      paragraphs: [
        `Petugas kios ${centre} (${officer.displayName}) telah membuatkan akun Latih untuk Anda dengan alamat e-mail ini, agar Anda dapat mendaftar pelatihan berbasis kompetensi.`,
        'Buat kata sandi Anda sendiri melalui tautan di bawah. Tautan ini sekaligus memverifikasi alamat e-mail Anda. Setelah itu Anda dapat masuk sendiri dari HP Anda untuk melengkapi profil, mendaftar program, dan memantau hasil seleksi di menu Aktivitas.',
        'Jangan berikan kata sandi Anda kepada siapa pun, termasuk petugas.',
        `Jika Anda tidak merasa meminta dibuatkan akun, abaikan e-mail ini atau hubungi ${centre}.`,
      ],
      action: { label: 'Buat kata sandi', url: publicLink('/atur-sandi', { token }) },
      note: 'Tautan ini berlaku 7 hari dan hanya dapat dipakai sekali.',
    }),
    now,
    { institutionId },
  )

  await recordAudit(tx, officer, now, {
    action: 'kiosk.candidate.create',
    entityType: 'user_account',
    entityId: candidateId,
    institutionId,
    onBehalfOfId: candidateId,
    after: { kind: 'candidate', nikMasked, emailMasked: maskEmail(value.email), createdBy: officer.userId },
  })

  return { candidateId }
}
