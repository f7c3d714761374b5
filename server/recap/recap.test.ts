import { eq, like } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { createBatch, createCandidate, createInstitution, createProgramme } from '../db/factories'
import { candidateProfile, region, registration, registrationEvent } from '../db/schema'
import { renderRecapPdf } from '../documents/recapPdf'
import { ForbiddenError } from '../errors'
import { getBatchRecap, getInstitutionRecap } from './getRecap'
import { recapCharts } from './recapCharts'
import { ageBand, stageReached } from './recapRules'
import { writeRecapXlsx } from './recapXlsx'

const database = await createTestDatabase()
const { db } = database
const NOW = new Date('2027-03-01T02:00:00Z')

describe('recap rules', () => {
  it('bands ages on the day of registration and reads the furthest stage from the history', () => {
    expect(ageBand('2007-01-14', '2027-01-13')).toMatchObject({ key: 'lt20' })
    expect(ageBand('2007-01-13', '2027-01-13')).toMatchObject({ key: '20-24' })
    expect(ageBand(null, '2027-01-13')).toMatchObject({ key: 'unknown' })
    expect(stageReached(['not_passed', 'assessed', 'written_test_passed'])).toBe(2)
    expect(stageReached(['withdrawn'])).toBe(0)
    expect(stageReached(['handed_over'])).toBe(6)
  })
})

describe('the registration recap on a known data set', async () => {
  const inst = await createInstitution(db, { code: 'RKP', name: 'BPVP Rekap' })
  const programme = await createProgramme(db, { institutionId: inst.id, code: 'TSM', name: 'Teknik Sepeda Motor' })
  const b = await createBatch(db, { programmeId: programme.id, institutionId: inst.id, year: 2027, number: 1, opensAt: new Date('2027-01-12T00:00:00Z') })
  const b2 = await createBatch(db, { programmeId: programme.id, institutionId: inst.id, year: 2027, number: 2, opensAt: new Date('2027-01-12T00:00:00Z') })
  const other = await createInstitution(db, { code: 'OTH', name: 'BPVP Lain' })
  const otherProgramme = await createProgramme(db, { institutionId: other.id, code: 'TSM', name: 'Teknik Sepeda Motor' })
  const otherBatch = await createBatch(db, { programmeId: otherProgramme.id, institutionId: other.id, year: 2027, number: 1 })
  const officer = await staffActor(db, inst.id, ['kiosk_officer'])
  const [konawe] = await db.select().from(region).where(like(region.code, '74.02'))
  const DAY1 = new Date('2027-01-13T02:00:00Z') // 13 Jan, 10.00 WITA
  const DAY2 = new Date('2027-01-14T15:30:00Z') // 14 Jan 23.30 WITA
  let n = 0

  async function reg(input: {
    batchId?: string
    institutionId?: string
    sex: 'male' | 'female'
    birthDate: string
    education: string | null
    domicile?: string
    kiosk?: boolean
    at?: Date
    path: string[]
  }) {
    n++
    const { user } = await createCandidate(db, { complete: input.education !== null, sex: input.sex, birthDate: input.birthDate, educationLevel: input.education ?? undefined })
    if (input.domicile) await db.update(candidateProfile).set({ domicileSameAsKtp: false, domicileVillageCode: input.domicile }).where(eq(candidateProfile.userId, user.id))
    const state = input.path[input.path.length - 1] ?? 'registered'
    const [r] = await db
      .insert(registration)
      .values({
        number: `RKP-TSM-2027-1-${String(n).padStart(4, '0')}`,
        candidateId: user.id,
        batchId: input.batchId ?? b.id,
        institutionId: input.institutionId ?? inst.id,
        state,
        createdAt: input.at ?? DAY1,
        updatedAt: input.at ?? DAY1,
        createdBy: input.kiosk ? officer.userId : user.id,
      })
      .returning()
    let from = 'registered'
    for (const to of input.path) {
      await db.insert(registrationEvent).values({ registrationId: r!.id, at: input.at ?? DAY1, kind: `to_${to}`, fromState: from, toState: to })
      from = to
    }
    return r!
  }

  await reg({ sex: 'male', birthDate: '2001-03-14', education: 'SMA', path: ['assessed', 'written_test_passed', 'invited_to_interview', 'interviewed', 'passed', 're_registered', 'handed_over'] })
  await reg({ sex: 'female', birthDate: '2008-01-20', education: 'SMK', domicile: `${konawe!.code}.01.2001`, kiosk: true, path: ['assessed', 'written_test_passed', 'invited_to_interview', 'interviewed', 'reserve'] })
  await reg({ sex: 'female', birthDate: '1990-05-05', education: 'S1', path: ['assessed', 'written_test_passed', 'not_passed'] })
  await reg({ sex: 'male', birthDate: '1999-12-31', education: null, at: DAY2, path: [] })
  await reg({ sex: 'male', birthDate: '2000-06-06', education: 'SMA', kiosk: true, path: ['assessed', 'written_test_failed'] })
  await reg({ sex: 'female', birthDate: '2000-06-06', education: 'SMA', path: ['assessed', 'withdrawn'] })
  // Another batch of the institution, and another institution's batch.
  await reg({ batchId: b2.id, sex: 'female', birthDate: '2000-06-06', education: 'D3', path: [] })
  await reg({ batchId: otherBatch.id, institutionId: other.id, sex: 'male', birthDate: '2000-06-06', education: 'SMA', path: [] })

  const committee = await staffActor(db, inst.id, ['selection_committee'])
  const ctx = contextFor(database, committee, NOW)
  const counts = (rows: Array<{ key: string; count: number }>) => Object.fromEntries(rows.map((r) => [r.key, r.count]))

  it('counts one batch by every dimension and the funnel', async () => {
    const recap = await getBatchRecap(ctx, { batchId: b.id })
    expect(recap.total).toBe(6)
    expect(counts(recap.byChannel)).toEqual({ online: 4, kiosk: 2 })
    expect(counts(recap.bySex)).toEqual({ male: 3, female: 3 })
    expect(counts(recap.byAge)).toEqual({ lt20: 1, '20-24': 0, '25-29': 4, '30-34': 0, '35-39': 1, ge40: 0 })
    expect(counts(recap.byEducation)).toEqual({ SMA: 3, SMK: 1, S1: 1, unknown: 1 })
    expect(counts(recap.byRegency)).toEqual({ '74.71': 4, [konawe!.code]: 1, unknown: 1 })
    expect(recap.byRegency.find((r) => r.key === konawe!.code)!.label).toBe(konawe!.name)
    expect(recap.byDay.map((r) => [r.key, r.count])).toEqual([
      ['2027-01-13', 5],
      ['2027-01-14', 1],
    ])
    expect(counts(recap.byState)).toEqual({ registered: 1, written_test_failed: 1, reserve: 1, not_passed: 1, handed_over: 1, withdrawn: 1 })
    expect(recap.funnel.map((r) => r.count)).toEqual([6, 5, 3, 2, 1, 1, 1])
  })

  it('counts the institution (its own batches only) and refuses other staff', async () => {
    const recap = await getInstitutionRecap(ctx, { year: '2027' })
    expect(recap.total).toBe(7)
    expect(recap.batches.map((x) => [x.label, x.total, x.passed, x.reRegistered])).toEqual([
      ['Gelombang 1/2027', 6, 1, 1],
      ['Gelombang 2/2027', 1, 0, 0],
    ])
    expect(recap.years).toEqual([2027])
    await expect(getBatchRecap(contextFor(database, officer, NOW), { batchId: b.id })).rejects.toBeInstanceOf(ForbiddenError)
    const outsider = await staffActor(db, other.id, ['selection_committee'])
    await expect(getBatchRecap(contextFor(database, outsider, NOW), { batchId: b.id })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('draws SVG charts, and writes the same counts to XLSX and PDF', async () => {
    const recap = await getBatchRecap(ctx, { batchId: b.id })
    const charts = await recapCharts(recap)
    expect(charts.funnel.startsWith('<svg')).toBe(true)
    expect(charts.funnel).toContain('Daftar ulang')
    const xlsx = (await writeRecapXlsx(ctx, recap))!
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer)
    const funnel = wb.worksheets.find((w) => w.name.startsWith('Tahapan'))!
    expect(funnel.getRow(2).values).toEqual([undefined, 'Mendaftar', 6, 100])
    expect(funnel.getRow(8).values).toEqual([undefined, 'Diserahkan ke penyelenggara', 1, 16.7])
    const pdf = await renderRecapPdf(recap, charts, 'Panitia')
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  }, 60_000)
})
