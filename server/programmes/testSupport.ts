import type { DbOrTx } from '../db/client'
import { createInstitution } from '../db/factories'

// Shared set-up for this folder's integration tests: two institutions and one actor per
// kind of person who might try to manage programmes.

export { staffActor } from '../../tests/actors'

export async function twoInstitutions(db: DbOrTx) {
  const kendari = await createInstitution(db)
  const other = await createInstitution(db, { code: 'BTG', name: 'BPVP Bantaeng', timeZone: 'Asia/Makassar' })
  return { kendari, other }
}

export const programmeForm = {
  code: 'las',
  name: 'Pengelasan SMAW Posisi 3G',
  vocationalField: 'Las',
  description: 'Pelatihan pengelasan busur manual pelat posisi 3G.',
  durationHours: '240',
  location: 'Workshop Las, BPVP Kendari',
  mode: 'offline' as const,
  minEducation: 'SMP',
  minAge: '17',
  maxAge: '45',
  requiredDocuments: 'KTP\r\n  Ijazah terakhir  \r\n\r\nTanda pendaftaran',
}

/** A consistent schedule as typed in WITA in the batch form. */
export const batchForm = {
  year: '2027',
  number: '1',
  quota: '16',
  reserveCount: '2',
  registrationOpensAt: '2027-01-04T08:00',
  registrationClosesAt: '2027-01-24T23:59',
  assessmentDeadline: '2027-01-27T23:59',
  interviewStartsAt: '2027-02-01T08:00',
  interviewEndsAt: '2027-02-03T16:00',
  plenaryAt: '2027-02-05T09:00',
  announcementAt: '2027-02-08T10:00',
  reRegistrationDeadline: '2027-02-12T16:00',
  trainingStartsOn: '2027-02-15',
  trainingEndsOn: '2027-03-26',
}
