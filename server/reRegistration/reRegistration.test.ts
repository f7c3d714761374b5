import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import type { Actor } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import { auditEvent, handover, job, plenarySnapshot, registration, registrationEvent, reRegistration, reRegistrationDocumentCheck } from '../db/schema'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import { acknowledgeHandover } from '../handover/acknowledgeHandover'
import { createHandover } from '../handover/createHandover'
import { getHandover } from '../handover/getHandover'
import { getHandoverNominativeList, getNominativeList } from '../handover/getNominativeList'
import { getParticipantFiles } from '../handover/getParticipantFiles'
import { listHandovers } from '../handover/listHandovers'
import { renderNominativeListXlsx } from '../handover/nominativeListXlsx'
import { renderHandoverMinutesPdf } from '../documents/handoverMinutesPdf'
import { renderNominativeListPdf } from '../documents/nominativeListPdf'
import { runDueJobs, type JobDefinition } from '../jobs/queue'
import type { Mailer } from '../mail/transport'
import { loadResultsList } from '../announcements/resultsList'
import { startAfterSearch } from '../kiosk/testSupport'
import { endAssistedSession } from '../kiosk/endAssistedSession'
import { createLocalStorage } from '../storage'
import { checkDocument } from './checkDocument'
import { closeReserves } from './closeReserves'
import { confirmReRegistration } from './confirmReRegistration'
import { declinePlace } from './declinePlace'
import { findForDesk } from './findForDesk'
import { getBatchReRegistration } from './getBatchReRegistration'
import { getReRegistration } from './getReRegistration'
import { reRegistrationDeadlineJob } from './openReRegistration'
import { readDocumentFile } from './readDocumentFile'
import { reuploadDocument } from './reuploadDocument'
import { announcedBatch } from './testWorld'
import { onePagePdf, REAL_PNG } from '../../tests/fixtures/uploads'

const database = await createTestDatabase()
const { db } = database
const storage = createLocalStorage(mkdtempSync(join(tmpdir(), 'latih-daftar-ulang-')))
const mailer: Mailer = { kind: 'local', async send() {} }
const registry = new Map<string, JobDefinition<z.ZodType>>([[reRegistrationDeadlineJob.name, reRegistrationDeadlineJob as unknown as JobDefinition<z.ZodType>]])
const runJobs = (now: Date) => runDueJobs({ db, mailer, now: () => now }, registry, 100)

const DAY = 24 * 3600 * 1000

// Real files: uploads are decoded and re-encoded (decision 023).
const PNG = REAL_PNG
const PDF = onePagePdf()

const stateOf = async (id: string) => (await db.select({ s: registration.state }).from(registration).where(eq(registration.id, id)))[0]!.s
const eventsOf = async (id: string, kind: string) =>
  db.select().from(registrationEvent).where(and(eq(registrationEvent.registrationId, id), eq(registrationEvent.kind, kind)))
const mailsTo = async (email: string) =>
  (await db.select().from(job).where(eq(job.name, 'mail.send'))).filter((j) => {
    const p = j.payload as { to?: string; message?: { to?: string } }
    return (p.to ?? p.message?.to) === email
  })

async function officerFor(institutionId: string, candidateId: string, at: Date): Promise<Actor> {
  const officer = await staffActor(db, institutionId, ['kiosk_officer'], 'Petugas Kios')
  await startAfterSearch(contextFor(database, officer, at), { institutionId, candidateId })
  return loadActor(db, { userId: officer.userId, kind: 'staff', email: officer.email, displayName: officer.displayName })
}

describe('re-registration opens with the announcement', async () => {
  const t = await announcedBatch(database, 'RRA', { passed: 2, reserves: 2, shiftDays: 0 })
  const { later: LATER, afterDeadline: AFTER_DEADLINE } = t.times
  void AFTER_DEADLINE

  it('gives everyone who passed a row, three pending checks and one deadline job at the batch deadline', async () => {
    const rows = await db.select().from(reRegistration).where(eq(reRegistration.batchId, t.batch.id))
    expect(rows.map((r) => r.registrationId).sort()).toEqual(t.passed.map((p) => p.registration.id).sort())
    expect(rows.every((r) => r.deadline.getTime() === t.batch.reRegistrationDeadline.getTime() && r.origin === 'plenary')).toBe(true)
    const checks = await db.select().from(reRegistrationDocumentCheck).where(inArray(reRegistrationDocumentCheck.registrationId, rows.map((r) => r.registrationId)))
    expect(checks).toHaveLength(6)
    expect(checks.every((c) => c.status === 'pending')).toBe(true)
    const jobs = (await db.select().from(job).where(eq(job.name, 'reRegistration.deadline'))).filter((j) =>
      rows.some((r) => (j.payload as { registrationId: string }).registrationId === r.registrationId),
    )
    expect(jobs).toHaveLength(2)
    expect(jobs.every((j) => j.runAt.getTime() === t.batch.reRegistrationDeadline.getTime())).toBe(true)
  })

  it('lets candidates reach only their own re-registration', async () => {
    const [a, b] = t.passed
    const page = await getReRegistration(contextFor(database, a!.actor, LATER), { registrationId: a!.registration.id })
    expect(page.canConfirm).toBe(true)
    expect(page.documents.map((d) => d.status)).toEqual(['pending', 'pending', 'pending'])
    await expect(getReRegistration(contextFor(database, a!.actor, LATER), { registrationId: b!.registration.id })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(confirmReRegistration(contextFor(database, a!.actor, LATER), { registrationId: b!.registration.id, commitment: 'ya' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(declinePlace(contextFor(database, a!.actor, LATER), { registrationId: b!.registration.id, confirm: 'ya' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(getReRegistration(contextFor(database, a!.actor, LATER), { registrationId: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError)
    // The committee of another centre does not reach this batch either.
    const other = await announcedBatch(database, 'RRX', { passed: 1, reserves: 0, shiftDays: 500 })
    await expect(getBatchReRegistration(contextFor(database, other.committee, LATER), { batchId: t.batch.id })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('confirms once: the statement of commitment is required and a second confirmation changes nothing', async () => {
    const a = t.passed[0]!
    const ctx = contextFor(database, a.actor, LATER)
    const refused = await confirmReRegistration(ctx, { registrationId: a.registration.id }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors.commitment).toBeDefined()
    const first = await confirmReRegistration(ctx, { registrationId: a.registration.id, commitment: 'ya' })
    const second = await confirmReRegistration(contextFor(database, a.actor, new Date(LATER.getTime() + 1000)), { registrationId: a.registration.id, commitment: 'ya' })
    expect(first.created).toBe(true)
    expect(second).toEqual({ confirmedAt: first.confirmedAt, created: false })
    expect(await eventsOf(a.registration.id, 're_registration_confirmed')).toHaveLength(1)
    expect(await stateOf(a.registration.id)).toBe('passed')
  })
})

describe('a decline promotes the first reserve at once', async () => {
  const t = await announcedBatch(database, 'RRB', { passed: 2, reserves: 2, shiftDays: 100 })
  const { later: LATER, afterDeadline: AFTER_DEADLINE } = t.times
  void AFTER_DEADLINE
  const [a, b] = t.passed
  const [r1, r2] = t.reserves

  it('forfeits the place, promotes reserve 1 with their own deadline, tells them and amends the plenary', async () => {
    const refused = await declinePlace(contextFor(database, b!.actor, LATER), { registrationId: b!.registration.id }).catch((e: unknown) => e)
    expect((refused as ValidationError).fieldErrors.confirm).toBeDefined()
    const result = await declinePlace(contextFor(database, b!.actor, LATER), { registrationId: b!.registration.id, confirm: 'ya', reason: 'Diterima bekerja.' })
    expect(result.promoted?.registrationId).toBe(r1!.registration.id)
    expect(await stateOf(b!.registration.id)).toBe('forfeited')
    expect(await stateOf(r1!.registration.id)).toBe('passed')
    expect(await stateOf(r2!.registration.id)).toBe('reserve')
    const [rr] = await db.select().from(reRegistration).where(eq(reRegistration.registrationId, r1!.registration.id))
    expect(rr!.origin).toBe('promotion')
    expect(rr!.deadline.getTime()).toBe(LATER.getTime() + 3 * DAY) // reserveReRegistrationDays defaults to 3
    expect(await mailsTo(r1!.user.email)).toHaveLength(1)
    expect((await eventsOf(r1!.registration.id, 'promote_reserve'))[0]!.data).toMatchObject({ replacing: b!.registration.id, reservePlace: 1 })
    const [declined] = await db.select().from(reRegistration).where(eq(reRegistration.registrationId, b!.registration.id))
    expect(declined!.declinedAt?.getTime()).toBe(LATER.getTime())
    // The amendment: B not passed, reserve 1 passed; the list moves up.
    const list = (await loadResultsList(db, t.batch.id))!
    expect(list.version).toBe(2)
    expect(list.passed.map((p) => p.registrationId).sort()).toEqual([a!.registration.id, r1!.registration.id].sort())
    expect(list.reserves.map((p) => [p.registrationId, p.reservePlace])).toEqual([[r2!.registration.id, 1]])
    const [snap] = await db.select().from(plenarySnapshot).where(and(eq(plenarySnapshot.batchId, t.batch.id), eq(plenarySnapshot.version, 2)))
    expect(snap!.reason).toContain('menolak')
  })

  it('refuses a second decline and changes nothing', async () => {
    await expect(declinePlace(contextFor(database, b!.actor, LATER), { registrationId: b!.registration.id, confirm: 'ya' })).rejects.toBeInstanceOf(ConflictError)
    expect(await stateOf(r2!.registration.id)).toBe('reserve')
  })

  it('a reserve who declines is skipped, and no place is given when the quota is held', async () => {
    await declinePlace(contextFor(database, r2!.actor, LATER), { registrationId: r2!.registration.id, confirm: 'ya' })
    expect(await stateOf(r2!.registration.id)).toBe('forfeited')
    // A declines: no reserve left waiting; the place stays empty.
    const result = await declinePlace(contextFor(database, a!.actor, LATER), { registrationId: a!.registration.id, confirm: 'ya' })
    expect(result.promoted).toBeNull()
  })
})

describe('the deadline job', async () => {
  const t = await announcedBatch(database, 'RRC', { passed: 3, reserves: 2, shiftDays: 200 })
  const { later: LATER, afterDeadline: AFTER_DEADLINE } = t.times
  void AFTER_DEADLINE
  const [a, b, c] = t.passed
  const [r1, r2] = t.reserves

  it('does nothing before the deadline', async () => {
    await runJobs(LATER)
    expect(await stateOf(a!.registration.id)).toBe('passed')
  })

  it('forfeits who did not re-register and promotes the reserves in order; the re-registered keep their place', async () => {
    // A completes re-registration at the desk.
    await confirmReRegistration(contextFor(database, a!.actor, LATER), { registrationId: a!.registration.id, commitment: 'ya' })
    const officer = await officerFor(t.world.institution.id, a!.user.id, LATER)
    for (const document of ['ktp', 'diploma', 'receipt'] as const) {
      await checkDocument(contextFor(database, officer, LATER), { registrationId: a!.registration.id, document, status: 'valid' })
    }
    expect(await stateOf(a!.registration.id)).toBe('re_registered')
    await endAssistedSession(contextFor(database, officer, LATER))
    // B confirmed online but never came to the desk; C did nothing.
    await confirmReRegistration(contextFor(database, b!.actor, LATER), { registrationId: b!.registration.id, commitment: 'ya' })

    const ran = await runJobs(AFTER_DEADLINE)
    expect(ran).toBeGreaterThanOrEqual(3)
    expect(await stateOf(a!.registration.id)).toBe('re_registered')
    expect(await stateOf(b!.registration.id)).toBe('forfeited')
    expect(await stateOf(c!.registration.id)).toBe('forfeited')
    expect(await stateOf(r1!.registration.id)).toBe('passed')
    expect(await stateOf(r2!.registration.id)).toBe('passed')
    expect((await eventsOf(b!.registration.id, 'forfeit'))[0]!.data).toMatchObject({ confirmedOnline: true })
    // The promoted reserves have their own deadline jobs, three days on.
    const pending = (await db.select().from(job).where(and(eq(job.name, 'reRegistration.deadline'), eq(job.status, 'pending')))).filter((j) =>
      [r1!.registration.id, r2!.registration.id].includes((j.payload as { registrationId: string }).registrationId),
    )
    expect(pending.map((j) => j.runAt.getTime())).toEqual([AFTER_DEADLINE.getTime() + 3 * DAY, AFTER_DEADLINE.getTime() + 3 * DAY])
    const page = await getBatchReRegistration(contextFor(database, t.committee, AFTER_DEADLINE), { batchId: t.batch.id })
    expect(page.counts).toMatchObject({ held: 3, pending: 2, reRegistered: 1, forfeited: 2, promoted: 2 })
    expect(page.closed).toBe(false)
  })

  it('runs again harmlessly: a rerun forfeits and promotes nothing twice', async () => {
    const before = (await db.select().from(registrationEvent).where(eq(registrationEvent.kind, 'promote_reserve'))).length
    const { forfeitOverdue } = await import('./forfeitAndPromote')
    const { SYSTEM } = await import('../auth/actor')
    expect(await forfeitOverdue({ db, actor: SYSTEM, now: AFTER_DEADLINE }, b!.registration.id)).toBeNull()
    expect((await db.select().from(registrationEvent).where(eq(registrationEvent.kind, 'promote_reserve'))).length).toBe(before)
  })
})

describe('the document check at the desk', async () => {
  const t = await announcedBatch(database, 'RRD', { passed: 1, reserves: 0, shiftDays: 300 })
  const { later: LATER, afterDeadline: AFTER_DEADLINE } = t.times
  void AFTER_DEADLINE
  const a = t.passed[0]!

  it('needs the kiosk role, the assisted session for that candidate and the online confirmation', async () => {
    const committeeTry = await checkDocument(contextFor(database, t.committee, LATER), { registrationId: a.registration.id, document: 'ktp', status: 'valid' }).catch((e: unknown) => e)
    expect(committeeTry).toBeInstanceOf(ForbiddenError)
    const plain = await staffActor(db, t.world.institution.id, ['kiosk_officer'])
    await expect(checkDocument(contextFor(database, plain, LATER), { registrationId: a.registration.id, document: 'ktp', status: 'valid' })).rejects.toBeInstanceOf(ConflictError)
    const officer = await officerFor(t.world.institution.id, a.user.id, LATER)
    await expect(checkDocument(contextFor(database, officer, LATER), { registrationId: a.registration.id, document: 'ktp', status: 'valid' })).rejects.toThrow(/belum mengonfirmasi/)
    await endAssistedSession(contextFor(database, officer, LATER))
  })

  it('finds by number or NIK, refuses bad input at its field; invalid needs a reason; a re-upload of a wrong type is refused; all valid re-registers', async () => {
    const officer0 = await staffActor(db, t.world.institution.id, ['kiosk_officer'])
    const ctx0 = contextFor(database, officer0, LATER)
    const byNumber = await findForDesk(ctx0, { institutionId: t.world.institution.id, query: a.registration.number.toLowerCase() })
    expect(byNumber.map((m) => m.registrationId)).toEqual([a.registration.id])
    const bad = await findForDesk(ctx0, { institutionId: t.world.institution.id, query: 'abc\u0000' }).catch((e: unknown) => e)
    expect((bad as ValidationError).fieldErrors.query).toBeDefined()
    const lookups = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'reRegistration.desk.lookup'), eq(auditEvent.actorId, officer0.userId)))
    expect(lookups).toHaveLength(1)

    await confirmReRegistration(contextFor(database, a.actor, LATER), { registrationId: a.registration.id, commitment: 'ya' })
    const officer = await officerFor(t.world.institution.id, a.user.id, LATER)
    const ctx = contextFor(database, officer, LATER)
    const noReason = await checkDocument(ctx, { registrationId: a.registration.id, document: 'diploma', status: 'invalid', reason: ' ' }).catch((e: unknown) => e)
    expect((noReason as ValidationError).fieldErrors.reason).toBeDefined()
    const unknown = await checkDocument(ctx, { registrationId: a.registration.id, document: 'passport', status: 'valid' }).catch((e: unknown) => e)
    expect((unknown as ValidationError).fieldErrors.document).toBeDefined()
    await checkDocument(ctx, { registrationId: a.registration.id, document: 'ktp', status: 'valid' })
    await checkDocument(ctx, { registrationId: a.registration.id, document: 'receipt', status: 'valid' })
    await checkDocument(ctx, { registrationId: a.registration.id, document: 'diploma', status: 'invalid', reason: 'Fotokopi buram, tidak terbaca.' })
    const page = await getReRegistration(contextFor(database, a.actor, LATER), { registrationId: a.registration.id })
    expect(page.documents.find((d) => d.document === 'diploma')).toMatchObject({ status: 'invalid', reason: 'Fotokopi buram, tidak terbaca.' })

    // Re-uploads: wrong type refused at the file field; a valid document cannot be replaced.
    const wrong = await reuploadDocument(contextFor(database, a.actor, LATER), {
      registrationId: a.registration.id,
      document: 'diploma',
      fileName: 'ijazah.exe',
      bytes: new Uint8Array([0x4d, 0x5a, 0, 0]),
      storage,
    }).catch((e: unknown) => e)
    expect((wrong as ValidationError).fieldErrors.file).toBeDefined()
    const validAlready = await reuploadDocument(contextFor(database, a.actor, LATER), { registrationId: a.registration.id, document: 'ktp', fileName: 'ktp.png', bytes: PNG, storage }).catch((e: unknown) => e)
    expect((validAlready as ValidationError).fieldErrors.file).toBeDefined()
    await reuploadDocument(contextFor(database, a.actor, LATER), { registrationId: a.registration.id, document: 'diploma', fileName: 'ijazah.pdf', bytes: PDF, storage })
    const [check] = await db
      .select()
      .from(reRegistrationDocumentCheck)
      .where(and(eq(reRegistrationDocumentCheck.registrationId, a.registration.id), eq(reRegistrationDocumentCheck.document, 'diploma')))
    expect(check!.status).toBe('pending')
    expect(check!.reuploadKey).toMatch(/diploma-.*\.pdf$/)
    const file = await readDocumentFile(ctx, { registrationId: a.registration.id, document: 'diploma', storage })
    expect(file.contentType).toBe('application/pdf')

    expect(await stateOf(a.registration.id)).toBe('passed')
    const last = await checkDocument(ctx, { registrationId: a.registration.id, document: 'diploma', status: 'valid' })
    expect(last.completed).toBe(true)
    expect(await stateOf(a.registration.id)).toBe('re_registered')
    // Checked again after completion: nothing changes.
    expect((await checkDocument(ctx, { registrationId: a.registration.id, document: 'ktp', status: 'invalid', reason: 'Salah klik' })).completed).toBe(true)
    expect(await eventsOf(a.registration.id, 're_register')).toHaveLength(1)
    const audits = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'reRegistration.checkDocument'), eq(auditEvent.actorId, officer.userId)))
    expect(audits.every((x) => x.onBehalfOfId === a.user.id)).toBe(true)
    await endAssistedSession(ctx)
  })
})

describe('the nominative list and the handover', async () => {
  const t = await announcedBatch(database, 'RRE', { passed: 2, reserves: 1, shiftDays: 400 })
  const { later: LATER, afterDeadline: AFTER_DEADLINE } = t.times
  void AFTER_DEADLINE
  const [a, b] = t.passed
  const r1 = t.reserves[0]!
  const organiser = await staffActor(db, t.world.institution.id, ['organiser'], 'Penyelenggara')
  const otherOrganiser = await staffActor(db, t.world.institution.id, ['organiser'], 'Penyelenggara Lain')
  let handoverId = ''

  beforeAll(async () => {
    await confirmReRegistration(contextFor(database, a!.actor, LATER), { registrationId: a!.registration.id, commitment: 'ya' })
    const officer = await officerFor(t.world.institution.id, a!.user.id, LATER)
    for (const document of ['ktp', 'diploma', 'receipt'] as const) {
      await checkDocument(contextFor(database, officer, LATER), { registrationId: a!.registration.id, document, status: 'valid' })
    }
    await endAssistedSession(contextFor(database, officer, LATER))
  })

  it('refuses the handover while re-registration is open, then creates one handover addressed to one organiser', async () => {
    const ctx = contextFor(database, t.committee, LATER)
    await expect(createHandover(ctx, { batchId: t.batch.id, number: 'BAST/RRE/1' })).rejects.toBeInstanceOf(ConflictError)
    await expect(closeReserves(ctx, { batchId: t.batch.id })).rejects.toBeInstanceOf(ConflictError)
    await runJobs(AFTER_DEADLINE) // B forfeits; reserve 1 is promoted
    expect(await stateOf(r1.registration.id)).toBe('passed')
    await runJobs(new Date(AFTER_DEADLINE.getTime() + 4 * DAY)) // reserve 1 never re-registers either
    expect(await stateOf(r1.registration.id)).toBe('forfeited')
    void b
    const closed = contextFor(database, t.committee, new Date(AFTER_DEADLINE.getTime() + 5 * DAY))
    const badReceiver = await createHandover(closed, { batchId: t.batch.id, number: 'BAST/RRE/1', receiverId: t.committee.userId }).catch((e: unknown) => e)
    expect((badReceiver as ValidationError).fieldErrors.receiverId).toBeDefined()
    const created = await createHandover(closed, { batchId: t.batch.id, number: 'BAST/RRE/2027/DGR-2', receiverId: organiser.userId })
    const again = await createHandover(closed, { batchId: t.batch.id, number: 'lain' })
    expect(created.created).toBe(true)
    expect(again).toEqual({ id: created.id, created: false })
    handoverId = created.id
    const [h] = await db.select().from(handover).where(eq(handover.id, handoverId))
    expect(h!.registrationIds).toEqual([a!.registration.id])
  })

  it('exports the nominative list with the full NIK, writing an audit row per export', async () => {
    const ctx = contextFor(database, t.committee, AFTER_DEADLINE)
    const list = await getNominativeList(ctx, { batchId: t.batch.id, format: 'xlsx' })
    expect(list.participants).toHaveLength(1)
    expect(list.participants[0]!.nik).toMatch(/^\d{16}$/)
    const pdf = await renderNominativeListPdf(list)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const xlsx = (await renderNominativeListXlsx(list))!
    expect(xlsx.subarray(0, 2).toString()).toBe('PK')
    // Read back: the NIK as text (its leading digits kept), the birth date a date cell, and
    // text a candidate typed that starts like a formula written inert (decision 010).
    const typed = { ...list, participants: [{ ...list.participants[0]!, address: '=HYPERLINK("http://contoh.test";"Jl. Mawar 3")' }] }
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await renderNominativeListXlsx(typed))! as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('Daftar nominatif')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1)
    expect(cell('NIK').value).toBe(list.participants[0]!.nik)
    expect(cell('NIK').type).toBe(ExcelJS.ValueType.String)
    expect(cell('Tanggal lahir').type).toBe(ExcelJS.ValueType.Date)
    expect(cell('Alamat').value).toBe('\'=HYPERLINK("http://contoh.test";"Jl. Mawar 3")')
    expect(cell('Alamat').type).toBe(ExcelJS.ValueType.String)
    await getNominativeList(ctx, { batchId: t.batch.id, format: 'pdf' })
    const audits = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'nominativeList.export'), eq(auditEvent.entityId, t.batch.id)))
    expect(audits).toHaveLength(2)
    expect(audits.map((x) => (x.after as { format: string }).format).sort()).toEqual(['pdf', 'xlsx'])
    // An organiser does not export per batch: only through a handover addressed to them.
    await expect(getNominativeList(contextFor(database, organiser, AFTER_DEADLINE), { batchId: t.batch.id, format: 'pdf' })).rejects.toBeInstanceOf(ForbiddenError)
    const files = await getParticipantFiles(ctx, { batchId: t.batch.id })
    expect(files.folders).toHaveLength(1)
    expect(files.folders[0]!.folder).toContain(a!.registration.number)
  })

  it('shows the handover only to the organiser it is addressed to, who acknowledges it once', async () => {
    expect((await listHandovers(contextFor(database, organiser, AFTER_DEADLINE))).map((h) => h.id)).toEqual([handoverId])
    expect(await listHandovers(contextFor(database, otherOrganiser, AFTER_DEADLINE))).toEqual([])
    await expect(getHandover(contextFor(database, otherOrganiser, AFTER_DEADLINE), { handoverId })).rejects.toBeInstanceOf(NotFoundError)
    await expect(acknowledgeHandover(contextFor(database, otherOrganiser, AFTER_DEADLINE), { handoverId })).rejects.toBeInstanceOf(NotFoundError)
    await expect(getHandoverNominativeList(contextFor(database, otherOrganiser, AFTER_DEADLINE), { handoverId, format: 'pdf' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(acknowledgeHandover(contextFor(database, a!.actor, AFTER_DEADLINE), { handoverId })).rejects.toBeInstanceOf(ForbiddenError)
    const other = await announcedBatch(database, 'RRF', { passed: 1, reserves: 0, shiftDays: 600 })
    const foreign = await staffActor(db, other.world.institution.id, ['organiser'])
    await expect(getHandover(contextFor(database, foreign, AFTER_DEADLINE), { handoverId })).rejects.toBeInstanceOf(ForbiddenError)

    const view = await getHandover(contextFor(database, organiser, AFTER_DEADLINE), { handoverId })
    expect(view.participants.map((p) => [p.registrationId, p.documents])).toEqual([[a!.registration.id, { ktp: true, diploma: true, receipt: true }]])
    const minutes = await renderHandoverMinutesPdf(view)
    expect(minutes.subarray(0, 5).toString()).toBe('%PDF-')
    const first = await acknowledgeHandover(contextFor(database, organiser, AFTER_DEADLINE), { handoverId, note: 'Diterima lengkap.' })
    const second = await acknowledgeHandover(contextFor(database, organiser, LATER), { handoverId })
    expect(first).toMatchObject({ created: true, handedOver: 1 })
    expect(second).toMatchObject({ created: false, handedOver: 0, acknowledgedAt: first.acknowledgedAt })
    expect(await stateOf(a!.registration.id)).toBe('handed_over')
    expect(await eventsOf(a!.registration.id, 'hand_over')).toHaveLength(1)
  })
})
