import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { compareNikWithProfile, parseNik } from '../../domain/nik'
import { profileCompleteness, type ProfileCompleteness } from '../../domain/profileCompleteness'
import { decrypt } from '../auth/crypto'
import { recordAudit } from '../audit'
import type { UseCaseContext } from '../context'
import { candidateDocument, candidateProfile, userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { regionNamesFor, type RegionNames } from '../regions/regions'
import { authorizeCandidateData, canIn } from './access'
import { getProfileSnapshot } from './getProfileSnapshot'
import { isIdentityLocked } from './updateIdentity'
import type { DocumentKind } from './schemas'

const Input = z.object({ candidateId: z.uuid() })

export interface AddressView {
  street: string | null
  villageCode: string | null
  postalCode: string | null
  /** Names along the village code; null when no village is chosen yet. */
  regions: RegionNames | null
}

export interface DocumentView {
  kind: DocumentKind
  contentType: string
  byteSize: number
  originalName: string
  uploadedAt: string
}

export interface ProfileView {
  candidateId: string
  email: string
  emailVerified: boolean
  /** The whole NIK for those allowed to see it, otherwise the masked form. */
  nik: string
  nikMasked: boolean
  fullName: string
  birthPlace: string | null
  birthDate: string | null
  sex: 'male' | 'female' | null
  maritalStatus: string | null
  phone: string
  ktp: AddressView
  domicileSameAsKtp: boolean
  domicile: AddressView
  educationLevel: string | null
  schoolName: string | null
  major: string | null
  graduationYear: number | null
  employmentStatus: string | null
  disability: string | null
  documents: DocumentView[]
  completeness: ProfileCompleteness
  /** Where the stored profile disagrees with what the NIK encodes (profiles saved before decision 028). */
  nikWarnings: string[]
  /** Birth date and sex as the NIK encodes them: shown on the identity page, never typed. */
  fromNik: { birthDate: string; sex: 'male' | 'female' } | null
  /** NIK and name can no longer be changed here: the candidate has registered (decision 028). */
  identityLocked: boolean
  updatedAt: string
}

/** The candidate's profile as their pages (or authorised staff) see it. */
export async function getProfile(ctx: UseCaseContext, input: { candidateId: string }): Promise<ProfileView> {
  const { candidateId } = Input.parse(input)
  const { institutionId } = await authorizeCandidateData(ctx.db, ctx.actor, 'profile.read', candidateId)

  const [row] = await ctx.db
    .select({ profile: candidateProfile, email: userAccount.email, emailVerifiedAt: userAccount.emailVerifiedAt })
    .from(candidateProfile)
    .innerJoin(userAccount, eq(userAccount.id, candidateProfile.userId))
    .where(eq(candidateProfile.userId, candidateId))
  const snapshot = await getProfileSnapshot(ctx.db, candidateId)
  if (!row || !snapshot) throw new NotFoundError('Profil calon peserta tidak ditemukan.')
  const p = row.profile

  const documents = await ctx.db
    .select({
      kind: candidateDocument.kind,
      contentType: candidateDocument.contentType,
      byteSize: candidateDocument.byteSize,
      originalName: candidateDocument.originalName,
      uploadedAt: candidateDocument.uploadedAt,
    })
    .from(candidateDocument)
    .where(eq(candidateDocument.userId, candidateId))
    .orderBy(asc(candidateDocument.kind))

  const fullNik = decrypt(p.nikCiphertext)
  const showFull = canIn(ctx.actor, 'profile.readFullNik', candidateId, institutionId)
  if (showFull && ctx.actor.kind === 'staff') {
    // Staff reading a whole NIK is a read of full personal data: recorded.
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'profile.readFullNik',
        entityType: 'candidate_profile',
        entityId: candidateId,
        institutionId,
        after: { nikMasked: p.nikMasked },
      })
    })
  }

  const parsed = parseNik(fullNik, { today: ctx.now })
  const nikWarnings = parsed.ok ? compareNikWithProfile(parsed.value, { birthDate: p.birthDate, sex: p.sex }) : []
  const identityLocked = await isIdentityLocked(ctx.db, candidateId, ctx.actor)

  const [ktpRegions, domicileRegions] = await Promise.all([
    regionNamesFor(ctx.db, p.ktpVillageCode),
    p.domicileSameAsKtp ? Promise.resolve(null) : regionNamesFor(ctx.db, p.domicileVillageCode),
  ])

  return {
    candidateId,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    nik: showFull ? fullNik : p.nikMasked,
    nikMasked: !showFull,
    fullName: p.fullName,
    birthPlace: p.birthPlace,
    birthDate: p.birthDate,
    sex: p.sex,
    maritalStatus: p.maritalStatus,
    phone: p.phone,
    ktp: { street: p.ktpStreet, villageCode: p.ktpVillageCode, postalCode: p.ktpPostalCode, regions: ktpRegions },
    domicileSameAsKtp: p.domicileSameAsKtp,
    domicile: {
      street: p.domicileStreet,
      villageCode: p.domicileVillageCode,
      postalCode: p.domicilePostalCode,
      regions: domicileRegions,
    },
    educationLevel: p.educationLevel,
    schoolName: p.schoolName,
    major: p.major,
    graduationYear: p.graduationYear,
    employmentStatus: p.employmentStatus,
    disability: p.disability,
    documents: documents.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() })),
    completeness: profileCompleteness(snapshot),
    nikWarnings,
    fromNik: parsed.ok ? { birthDate: parsed.value.birthDate, sex: parsed.value.sex } : null,
    identityLocked,
    updatedAt: p.updatedAt.toISOString(),
  }
}
