import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { createBatch, createInstitution, createProgramme, createStaff } from '../db/factories'
import { loadActor } from '../auth/sessions'
import { registration } from '../db/schema'
import { renderReceiptPdf } from '../documents/receiptPdf'
import { ForbiddenError, NotFoundError } from '../errors'
import { getReceipt } from './getReceipt'
import { getRegistration } from './getRegistration'
import { listActivity } from './listActivity'
import { receiptSignature } from './receiptLink'
import { registerCandidate } from './registerCandidate'
import { createCandidateActor, createOfficerActor, createWorld, NOW, OPENS_AT } from './testFixtures'
import { verifyReceipt } from './verifyReceipt'
import { withdrawRegistration } from './withdrawRegistration'

const run = promisify(execFile)

describe('Aktivitas, receipt and its verification', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const world = await createWorld(db)
  const dir = await mkdtemp(join(tmpdir(), 'latih-receipt-'))
  afterAll(() => rm(dir, { recursive: true, force: true }))

  // One candidate who withdrew from LAS and then registered for DGR.
  const candidate = await createCandidateActor(db, { fullName: 'Siti Rahmawati' })
  const ctx = contextFor(database, candidate.actor, NOW)
  const first = await registerCandidate(ctx, { candidateId: candidate.actor.userId, batchId: world.lasBatch.id })
  await withdrawRegistration(contextFor(database, candidate.actor, new Date(NOW.getTime() + 60_000)), {
    registrationId: first.registration.id,
  })
  const second = await registerCandidate(contextFor(database, candidate.actor, new Date(NOW.getTime() + 120_000)), {
    candidateId: candidate.actor.userId,
    batchId: world.dgrBatch.id,
  })

  it('lists the candidate’s registrations, the active one first, each with its timeline newest first', async () => {
    const list = await listActivity(ctx, { candidateId: candidate.actor.userId })
    expect(list.map((v) => v.registration.state)).toEqual(['registered', 'withdrawn'])
    expect(list[0]!.programme.name).toBe('Desain Grafis Muda')
    expect(list[0]!.institution.timeZone).toBe('Asia/Makassar')
    expect(list[1]!.events.map((e) => e.kind)).toEqual(['withdraw', 'registered'])
  })

  it('keeps each candidate to their own activity; staff see their institution’s', async () => {
    const other = await createCandidateActor(db)
    await expect(
      listActivity(contextFor(database, other.actor, NOW), { candidateId: candidate.actor.userId }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    await expect(
      getRegistration(contextFor(database, other.actor, NOW), { registrationId: second.registration.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    await expect(
      getReceipt(contextFor(database, other.actor, NOW), { registrationId: second.registration.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    await expect(
      getRegistration(ctx, { registrationId: 'not-an-id' }),
    ).rejects.toBeInstanceOf(NotFoundError)

    const committee = await createStaff(db, {
      institutionId: world.kdi.id,
      email: 'panitia.receipt@bpvp-kendari.test',
      displayName: 'Panitia',
      roles: ['selection_committee'],
      password: 'Latih-Demo-2026',
    })
    const committeeActor = await loadActor(db, { userId: committee.id, kind: 'staff', email: committee.email, displayName: 'Panitia' })
    expect(await listActivity(contextFor(database, committeeActor, NOW), { candidateId: candidate.actor.userId })).toHaveLength(2)

    const elsewhere = await createInstitution(db, { code: 'MKS', name: 'BPVP Makassar' })
    const outsider = await createStaff(db, {
      institutionId: elsewhere.id,
      email: 'panitia@bpvp-makassar.test',
      displayName: 'Panitia Makassar',
      roles: ['selection_committee'],
      password: 'Latih-Demo-2026',
    })
    const outsiderActor = await loadActor(db, { userId: outsider.id, kind: 'staff', email: outsider.email, displayName: 'x' })
    expect(await listActivity(contextFor(database, outsiderActor, NOW), { candidateId: candidate.actor.userId })).toEqual([])
    await expect(
      getRegistration(contextFor(database, outsiderActor, NOW), { registrationId: second.registration.id }),
    ).rejects.toBeInstanceOf(ForbiddenError)

    const officer = await createOfficerActor(db, world.kdi.id, candidate.actor.userId)
    const view = await getRegistration(contextFor(database, officer, NOW), { registrationId: second.registration.id })
    expect(view.registration.number).toBe(second.registration.number)
  })

  it('renders the receipt PDF with the number and the masked NIK, never the full NIK', async () => {
    const data = await getReceipt(ctx, { registrationId: second.registration.id })
    expect(data.verificationUrl).toBe(
      `http://localhost:3000/verifikasi/${second.registration.number}?s=${receiptSignature(second.registration.number)}`,
    )
    const pdf = await renderReceiptPdf(data)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const file = join(dir, 'receipt.pdf')
    await writeFile(file, pdf)
    const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-'])
    const text = stdout.replace(/\s+/g, ' ')
    expect(text).toContain('TANDA PENDAFTARAN')
    expect(text).toContain(second.registration.number)
    expect(text).toContain('Siti Rahmawati')
    const masked = `${candidate.nik.slice(0, 4)}••••••••${candidate.nik.slice(-4)}`
    expect(text).toContain(masked)
    expect(text).not.toContain(candidate.nik)
    expect(text).toContain('Desain Grafis Muda')
    expect(text).toContain('Gelombang 1/2027')
    // Registered at NOW + 2 minutes: 20 January 2027 10.02 WITA.
    expect(text).toContain('20 Januari 2027 10.02 WITA')
    // The SOP schedule with the batch's dates, and the documents to bring.
    expect(text).toContain('Daftar ulang')
    expect(text).toContain('Ijazah SMA/SMK')
    expect(text).toContain(data.verificationUrl)
    expect(text).toContain('BPVP Kendari')
  })

  it('marks a withdrawn registration\'s receipt PDF as withdrawn (DIBATALKAN / MUNDUR), and only that one', async () => {
    const render = async (registrationId: string, name: string) => {
      const data = await getReceipt(ctx, { registrationId })
      const file = join(dir, name)
      await writeFile(file, await renderReceiptPdf(data))
      const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-'])
      return { data, text: stdout.replace(/\s+/g, ' ') }
    }
    const withdrawn = await render(first.registration.id, 'withdrawn.pdf')
    expect(withdrawn.data.withdrawnAt).toEqual(new Date(NOW.getTime() + 60_000))
    expect(withdrawn.text).toContain('DIBATALKAN / MUNDUR')
    // Withdrawn 20 January 2027 10.01 WITA.
    expect(withdrawn.text).toContain('dibatalkan (mundur) pada 20 Januari 2027 10.01 WITA')
    const active = await render(second.registration.id, 'active.pdf')
    expect(active.data.withdrawnAt).toBeNull()
    expect(active.text).not.toContain('DIBATALKAN')
  })

  it('gives the receipt to its candidate and the officer assisting them only, not to other staff (issue 9 §4)', async () => {
    const registrationId = second.registration.id
    const staff = async (roles: Array<'selection_committee' | 'interviewer' | 'organiser' | 'administrator'>) => {
      const user = await createStaff(db, {
        institutionId: world.kdi.id,
        email: `staf.${roles.join('-')}.${Math.random().toString(36).slice(2, 8)}@bpvp-kendari.test`,
        displayName: 'Staf',
        roles,
        password: 'Latih-Demo-2026',
      })
      return loadActor(db, { userId: user.id, kind: 'staff', email: user.email, displayName: 'Staf' })
    }
    for (const roles of [['selection_committee'], ['interviewer'], ['organiser']] as const) {
      const actor = await staff([...roles])
      await expect(getReceipt(contextFor(database, actor, NOW), { registrationId })).rejects.toBeInstanceOf(ForbiddenError)
    }
    // A kiosk officer outside an assisted session, or assisting someone else: refused.
    const idle = await createOfficerActor(db, world.kdi.id)
    await expect(getReceipt(contextFor(database, idle, NOW), { registrationId })).rejects.toBeInstanceOf(ForbiddenError)
    const someoneElse = await createCandidateActor(db)
    const busy = await createOfficerActor(db, world.kdi.id, someoneElse.actor.userId)
    await expect(getReceipt(contextFor(database, busy, NOW), { registrationId })).rejects.toBeInstanceOf(ForbiddenError)
    // Assisting this candidate: the receipt prints.
    const assisting = await createOfficerActor(db, world.kdi.id, candidate.actor.userId)
    await expect(getReceipt(contextFor(database, assisting, NOW), { registrationId })).resolves.toMatchObject({
      number: second.registration.number,
    })
  })

  it('verifies a genuine receipt, and refuses a tampered signature or an unknown number alike', async () => {
    const number = second.registration.number
    const valid = await verifyReceipt({ db }, { number, signature: receiptSignature(number) })
    expect(valid).toEqual({
      number,
      fullName: 'Siti Rahmawati',
      programmeName: 'Desain Grafis Muda',
      batchLabel: 'Gelombang 1/2027',
      institutionName: 'BPVP Kendari',
      registeredAt: second.registration.createdAt,
      timeZone: 'Asia/Makassar',
      withdrawn: false,
      withdrawnAt: null,
    })
    // No digit of the NIK for whoever holds the paper (issue 9 §4): not even masked.
    expect(JSON.stringify(valid)).not.toContain(candidate.nik.slice(0, 4))
    // A withdrawn registration's receipt is genuine, but the check says it was withdrawn, and when.
    const withdrawn = await verifyReceipt({ db }, { number: first.registration.number, signature: receiptSignature(first.registration.number) })
    expect(withdrawn).toMatchObject({
      number: first.registration.number,
      withdrawn: true,
      withdrawnAt: new Date(NOW.getTime() + 60_000),
    })

    const signature = receiptSignature(number)
    const tampered = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    expect(await verifyReceipt({ db }, { number, signature: tampered })).toBeNull()
    expect(await verifyReceipt({ db }, { number, signature: receiptSignature(first.registration.number) })).toBeNull()
    expect(await verifyReceipt({ db }, { number, signature: null })).toBeNull()
    const unknown = 'KDI-LAS-2027.1-9999'
    expect(await verifyReceipt({ db }, { number: unknown, signature: receiptSignature(unknown) })).toBeNull()
  })

  it('numbers each batch separately', async () => {
    const programme = await createProgramme(db, { institutionId: world.kdi.id, code: 'DKV', name: 'Desain Komunikasi' })
    const b2 = await createBatch(db, { programmeId: programme.id, institutionId: world.kdi.id, year: 2027, number: 2, opensAt: OPENS_AT })
    const c = await createCandidateActor(db)
    const r = await registerCandidate(contextFor(database, c.actor, NOW), { candidateId: c.actor.userId, batchId: b2.id })
    expect(r.registration.number).toBe('KDI-DKV-2027.2-0001')
    const [stored] = await db.select().from(registration).where(eq(registration.id, r.registration.id))
    expect(stored!.institutionId).toBe(world.kdi.id)
  })
})
