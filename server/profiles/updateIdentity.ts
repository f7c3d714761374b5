import { and, eq, ne } from 'drizzle-orm'
import type { z } from 'zod'
import { maskNik, parseNik } from '../../domain/nik'
import { onBehalfOf, type AnyActor } from '../auth/actor'
import { decrypt, encrypt, keyedHash } from '../auth/crypto'
import { authorize, can } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import type { DbOrTx } from '../db/client'
import { candidateProfile, registration, userAccount } from '../db/schema'
import { ConflictError, isUniqueViolation, ValidationError } from '../errors'
import { identitySchema } from './schemas'
import { parseInput } from '../validation'
import { changedFields, lockProfile } from './sectionUpdate'

export type UpdateIdentityInput = { candidateId: string } & Partial<z.input<ReturnType<typeof identitySchema>>>

export const NIK_TAKEN_MESSAGE =
  'NIK ini sudah terdaftar pada akun lain. Jika itu akun Anda, masuk dengan akun tersebut atau gunakan "Lupa kata sandi" untuk memulihkannya. Jika Anda tidak pernah membuat akun itu, datangi kios pendaftaran BPVP Kendari dengan membawa KTP asli.'

export const IDENTITY_LOCKED_NIK_MESSAGE =
  'NIK tidak dapat diubah lagi karena Anda sudah mendaftar pelatihan. Jika NIK salah, datangi kios pendaftaran dengan membawa KTP asli; petugas kios akan mengoreksinya.'
export const IDENTITY_LOCKED_NAME_MESSAGE =
  'Nama lengkap tidak dapat diubah lagi karena Anda sudah mendaftar pelatihan. Jika nama salah, datangi kios pendaftaran dengan membawa KTP asli; petugas kios akan mengoreksinya.'

/**
 * Whether the candidate's NIK and full name are locked for this actor: once the candidate
 * has a registration (any, withdrawn ones too: the committee saw that identity), only a
 * kiosk officer in an assisted session for them — who matched name, NIK and birth date
 * against the original KTP before starting it — may correct them (decision 028); the audit
 * row names the officer and the candidate.
 */
export async function isIdentityLocked(db: DbOrTx, candidateId: string, actor: AnyActor): Promise<boolean> {
  if (onBehalfOf(actor) === candidateId) return false
  const [row] = await db
    .select({ id: registration.id })
    .from(registration)
    .where(eq(registration.candidateId, candidateId))
    .limit(1)
  return row !== undefined
}

/**
 * Save the identity section (SOP step 3). Birth date and sex are not typed: they are
 * taken from the NIK every time the section is saved (decision 028), so saving again
 * also repairs a profile stored before that rule. Until the candidate registers the NIK
 * and name may be corrected here; after that only at the kiosk. Audit rows never hold
 * the whole NIK.
 */
export async function updateIdentity(
  ctx: UseCaseContext,
  input: UpdateIdentityInput,
): Promise<{ changed: boolean }> {
  const { candidateId } = input
  authorize(ctx.actor, 'profile.edit', { candidateId })
  const v = parseInput(identitySchema(ctx.now), input)
  // Someone who only sees the masked NIK (a kiosk officer) may leave it empty to keep it;
  // the candidate sees it whole, so an empty field from them is a mistake.
  if (v.nik === '' && can(ctx.actor, 'profile.readFullNik', { candidateId })) {
    throw new ValidationError({ nik: ['NIK wajib diisi.'] })
  }

  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await lockProfile(tx, candidateId)
      const nik = v.nik === '' ? decrypt(current.nikCiphertext) : v.nik
      const nikHash = keyedHash(nik)
      if (nikHash !== current.nikHash) {
        const [other] = await tx
          .select({ userId: candidateProfile.userId })
          .from(candidateProfile)
          .where(and(eq(candidateProfile.nikHash, nikHash), ne(candidateProfile.userId, candidateId)))
        if (other) throw new ConflictError(NIK_TAKEN_MESSAGE, { nik: [NIK_TAKEN_MESSAGE] })
      }

      const parsed = parseNik(nik, { today: ctx.now })
      // A stored NIK that no longer parses (it was accepted before a stricter rule) must
      // be typed again; the message says why.
      if (!parsed.ok) throw new ValidationError({ nik: [parsed.message] })
      // The masked form can stay the same while the NIK changes (middle digits).
      const nikChanged = nikHash !== current.nikHash
      if (await isIdentityLocked(tx, candidateId, ctx.actor)) {
        const errors: Record<string, string[]> = {}
        if (nikChanged) errors.nik = [IDENTITY_LOCKED_NIK_MESSAGE]
        if (v.fullName !== current.fullName) errors.fullName = [IDENTITY_LOCKED_NAME_MESSAGE]
        if (Object.keys(errors).length > 0) throw new ValidationError(errors)
      }

      const next = {
        nikMasked: maskNik(nik),
        fullName: v.fullName,
        birthPlace: v.birthPlace,
        birthDate: parsed.value.birthDate,
        sex: parsed.value.sex,
        maritalStatus: v.maritalStatus,
        phone: v.phone,
      }
      const diff = changedFields(current, next)
      if (!diff.changed && !nikChanged) return { changed: false }

      await tx
        .update(candidateProfile)
        .set({
          ...next,
          ...(nikChanged ? { nikCiphertext: encrypt(nik), nikHash } : {}),
          updatedAt: ctx.now,
        })
        .where(eq(candidateProfile.userId, candidateId))
      if (diff.after.fullName !== undefined) {
        // The account's display name follows the name on the KTP.
        await tx.update(userAccount).set({ displayName: v.fullName }).where(eq(userAccount.id, candidateId))
      }
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'profile.updateIdentity',
        entityType: 'candidate_profile',
        entityId: candidateId,
        before: { ...diff.before, ...(nikChanged ? { nikMasked: current.nikMasked } : {}) },
        after: { ...diff.after, ...(nikChanged ? { nikMasked: next.nikMasked, nikChanged: true } : {}) },
      })
      return { changed: true }
    })
  } catch (error) {
    // Two accounts saving the same NIK at once: the unique index decides.
    if (isUniqueViolation(error, 'candidate_profile_nik_hash_unique')) {
      throw new ConflictError(NIK_TAKEN_MESSAGE, { nik: [NIK_TAKEN_MESSAGE] })
    }
    throw error
  }
}
