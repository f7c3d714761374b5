import { hashPassword } from '../auth/password'
import type { StaffRole } from '../auth/actor'
import type { DbOrTx } from './client'
import { batch, institution, programme, staffAssignment, userAccount } from './schema'

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
  return row!
}
