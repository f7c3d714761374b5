import { and, eq, ne } from 'drizzle-orm'
import type { z } from 'zod'
import { compareNikWithProfile, maskNik, parseNik } from '../../domain/nik'
import { decrypt, encrypt, keyedHash } from '../auth/crypto'
import { authorize, can } from '../auth/permissions'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { candidateProfile, userAccount } from '../db/schema'
import { ConflictError, isUniqueViolation, ValidationError } from '../errors'
import { identitySchema } from './schemas'
import { parseInput } from '../validation'
import { changedFields, lockProfile } from './sectionUpdate'

export type UpdateIdentityInput = { candidateId: string } & Partial<z.input<ReturnType<typeof identitySchema>>>

export const NIK_TAKEN_MESSAGE =
  'NIK ini sudah terdaftar pada akun lain. Jika itu akun Anda, masuk dengan akun tersebut atau gunakan "Lupa kata sandi" untuk memulihkannya. Jika Anda tidak pernah membuat akun itu, datangi kios pendaftaran BPVP Kendari dengan membawa KTP asli.'

/**
 * Save the identity section (SOP step 3). The NIK may be corrected; a NIK whose birth
 * date or sex disagrees with the profile is saved and the disagreement returned as
 * warnings (KTP data has real-world mistakes). Audit rows never hold the whole NIK.
 */
export async function updateIdentity(
  ctx: UseCaseContext,
  input: UpdateIdentityInput,
): Promise<{ changed: boolean; warnings: string[] }> {
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

      const next = {
        nikMasked: maskNik(nik),
        fullName: v.fullName,
        birthPlace: v.birthPlace,
        birthDate: v.birthDate,
        sex: v.sex,
        maritalStatus: v.maritalStatus,
        phone: v.phone,
      }
      const diff = changedFields(current, next)
      // The masked form can stay the same while the NIK changes (middle digits).
      const nikChanged = nikHash !== current.nikHash
      const parsed = parseNik(nik, { today: ctx.now })
      const warnings = parsed.ok ? compareNikWithProfile(parsed.value, { birthDate: v.birthDate, sex: v.sex }) : []
      if (!diff.changed && !nikChanged) return { changed: false, warnings }

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
      return { changed: true, warnings }
    })
  } catch (error) {
    // Two accounts saving the same NIK at once: the unique index decides.
    if (isUniqueViolation(error, 'candidate_profile_nik_hash_unique')) {
      throw new ConflictError(NIK_TAKEN_MESSAGE, { nik: [NIK_TAKEN_MESSAGE] })
    }
    throw error
  }
}
