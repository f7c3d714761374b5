import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import { createBatch, createProgramme } from '../db/factories'
import { archiveProgramme } from './archiveProgramme'
import { getBatchDetails } from './getBatchDetails'
import { listCatalogue, listCatalogueChoices } from './listCatalogue'
import { staffActor, twoInstitutions } from './testSupport'

const DAY = 86_400_000
const NOW = new Date('2027-01-10T02:00:00Z')
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY)

describe('public catalogue', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const { kendari } = await twoInstitutions(db)
  const admin = await staffActor(db, kendari.id, ['administrator'])

  const welding = await createProgramme(db, {
    institutionId: kendari.id,
    code: 'LAS',
    name: 'Pengelasan SMAW 3G',
    vocationalField: 'Las',
    location: 'Workshop Las, BPVP Kendari',
    description: 'Busur manual, pelat posisi vertikal.',
  })
  const motorcycle = await createProgramme(db, {
    institutionId: kendari.id,
    code: 'TSM',
    name: 'Servis Sepeda Motor Injeksi',
    vocationalField: 'Otomotif',
    location: 'Workshop Otomotif, BPVP Kendari',
    description: 'Diagnosis sistem injeksi 100% praktik.',
  })
  const design = await createProgramme(db, {
    institutionId: kendari.id,
    code: 'DGR',
    name: 'Desain Grafis Muda',
    vocationalField: 'Teknologi Informasi dan Komunikasi',
    location: 'Lab Komputer TIK, Unaaha',
    mode: 'blended',
  })
  const archived = await createProgramme(db, { institutionId: kendari.id, code: 'OLD', name: 'Pengelasan lama', vocationalField: 'Las' })

  // Opens relative to now: open (closing in 11 days), open (closing in 4), upcoming, closed.
  const weldingOpen = await createBatch(db, { programmeId: welding.id, institutionId: kendari.id, year: 2027, number: 1, opensAt: daysFromNow(-10) })
  const motorOpen = await createBatch(db, { programmeId: motorcycle.id, institutionId: kendari.id, year: 2027, number: 1, opensAt: daysFromNow(-17) })
  const weldingNext = await createBatch(db, { programmeId: welding.id, institutionId: kendari.id, year: 2027, number: 2, opensAt: daysFromNow(30) })
  const designClosed = await createBatch(db, { programmeId: design.id, institutionId: kendari.id, year: 2026, number: 3, opensAt: daysFromNow(-60) })
  await createBatch(db, { programmeId: archived.id, institutionId: kendari.id, opensAt: daysFromNow(-1) })
  await archiveProgramme(contextFor(database, admin, NOW), { programmeId: archived.id })

  const ids = (r: Awaited<ReturnType<typeof listCatalogue>>) => r.items.map((i) => i.batchId)

  it('shows open batches by default, closing soonest first, with their phase', async () => {
    const result = await listCatalogue(db, { now: NOW })
    expect(result.status).toBe('open')
    expect(ids(result)).toEqual([motorOpen.id, weldingOpen.id])
    expect(result.items.every((i) => i.phase === 'open')).toBe(true)
    expect(result.items[0]).toMatchObject({
      year: 2027,
      number: 1,
      quota: 16,
      programme: { code: 'TSM', name: 'Servis Sepeda Motor Injeksi', vocationalField: 'Otomotif', mode: 'offline', durationHours: 240 },
      institutionName: 'BPVP Kendari',
      timeZone: 'Asia/Makassar',
    })
  })

  it('lists upcoming, closed, and all (open, then upcoming, then closed) and never archived programmes', async () => {
    expect(ids(await listCatalogue(db, { now: NOW, status: 'upcoming' }))).toEqual([weldingNext.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'closed' }))).toEqual([designClosed.id])
    const all = await listCatalogue(db, { now: NOW, status: 'all' })
    expect(ids(all)).toEqual([motorOpen.id, weldingOpen.id, weldingNext.id, designClosed.id])
    expect(all.items.map((i) => i.phase)).toEqual(['open', 'open', 'upcoming', 'closed'])
    expect(all.items.some((i) => i.programme.code === 'OLD')).toBe(false)
    // An unknown status falls back to the default.
    expect((await listCatalogue(db, { now: NOW, status: 'semua' })).status).toBe('open')
  })

  it('moves a batch between phases exactly at its opening and closing instants', async () => {
    const atOpening = await listCatalogue(db, { now: weldingNext.registrationOpensAt, status: 'open' })
    expect(ids(atOpening)).toContain(weldingNext.id)
    const justBefore = new Date(weldingNext.registrationOpensAt.getTime() - 1)
    expect(ids(await listCatalogue(db, { now: justBefore, status: 'upcoming' }))).toContain(weldingNext.id)
    const atClosing = await listCatalogue(db, { now: weldingOpen.registrationClosesAt, status: 'all' })
    expect(atClosing.items.find((i) => i.batchId === weldingOpen.id)!.phase).toBe('closed')
  })

  it('searches name, field and description in any case, every word, with LIKE characters taken literally', async () => {
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: 'pengelasan' }))).toEqual([weldingOpen.id, weldingNext.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: 'OTOMOTIF' }))).toEqual([motorOpen.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: 'vertikal' }))).toEqual([weldingOpen.id, weldingNext.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: 'injeksi desain' }))).toEqual([])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: '100%' }))).toEqual([motorOpen.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: '%' }))).toEqual([motorOpen.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', q: '_' }))).toEqual([])
  })

  it('filters by vocational field and location', async () => {
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', field: 'las' }))).toEqual([weldingOpen.id, weldingNext.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', field: 'Teknologi Informasi dan Komunikasi' }))).toEqual([designClosed.id])
    expect(ids(await listCatalogue(db, { now: NOW, status: 'all', location: 'unaaha' }))).toEqual([designClosed.id])
    expect(ids(await listCatalogue(db, { now: NOW, field: 'Las', location: 'Workshop Las, BPVP Kendari' }))).toEqual([weldingOpen.id])
    expect(ids(await listCatalogue(db, { now: NOW, field: 'Tata Boga' }))).toEqual([])
  })

  it('offers the fields and locations of programmes that are not archived', async () => {
    const choices = await listCatalogueChoices(db)
    expect(choices.fields).toEqual(['Las', 'Otomotif', 'Teknologi Informasi dan Komunikasi'])
    expect(choices.locations).toEqual(['Lab Komputer TIK, Unaaha', 'Workshop Las, BPVP Kendari', 'Workshop Otomotif, BPVP Kendari'])
  })

  it('gives a batch page its programme, requirements and dates, and null for unknown or malformed ids', async () => {
    const details = await getBatchDetails(db, weldingOpen.id)
    expect(details).toMatchObject({
      batchId: weldingOpen.id,
      year: 2027,
      number: 1,
      quota: 16,
      reserveCount: 2,
      programme: { name: 'Pengelasan SMAW 3G', minEducation: 'SMP', minAge: 17, maxAge: 45, archived: false },
      institution: { name: 'BPVP Kendari', timeZone: 'Asia/Makassar' },
    })
    expect(details!.programme.requiredDocuments).toEqual(['KTP', 'Ijazah terakhir', 'Tanda pendaftaran'])
    expect(details!.dates.registrationOpensAt.toISOString()).toBe(weldingOpen.registrationOpensAt.toISOString())
    expect(details!.dates.trainingStartsOn).toBe(weldingOpen.trainingStartsOn)
    expect(await getBatchDetails(db, '00000000-0000-4000-8000-000000000000')).toBeNull()
    expect(await getBatchDetails(db, 'bukan-id')).toBeNull()
    expect(await getBatchDetails(db, "1' or '1'='1")).toBeNull()
  })
})
