import { eq } from 'drizzle-orm'
import type { ProfileSnapshot } from '../../domain/profileCompleteness'
import { decrypt } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { candidateDocument, candidateProfile, userAccount } from '../db/schema'

/**
 * The candidate's profile as the completeness rule sees it (NIK decrypted), or null
 * when the account has no profile. No permission check: callers authorise first.
 */
export async function getProfileSnapshot(db: DbOrTx, userId: string): Promise<ProfileSnapshot | null> {
  const [row] = await db
    .select({ profile: candidateProfile, emailVerifiedAt: userAccount.emailVerifiedAt })
    .from(candidateProfile)
    .innerJoin(userAccount, eq(userAccount.id, candidateProfile.userId))
    .where(eq(candidateProfile.userId, userId))
  if (!row) return null
  const documents = await db
    .select({ kind: candidateDocument.kind })
    .from(candidateDocument)
    .where(eq(candidateDocument.userId, userId))
  const kinds = new Set(documents.map((d) => d.kind))
  const p = row.profile
  return {
    fullName: p.fullName,
    nik: decrypt(p.nikCiphertext),
    birthPlace: p.birthPlace,
    birthDate: p.birthDate,
    sex: p.sex,
    maritalStatus: p.maritalStatus,
    ktpStreet: p.ktpStreet,
    ktpVillageCode: p.ktpVillageCode,
    ktpPostalCode: p.ktpPostalCode,
    domicileSameAsKtp: p.domicileSameAsKtp,
    domicileStreet: p.domicileStreet,
    domicileVillageCode: p.domicileVillageCode,
    domicilePostalCode: p.domicilePostalCode,
    phone: p.phone,
    educationLevel: p.educationLevel,
    schoolName: p.schoolName,
    major: p.major,
    graduationYear: p.graduationYear,
    employmentStatus: p.employmentStatus,
    disability: p.disability,
    hasPhoto: kinds.has('photo'),
    hasKtpScan: kinds.has('ktp'),
    hasDiplomaScan: kinds.has('diploma'),
    emailVerified: row.emailVerifiedAt !== null,
  }
}
