import { formatMobileNumber } from '../../domain/phone'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { decrypt } from '../auth/crypto'
import type { DbOrTx } from '../db/client'
import { candidateDocument, candidateProfile, registration, reRegistrationDocumentCheck } from '../db/schema'
import { EDUCATION_LEVEL_LABELS, SEX_LABELS } from '../profiles/options'
import { regionNamesFor } from '../regions/regions'

// The participants of a nominative list and a handover: the re-registered of a batch
// (or those a handover lists), with what the organiser needs. The full NIK is decrypted
// here only; every caller is an audited export.

export interface Participant {
  no: number
  registrationId: string
  candidateId: string
  number: string
  fullName: string
  nik: string
  sex: string
  birthPlace: string
  birthDate: string | null
  address: string
  education: string
  phone: string
  documents: { ktp: boolean; diploma: boolean; receipt: boolean; photo: boolean }
}

export async function loadParticipants(db: DbOrTx, batchId: string, registrationIds?: readonly string[]): Promise<Participant[]> {
  const where = registrationIds
    ? and(eq(registration.batchId, batchId), inArray(registration.id, registrationIds.length ? [...registrationIds] : ['00000000-0000-0000-0000-000000000000']))
    : and(eq(registration.batchId, batchId), inArray(registration.state, ['re_registered', 'handed_over']))
  const rows = await db
    .select({ registration, profile: candidateProfile })
    .from(registration)
    .innerJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(where)
    .orderBy(asc(candidateProfile.fullName), asc(registration.number))
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.registration.id)
  const checks = await db.select().from(reRegistrationDocumentCheck).where(inArray(reRegistrationDocumentCheck.registrationId, ids))
  const docs = await db
    .select({ userId: candidateDocument.userId, kind: candidateDocument.kind })
    .from(candidateDocument)
    .where(inArray(candidateDocument.userId, rows.map((r) => r.registration.candidateId)))
  // Region names per village code, looked up once each.
  const regions = new Map<string, Awaited<ReturnType<typeof regionNamesFor>>>()
  for (const r of rows) {
    const code = r.profile.ktpVillageCode
    if (code && !regions.has(code)) regions.set(code, await regionNamesFor(db, code))
  }
  const validChecks = new Set(checks.filter((c) => c.status === 'valid').map((c) => `${c.registrationId}:${c.document}`))
  const uploaded = new Set(docs.map((d) => `${d.userId}:${d.kind}`))
  return rows.map((r, i) => {
    const p = r.profile
    const names = p.ktpVillageCode ? regions.get(p.ktpVillageCode) : null
    const address = [
      p.ktpStreet,
      names?.village ? `Kel./Desa ${names.village}` : null,
      names?.district ? `Kec. ${names.district}` : null,
      names?.regency,
      names?.province,
      p.ktpPostalCode,
    ]
      .filter((x): x is string => !!x && x.trim() !== '')
      .join(', ')
    const valid = (d: string) => validChecks.has(`${r.registration.id}:${d}`)
    const has = (k: string) => uploaded.has(`${r.registration.candidateId}:${k}`)
    return {
      no: i + 1,
      registrationId: r.registration.id,
      candidateId: r.registration.candidateId,
      number: r.registration.number,
      fullName: p.fullName,
      nik: decrypt(p.nikCiphertext),
      sex: p.sex ? SEX_LABELS.id[p.sex] : '',
      birthPlace: p.birthPlace ?? '',
      birthDate: p.birthDate,
      address,
      education: p.educationLevel ? (EDUCATION_LEVEL_LABELS.id as Record<string, string>)[p.educationLevel] ?? p.educationLevel : '',
      phone: formatMobileNumber(p.phone),
      documents: { ktp: valid('ktp'), diploma: valid('diploma'), receipt: valid('receipt'), photo: has('photo') },
    }
  })
}
