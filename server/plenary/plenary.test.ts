import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import type { Actor } from '../auth/actor'
import { auditEvent, job, plenary, plenaryOverride, plenarySnapshot, registration, registrationEvent } from '../db/schema'
import { renderPlenaryMinutesPdf } from '../documents/plenaryMinutesPdf'
import { candidateRegistrationView } from '../registrations/candidateRegistrationView'
import { loadRegistrationView } from '../registrations/registrationView'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { amendPlenary } from './amendPlenary'
import { canonicalJson, sha256 } from './canonicalJson'
import { finalisePlenary } from './finalisePlenary'
import { getPlenary } from './getPlenary'
import { getPlenaryMinutes } from './getPlenaryMinutes'
import { openPlenary } from './openPlenary'
import { renderPlenaryMinutesXlsx } from './plenaryMinutesXlsx'
import { removePlenaryOverride, setPlenaryOverride } from './setPlenaryOverride'
import { parsePayload } from './snapshotPayload'
import { addPlenaryCandidate, createPlenaryWorld, type PlenaryWorld } from './testFactories'
import { verifyPlenaryHash } from './verifyPlenaryHash'

const database = await createTestDatabase()
const { db } = database
const NOW = new Date('2027-02-14T02:00:00Z') // 14 February 2027, 10.00 WITA: the plenary

const stateOf = async (id: string) => (await db.select({ s: registration.state }).from(registration).where(eq(registration.id, id)))[0]!.s
const mailJobs = async () => (await db.select().from(job).where(eq(job.name, 'mail.send'))).length

async function openWith(ctx: ReturnType<typeof contextFor>, world: PlenaryWorld, committee: Actor) {
  return openPlenary(ctx, {
    batchId: world.batch.id,
    minutesNumber: 'BA-PLENO/KDI/2027/DGR-2',
    place: 'Aula BPVP Kendari',
    heldOn: '2027-02-14T10:00',
    staff: [{ userId: committee.userId, role: 'Ketua' }],
    guests: [{ name: 'Drs. Hasan Basri', role: 'Sekretaris' }],
  })
}

/**
 * Seven candidates, quota 3 and 1 reserve (60/40):
 *  A 90/80 → 86 · B 80/85 → 82 · C 85/77.5 → 82 (tie with B: written test puts C first)
 *  D 70/70 → 70 · E 65/60 → 63 · F absent · G below the pass mark · H never invited
 */
async function populated(code: string) {
  const world = await createPlenaryWorld(db, { code, quota: 3, reserveCount: 1 })
  const committee = await staffActor(db, world.institution.id, ['selection_committee'], 'Panitia')
  const add = (name: string, input: Omit<Parameters<typeof addPlenaryCandidate>[2], 'fullName'>) =>
    addPlenaryCandidate(db, world, { fullName: name, ...input }).then((r) => r.registration)
  const c = {
    A: await add('Ani', { written: 90, interviews: [80] }),
    B: await add('Budi', { written: 80, interviews: [85] }),
    C: await add('Citra', { written: 85, interviews: [75, 80] }),
    D: await add('Dedi', { written: 70, interviews: [70] }),
    E: await add('Eka', { written: 65, interviews: [60] }),
    F: await add('Fajar', { written: 75, absent: true }),
    G: await add('Gita', { written: 55, state: 'written_test_passed', invited: false }),
    H: await add('Hadi', { written: 62, invited: false }),
  }
  return { world, committee, c }
}

describe('the proposal, the what-if and the overrides', async () => {
  const { world, committee, c } = await populated('KPA')
  const ctx = contextFor(database, committee, NOW)

  it('ranks from the published scores with the tie-break chain and says why', async () => {
    const page = await getPlenary(ctx, { batchId: world.batch.id })
    expect(page.plenary).toBeNull()
    expect(page.proposedMinutesNumber).toBe('BA-PLENO/KPA/2027/DGR-2')
    expect(page.rules).toMatchObject({ weights: { writtenTest: 60, interview: 40, selfAssessment: 0 }, passMarkH: 6000, quota: 3, reserveCount: 1 })
    const ranked = page.rows.filter((r) => r.rank !== null)
    expect(ranked.map((r) => [r.fullName, r.rank, r.totalScaled, r.proposed])).toEqual([
      ['Ani', 1, 860000, 'passed'],
      ['Citra', 2, 820000, 'passed'],
      ['Budi', 3, 820000, 'passed'],
      ['Dedi', 4, 700000, 'reserve'],
      ['Eka', 5, 630000, 'not_passed'],
    ])
    const citra = page.rows.find((r) => r.registrationId === c.C.id)!
    expect(citra.interviewH).toBe(7750) // mean of 75 and 80
    expect(page.rows.find((r) => r.registrationId === c.B.id)!.tieBrokenBy).toBe('writtenTest')
    const reasons = Object.fromEntries(page.rows.filter((r) => r.rank === null).map((r) => [r.fullName, r.reason]))
    expect(reasons).toEqual({
      Fajar: 'Tidak hadir wawancara.',
      Gita: 'Nilai tes tulis 55 di bawah batas lulus 60.',
      Hadi: 'Tidak diundang wawancara.',
    })
    expect(page.canDecide).toBe(true)
  })

  it('what-if: other weights and quota show who would change, storing nothing; bad values are refused at the field', async () => {
    const page = await getPlenary(ctx, {
      batchId: world.batch.id,
      whatIf: { writtenTest: '20', interview: '80', selfAssessment: '0', quota: '2', reserveCount: '1' },
    })
    // 20/80: A 82, B 84, C 79, D 70, E 61 → B, A pass; C reserve; D not passed.
    expect(page.whatIf!.errors).toEqual({})
    expect(page.whatIf!.outcome!.counts).toEqual({ passed: 2, reserve: 1, not_passed: 5 })
    expect(page.whatIf!.outcome!.changes.map((x) => [x.fullName, x.from, x.to])).toEqual([
      ['Citra', 'passed', 'reserve'],
      ['Dedi', 'reserve', 'not_passed'],
    ])
    const bad = await getPlenary(ctx, {
      batchId: world.batch.id,
      whatIf: { writtenTest: '60', interview: '30', selfAssessment: '0', quota: '-1', reserveCount: 'x' },
    })
    expect(bad.whatIf!.outcome).toBeNull()
    expect(bad.whatIf!.errors.writtenTest![0]).toBe('Jumlah bobot harus 100 (sekarang 90).')
    expect(bad.whatIf!.errors.quota![0]).toBe('Kuota tidak boleh kurang dari 0.')
    expect(bad.whatIf!.errors.reserveCount).toBeDefined()
    expect(bad.whatIf!.values.quota).toBe('-1')
    expect(await db.select().from(plenary).where(eq(plenary.batchId, world.batch.id))).toHaveLength(0)
  })

  it('opening: refused at each field, then opened; a second submit updates the same plenary', async () => {
    const error = await openPlenary(ctx, {
      batchId: world.batch.id,
      minutesNumber: ' ',
      place: '',
      heldOn: '2027-02-31T10:00',
      staff: [{ userId: '00000000-0000-4000-8000-000000000000', role: '' }],
      guests: [{ name: '', role: 'Anggota' }],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(['attendees', 'guests.0.name', 'heldOn', 'minutesNumber', 'place'])
    const first = await openWith(ctx, world, committee)
    const again = await openWith(ctx, world, committee)
    expect(again.id).toBe(first.id)
    expect(again.attendees).toEqual([
      { userId: committee.userId, name: committee.displayName, role: 'Ketua' },
      { userId: null, name: 'Drs. Hasan Basri', role: 'Sekretaris' },
    ])
    expect(again.heldOn!.toISOString()).toBe('2027-02-14T02:00:00.000Z')
  })

  it('an override needs a written reason; passed only for someone interviewed; removable while open', async () => {
    const noReason = await setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.E.id, outcome: 'reserve', reason: '  ' }).catch(
      (e: unknown) => e,
    )
    expect(noReason).toBeInstanceOf(ValidationError)
    expect((noReason as ValidationError).fieldErrors.reason![0]).toMatch(/^Tuliskan alasan/)
    const absent = await setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.F.id, outcome: 'passed', reason: 'Sakit, surat dokter.' }).catch(
      (e: unknown) => e,
    )
    expect((absent as ValidationError).fieldErrors.outcome![0]).toMatch(/belum diwawancarai/)
    const same = await setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.A.id, outcome: 'passed', reason: 'Sama saja.' }).catch(
      (e: unknown) => e,
    )
    expect((same as ValidationError).fieldErrors.outcome).toBeDefined()
    expect(await db.select().from(plenaryOverride)).toHaveLength(0)

    await setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.D.id, outcome: 'not_passed', reason: 'Tidak bersedia hadir penuh.' })
    await setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.D.id, outcome: 'not_passed', reason: 'Menyatakan tidak bersedia hadir penuh.' })
    let page = await getPlenary(ctx, { batchId: world.batch.id })
    const d = page.rows.find((r) => r.registrationId === c.D.id)!
    expect(d).toMatchObject({ proposed: 'reserve', final: 'not_passed' })
    expect(d.override).toMatchObject({ reason: 'Menyatakan tidak bersedia hadir penuh.', decidedByName: committee.displayName })
    await removePlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.D.id })
    expect(await removePlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.D.id })).toEqual({ removed: false })
    page = await getPlenary(ctx, { batchId: world.batch.id })
    expect(page.rows.find((r) => r.registrationId === c.D.id)!.final).toBe('reserve')
    const audits = await db.select().from(auditEvent).where(inArray(auditEvent.action, ['plenary.override', 'plenary.override_remove']))
    expect(audits.map((a) => a.action).sort()).toEqual(['plenary.override', 'plenary.override', 'plenary.override_remove'])
  })
})

describe('finalising and amending', async () => {
  const { world, committee, c } = await populated('KFN')
  const ctx = contextFor(database, committee, NOW)
  let finalHash = ''

  beforeAll(async () => {
    await openWith(ctx, world, committee)
    // Eka is ranked 5th (not passed); the committee makes her reserve.
    await setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.E.id, outcome: 'reserve', reason: 'Satu-satunya pendaftar dari Kabupaten Konawe Kepulauan.' })
  })

  it('refuses to finalise without attendees', async () => {
    const other = await createPlenaryWorld(db, { code: 'KNA' })
    const otherCommittee = await staffActor(db, other.institution.id, ['selection_committee'])
    const octx = contextFor(database, otherCommittee, NOW)
    await openPlenary(octx, { batchId: other.batch.id, minutesNumber: 'BA-1', place: 'Aula', heldOn: '2027-02-14T10:00', staff: [], guests: [] })
    const error = await finalisePlenary(octx, { batchId: other.batch.id }).catch((e: unknown) => e)
    expect((error as ValidationError).fieldErrors.attendees).toBeDefined()
  })

  it('two committee members finalising at once produce one snapshot; states moved with reasons; nobody is mailed', async () => {
    const mailsBefore = await mailJobs()
    const second = await staffActor(db, world.institution.id, ['selection_committee'], 'Panitia Dua')
    const [a, b] = await Promise.all([
      finalisePlenary(ctx, { batchId: world.batch.id }),
      finalisePlenary(contextFor(database, second, NOW), { batchId: world.batch.id }),
    ])
    expect([a.created, b.created].sort()).toEqual([false, true])
    expect(a.snapshot.id).toBe(b.snapshot.id)
    const snapshots = await db.select().from(plenarySnapshot).where(eq(plenarySnapshot.batchId, world.batch.id))
    expect(snapshots).toHaveLength(1)
    const s = snapshots[0]!
    finalHash = s.hash
    // The hash is the SHA-256 of the stored payload, which is canonical (re-serialising gives it back).
    expect(s.hash).toBe(sha256(s.payload))
    expect(canonicalJson(JSON.parse(s.payload))).toBe(s.payload)
    expect(s).toMatchObject({ version: 1, kind: 'final', passedCount: 3, reserveCount: 2, notPassedCount: 3 })
    const payload = parsePayload(s.payload)
    expect(payload.rules).toMatchObject({ weights: { writtenTest: 60, interview: 40, selfAssessment: 0 }, passMark: '60.00', quota: 3, reserveCount: 1 })
    expect(payload.rules.tieBreakChain).toHaveLength(4)
    expect(payload.candidates.find((x) => x.registrationId === c.C.id)).toMatchObject({ writtenTest: '85.00', interview: '77.50', interviewScorecards: 2 })
    expect(payload.ranking.find((x) => x.registrationId === c.C.id)).toMatchObject({ rank: 2, total: '82.0000', proposedOutcome: 'passed' })
    expect(payload.overrides).toEqual([
      expect.objectContaining({ registrationId: c.E.id, outcome: 'reserve', reason: 'Satu-satunya pendaftar dari Kabupaten Konawe Kepulauan.', decidedBy: committee.displayName }),
    ])
    expect(payload.plenary.attendees.map((x) => x.name)).toEqual([committee.displayName, 'Drs. Hasan Basri'])

    expect(await stateOf(c.A.id)).toBe('passed')
    expect(await stateOf(c.B.id)).toBe('passed')
    expect(await stateOf(c.C.id)).toBe('passed')
    expect(await stateOf(c.D.id)).toBe('reserve')
    expect(await stateOf(c.E.id)).toBe('reserve')
    expect(await stateOf(c.F.id)).toBe('not_passed') // absent: invited_to_interview → plenary_not_pass
    expect(await stateOf(c.G.id)).toBe('not_passed') // below the pass mark, never invited: not_invite
    expect(await stateOf(c.H.id)).toBe('not_passed')
    const events = await db.select().from(registrationEvent).where(inArray(registrationEvent.registrationId, [c.E.id, c.F.id, c.H.id]))
    expect(events.find((e) => e.registrationId === c.E.id)).toMatchObject({
      kind: 'plenary_reserve',
      data: expect.objectContaining({ reason: 'Satu-satunya pendaftar dari Kabupaten Konawe Kepulauan.', overridden: true, snapshotHash: s.hash }),
    })
    expect(events.find((e) => e.registrationId === c.F.id)).toMatchObject({ kind: 'plenary_not_pass', data: expect.objectContaining({ reason: 'Tidak hadir wawancara.' }) })
    expect(events.find((e) => e.registrationId === c.H.id)).toMatchObject({ kind: 'not_invite', data: expect.objectContaining({ reason: 'Tidak diundang wawancara.' }) })
    expect(await mailJobs()).toBe(mailsBefore)
    // And the one candidate view every page uses shows nothing of it before the announcement.
    const view = (await loadRegistrationView(db, c.E.id))!
    const seen = candidateRegistrationView({ state: view.registration.state, batch: view.batch, events: view.events })
    expect(view.registration.state).toBe('reserve')
    expect(seen.state).toBe('interviewed')
    expect(seen.outcomeEmbargoed).toBe(true)
    expect(seen.events.map((e) => e.kind)).not.toContain('plenary_reserve')
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'plenary.finalise'))
    expect(audits.filter((x) => x.entityId === s.plenaryId)).toHaveLength(1)
  })

  it('finalising again returns the same snapshot and changes nothing; overrides and details are closed', async () => {
    const again = await finalisePlenary(ctx, { batchId: world.batch.id })
    expect(again).toMatchObject({ created: false, snapshot: { hash: finalHash } })
    expect(await db.select().from(plenarySnapshot).where(eq(plenarySnapshot.batchId, world.batch.id))).toHaveLength(1)
    await expect(setPlenaryOverride(ctx, { batchId: world.batch.id, registrationId: c.A.id, outcome: 'reserve', reason: 'Terlambat.' })).rejects.toBeInstanceOf(
      ConflictError,
    )
    await expect(openWith(ctx, world, committee)).rejects.toBeInstanceOf(ConflictError)
  })

  it('verifies the hash publicly, without names; an unknown hash is not found', async () => {
    const v = await verifyPlenaryHash({ db }, { hash: finalHash.toUpperCase() })
    expect(v).toMatchObject({ version: 1, kind: 'final', counts: { passed: 3, reserve: 2, notPassed: 3 }, newer: null, batchLabel: 'Gelombang 2/2027' })
    expect(JSON.stringify(v)).not.toMatch(/Ani|Budi|Citra/)
    expect(await verifyPlenaryHash({ db }, { hash: 'f'.repeat(64) })).toBeNull()
    expect(await verifyPlenaryHash({ db }, { hash: "x' or 1=1" })).toBeNull()
  })

  it('an amendment needs a reason, creates version 2 with its own hash naming the previous one; the old one stays', async () => {
    const noReason = await amendPlenary(ctx, { batchId: world.batch.id, changes: [{ registrationId: c.B.id, outcome: 'reserve' }], reason: '' }).catch(
      (e: unknown) => e,
    )
    expect((noReason as ValidationError).fieldErrors.reason).toBeDefined()
    const revive = await amendPlenary(ctx, { batchId: world.batch.id, changes: [{ registrationId: c.F.id, outcome: 'passed' }], reason: 'Ternyata hadir.' }).catch(
      (e: unknown) => e,
    )
    expect((revive as ValidationError).fieldErrors.outcome![0]).toMatch(/tidak dapat diubah lagi/)

    const input = {
      batchId: world.batch.id,
      changes: [{ registrationId: c.B.id, outcome: 'reserve' }, { registrationId: c.D.id, outcome: 'passed' }],
      reason: 'Budi menyerahkan surat pernyataan bekerja; Dedi naik.',
    }
    const amended = await amendPlenary(ctx, input)
    expect(amended.created).toBe(true)
    expect(amended.snapshot).toMatchObject({ version: 2, kind: 'amendment', reason: input.reason, passedCount: 3, reserveCount: 2 })
    expect(amended.snapshot.hash).not.toBe(finalHash)
    expect(amended.snapshot.hash).toBe(sha256(amended.snapshot.payload))
    const payload = parsePayload(amended.snapshot.payload)
    expect(payload.previousHash).toBe(finalHash)
    expect(payload.amendment!.changes.map((x) => [x.from, x.to])).toEqual([
      ['passed', 'reserve'],
      ['reserve', 'passed'],
    ])
    expect(await stateOf(c.B.id)).toBe('reserve')
    expect(await stateOf(c.D.id)).toBe('passed')
    const [v1] = await db.select().from(plenarySnapshot).where(and(eq(plenarySnapshot.batchId, world.batch.id), eq(plenarySnapshot.version, 1)))
    expect(v1!.hash).toBe(finalHash)
    expect(sha256(v1!.payload)).toBe(finalHash)
    // A repeated submit: nothing left to change, nothing created.
    const again = await amendPlenary(ctx, input)
    expect(again).toMatchObject({ created: false, snapshot: { version: 2 } })
    // The first version now says a newer one exists.
    expect((await verifyPlenaryHash({ db }, { hash: finalHash }))!.newer).toMatchObject({ version: 2 })
    const page = await getPlenary(ctx, { batchId: world.batch.id })
    expect(page.snapshots.map((x) => x.version)).toEqual([1, 2])
    expect(page.rows.find((r) => r.registrationId === c.B.id)).toMatchObject({ final: 'reserve', state: 'reserve' })
  })

  it('the minutes PDF holds the ranked list, the override reason and the hash; the XLSX holds the rows', async () => {
    const minutes = await getPlenaryMinutes(ctx, { batchId: world.batch.id, version: 1 })
    expect(minutes.hash).toBe(finalHash)
    const pdf = await renderPlenaryMinutesPdf({ payload: minutes.payload, hash: minutes.hash, institutionAddress: minutes.institutionAddress, verificationUrl: minutes.verificationUrl })
    const dir = mkdtempSync(join(tmpdir(), 'pleno-'))
    writeFileSync(join(dir, 'm.pdf'), pdf)
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'm.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('BERITA ACARA PLENO HASIL SELEKSI')
    expect(text).toContain('BA-PLENO/KDI/2027/DGR-2')
    for (const name of ['Ani', 'Budi', 'Citra', 'Dedi', 'Eka', 'Fajar', 'Gita', 'Hadi']) expect(text).toContain(name)
    expect(text).toContain('Satu-satunya pendaftar dari Kabupaten Konawe Kepulauan.')
    expect(text).toContain('Tidak hadir wawancara.')
    expect(text.replace(/\s+/g, '')).toContain(finalHash)
    expect(text).toContain('Drs. Hasan Basri')
    expect(text).toContain('Nilai wawancara lebih tinggi')
    expect(text).toContain('/verifikasi/pleno/')

    const latest = await getPlenaryMinutes(ctx, { batchId: world.batch.id })
    expect(latest.version).toBe(2)
    const xlsx = await renderPlenaryMinutesXlsx(latest, committee.displayName, NOW)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('Peringkat')!
    expect(sheet.rowCount).toBe(1 + 8)
    expect(String(sheet.getRow(2).getCell(3).value)).toBe('Ani')
    const info = wb.getWorksheet('Keterangan')!
    const cells: string[] = []
    info.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))))
    expect(cells).toContain(latest.hash)
  })
})

describe('who may do what', async () => {
  const { world, committee } = await populated('KPM')
  const others = await createPlenaryWorld(db, { code: 'KLN' })
  const actors = {
    interviewer: await staffActor(db, world.institution.id, ['interviewer']),
    kiosk: await staffActor(db, world.institution.id, ['kiosk_officer']),
    organiser: await staffActor(db, world.institution.id, ['organiser']),
    otherCommittee: await staffActor(db, others.institution.id, ['selection_committee']),
    administrator: await staffActor(db, world.institution.id, ['administrator']),
  }
  const batchId = world.batch.id
  const refuse = async (p: Promise<unknown>) => expect(await p.catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError)

  it('interviewer, kiosk officer, organiser and another institution’s committee see and decide nothing', async () => {
    await openWith(contextFor(database, committee, NOW), world, committee)
    for (const actor of [actors.interviewer, actors.kiosk, actors.organiser, actors.otherCommittee]) {
      const ctx = contextFor(database, actor, NOW)
      await refuse(getPlenary(ctx, { batchId }))
      await refuse(openWith(ctx, world, committee))
      await refuse(setPlenaryOverride(ctx, { batchId, registrationId: '00000000-0000-4000-8000-000000000000', outcome: 'passed', reason: 'Alasan panjang.' }))
      await refuse(finalisePlenary(ctx, { batchId }))
      await refuse(amendPlenary(ctx, { batchId, changes: [], reason: 'Alasan panjang.' }))
      await refuse(getPlenaryMinutes(ctx, { batchId }))
    }
  })

  it('an administrator may read but not decide', async () => {
    const ctx = contextFor(database, actors.administrator, NOW)
    const page = await getPlenary(ctx, { batchId })
    expect(page.canDecide).toBe(false)
    await refuse(finalisePlenary(ctx, { batchId }))
    await refuse(openWith(ctx, world, committee))
    expect((await db.select().from(plenary).where(eq(plenary.batchId, batchId)))[0]!.status).toBe('open')
  })
})
