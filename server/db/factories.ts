import { maskNik, parseNik } from '../../domain/nik'
import { encrypt, keyedHash } from '../auth/crypto'
import { hashPassword } from '../auth/password'
import type { StaffRole } from '../auth/actor'
import type { DbOrTx } from './client'
import {
  batch,
  candidateDocument,
  candidateProfile,
  institution,
  programme,
  staffAssignment,
  userAccount,
} from './schema'
import { scheduleAssessmentDeadline } from '../assessments/lapseAssessments'

// One set of factories for demo data and tests, so the two never drift apart.

const DAY = 86_400_000

export async function createInstitution(
  db: DbOrTx,
  input: Partial<typeof institution.$inferInsert> = {},
) {
  const [row] = await db
    .insert(institution)
    .values({
      code: 'KDI',
      name: 'BPVP Kendari',
      timeZone: 'Asia/Makassar',
      address: 'Jl. Brigjen Z.A. Sugianto No. 193, Kambu, Kota Kendari, Sulawesi Tenggara',
      // Shown in every mail's footer; the demo's number is a placeholder, not the centre's.
      phone: '(0401) 000-0000 (nomor contoh)',
      helpDeskHours: 'Senin–Jumat 08.00–16.00 WITA',
      ...input,
    })
    .returning()
  return row!
}

export async function createStaff(
  db: DbOrTx,
  input: { institutionId: string; email: string; displayName: string; roles: StaffRole[]; password: string },
) {
  const [user] = await db
    .insert(userAccount)
    .values({
      email: input.email,
      kind: 'staff',
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: new Date(),
    })
    .returning()
  await db
    .insert(staffAssignment)
    .values(input.roles.map((role) => ({ userId: user!.id, institutionId: input.institutionId, role })))
  return user!
}

export async function createProgramme(
  db: DbOrTx,
  input: Partial<typeof programme.$inferInsert> & { institutionId: string },
) {
  const [row] = await db
    .insert(programme)
    .values({
      code: 'LAS',
      name: 'Pengelasan SMAW 3G',
      vocationalField: 'Las',
      description: '',
      durationHours: 240,
      location: 'Workshop Las BPVP Kendari',
      mode: 'offline',
      minEducation: 'SMP',
      minAge: 17,
      maxAge: 45,
      requiredDocuments: ['KTP', 'Ijazah terakhir', 'Tanda pendaftaran'],
      ...input,
    })
    .returning()
  return row!
}

/** SOP dates relative to `opensAt`, in the order the SOP runs them. */
export function batchDates(opensAt: Date, durationDays = 30) {
  const at = (days: number) => new Date(opensAt.getTime() + days * DAY)
  const day = (days: number) => at(days).toISOString().slice(0, 10)
  return {
    registrationOpensAt: opensAt,
    registrationClosesAt: at(21),
    assessmentDeadline: at(24),
    interviewStartsAt: at(27),
    interviewEndsAt: at(31),
    plenaryAt: at(33),
    announcementAt: at(35),
    reRegistrationDeadline: at(40),
    trainingStartsOn: day(47),
    trainingEndsOn: day(47 + durationDays),
  }
}

export async function createBatch(
  db: DbOrTx,
  input: Partial<typeof batch.$inferInsert> & { programmeId: string; institutionId: string; opensAt?: Date },
) {
  const { opensAt, ...rest } = input
  const [row] = await db
    .insert(batch)
    .values({
      year: 2026,
      number: 1,
      quota: 16,
      reserveCount: 2,
      ...batchDates(opensAt ?? new Date(Date.now() - 7 * DAY)),
      ...rest,
    })
    .returning()
  await scheduleAssessmentDeadline(db, row!)
  return row!
}

/** A valid Kota Kendari NIK for this birth date and sex (women: day + 40), for the demo data. */
export function demoNik(birthDate: string, sex: 'male' | 'female', serial: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `747101${pad(d + (sex === 'female' ? 40 : 0))}${pad(m)}${pad(y % 100)}${pad(serial, 4)}`
}

let nikSerial = Math.floor(Math.random() * 9000)

/**
 * A NIK unique within the process (Kota Kendari, born 15 August 1995, male): a counter
 * from a random start, not a fresh random number each time — random serials collided
 * (birthday paradox) on the unique NIK hash once a test made a few dozen candidates.
 */
export function nextNik(): string {
  nikSerial = (nikSerial + 1) % 9000
  return `747101150895${nikSerial + 1000}`
}

/**
 * A candidate account with a profile. `complete: true` fills every profile field and
 * adds document rows (files are not written; tests that read files upload them).
 */
export async function createCandidate(
  db: DbOrTx,
  input: {
    nik?: string
    fullName?: string
    email?: string
    password?: string | null
    phone?: string
    emailVerified?: boolean
    complete?: boolean
    birthDate?: string
    sex?: 'male' | 'female'
    educationLevel?: string
  } = {},
) {
  const nik = input.nik ?? nextNik()
  const serial = nik.slice(-4)
  const parsed = parseNik(nik, { today: new Date() })
  const email = input.email ?? `calon.${serial}.${Math.random().toString(36).slice(2, 8)}@contoh.test`
  const [user] = await db
    .insert(userAccount)
    .values({
      email,
      kind: 'candidate',
      displayName: input.fullName ?? 'Siti Rahmawati',
      passwordHash: input.password === null ? null : await hashPassword(input.password ?? 'Kendari-Maju-2026'),
      emailVerifiedAt: input.emailVerified === false ? null : new Date(),
    })
    .returning()
  const complete = input.complete ?? false
  await db.insert(candidateProfile).values({
    userId: user!.id,
    nikCiphertext: encrypt(nik),
    nikHash: keyedHash(nik),
    nikMasked: maskNik(nik),
    fullName: input.fullName ?? 'Siti Rahmawati',
    phone: input.phone ?? '+6281234567890',
    birthDate: input.birthDate ?? (parsed.ok ? parsed.value.birthDate : null),
    sex: input.sex ?? (parsed.ok ? parsed.value.sex : null),
    ...(complete
      ? {
          birthPlace: 'Kendari',
          maritalStatus: 'belum_kawin',
          ktpStreet: 'Jl. Ahmad Yani No. 10',
          ktpVillageCode: '74.71.01.1005',
          ktpPostalCode: '93111',
          domicileSameAsKtp: true,
          educationLevel: input.educationLevel ?? 'SMA',
          schoolName: 'SMA Negeri 1 Kendari',
          major: 'IPA',
          graduationYear: 2014,
          employmentStatus: 'belum_bekerja',
          disability: 'none',
        }
      : { educationLevel: input.educationLevel ?? null }),
  })
  if (complete) {
    await db.insert(candidateDocument).values(
      (['photo', 'ktp', 'diploma'] as const).map((kind) => ({
        userId: user!.id,
        kind,
        storageKey: `documents/${user!.id}/${kind}-factory.png`,
        contentType: 'image/png',
        byteSize: 1,
        sha256: '0',
        uploadedAt: new Date(),
        uploadedBy: user!.id,
      })),
    )
  }
  return { user: user!, nik, email }
}
