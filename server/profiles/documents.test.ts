import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import type { Actor } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import { createBatch, createCandidate, createInstitution, createProgramme, createStaff } from '../db/factories'
import { assistedSession, auditEvent, candidateDocument, registration, userAccount } from '../db/schema'
import { env } from '../env'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors'
import { createLocalStorage } from '../storage'
import { getProfile } from './getProfile'
import { readDocument } from './readDocument'
import { updateAddress } from './updateAddress'
import { updateEducation } from './updateEducation'
import { updateIdentity } from './updateIdentity'
import { updateOther } from './updateOther'
import { uploadDocument } from './uploadDocument'
import { decodeUpload } from '../documents/decodeUpload'

const NOW = new Date('2026-11-28T02:00:00Z')

// Real, decodable 1×1 images (checked in Chromium) and a minimal well-formed PDF.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
const PDF = tinyPdf()
// What is kept of it: the PDF as pdf-lib writes it again (decision 023; the same bytes every time).
const decodedPdf = await decodeUpload(PDF, ['pdf'])
if (!decodedPdf?.ok) throw new Error('the test PDF must decode')
const STORED_PDF = Buffer.from(decodedPdf.bytes)
// A Windows executable's header ('MZ…'), as if renamed to .pdf.
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(120, 0)])
const TEXT = Buffer.from('Ini bukan gambar, hanya teks.\n', 'utf8')

describe('profile documents', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const root = mkdtempSync(join(tmpdir(), 'latih-docs-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const storage = createLocalStorage(root)
  const kdi = await createInstitution(db)
  const bau = await createInstitution(db, { code: 'BAU', name: 'BPVP Bau-Bau' })

  const actorOf = (user: { id: string; email: string; displayName: string; kind: 'candidate' | 'staff' }): Promise<Actor> =>
    loadActor(db, { userId: user.id, kind: user.kind, email: user.email, displayName: user.displayName })
  async function newCandidate(input: Parameters<typeof createCandidate>[1] = {}) {
    const c = await createCandidate(db, input)
    return { ...c, ctx: contextFor(database, await actorOf(c.user), NOW) }
  }
  const filesOf = (userId: string) => {
    const dir = join(root, 'documents', userId)
    return existsSync(dir) ? readdirSync(dir).sort() : []
  }
  const rowsOf = (userId: string) => db.select().from(candidateDocument).where(eq(candidateDocument.userId, userId))
  let staffSeq = 0
  async function staffCtx(roles: Parameters<typeof createStaff>[1]['roles'], institutionId: string) {
    const user = await createStaff(db, {
      institutionId,
      email: `staf${++staffSeq}@bpvp.test`,
      displayName: `Staf ${staffSeq}`,
      roles,
      password: 'Latih-Demo-2026',
    })
    return { user, ctx: contextFor(database, await actorOf(user), NOW) }
  }

  describe('upload', () => {
    it('accepts real JPEG, PNG and PDF files by content and stores them with their hash', async () => {
      const c = await newCandidate()
      await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'photo', fileName: 'foto saya.jpeg', bytes: JPEG, storage })
      await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'ktp', fileName: 'C:\\Users\\me\\ktp.png', bytes: PNG, storage })
      // A PDF named like an image is still a PDF: the name decides nothing.
      const result = await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'diploma', fileName: 'ijazah.jpg', bytes: PDF, storage })
      expect(result).toMatchObject({ kind: 'diploma', contentType: 'application/pdf', replaced: false })

      const rows = await rowsOf(c.user.id)
      const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]))
      // Images are decoded and stored as JPEG; the PDF as written again.
      expect(byKind.photo).toMatchObject({ contentType: 'image/jpeg', originalName: 'foto saya.jpeg' })
      expect(byKind.ktp).toMatchObject({ contentType: 'image/jpeg', originalName: 'ktp.png' })
      expect(byKind.diploma).toMatchObject({ contentType: 'application/pdf', byteSize: STORED_PDF.length })
      expect(byKind.diploma!.storageKey).toMatch(new RegExp(`^documents/${c.user.id}/diploma-[0-9a-f-]{36}\\.pdf$`))
      expect(byKind.photo!.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(filesOf(c.user.id)).toHaveLength(3)
      const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'document.upload'))
      expect(audits.filter((a) => (a.after as { storageKey: string }).storageKey.includes(c.user.id))).toHaveLength(3)
    })

    it('refuses a renamed .exe, a text file, an empty file, and a PDF as the photo; nothing is stored', async () => {
      const c = await newCandidate()
      const attempts = [
        { kind: 'diploma', fileName: 'ijazah.pdf', bytes: EXE, message: 'Ijazah harus berupa berkas JPG, PNG, atau PDF.' },
        { kind: 'ktp', fileName: 'ktp.jpg', bytes: TEXT, message: 'Foto KTP harus berupa berkas JPG, PNG, atau PDF.' },
        { kind: 'ktp', fileName: 'ktp.png', bytes: new Uint8Array(0), message: 'Berkas kosong (0 byte). Pilih berkas lain.' },
        { kind: 'photo', fileName: 'foto.pdf', bytes: PDF, message: 'Pas foto harus berupa gambar JPG atau PNG.' },
      ]
      for (const a of attempts) {
        const error = await uploadDocument(c.ctx, { candidateId: c.user.id, ...a, storage }).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).fieldErrors).toEqual({ file: [a.message] })
      }
      expect(await rowsOf(c.user.id)).toHaveLength(0)
      expect(filesOf(c.user.id)).toEqual([])
    })

    it('refuses a file larger than the limit with a clear message', async () => {
      const c = await newCandidate()
      const big = new Uint8Array(env().MAX_UPLOAD_BYTES + 1)
      big.set(PNG)
      const error = await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'photo', fileName: 'besar.png', bytes: big, storage }).catch(
        (e: unknown) => e,
      )
      expect((error as ValidationError).fieldErrors).toEqual({ file: ['Ukuran berkas maksimal 2 MB.'] })
      expect(await rowsOf(c.user.id)).toHaveLength(0)
      expect(filesOf(c.user.id)).toEqual([])
    })

    it('replaces the previous document of the same kind and deletes its file', async () => {
      const c = await newCandidate()
      await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'photo', fileName: 'a.png', bytes: PNG, storage })
      const [first] = await rowsOf(c.user.id)
      expect(existsSync(join(root, first!.storageKey))).toBe(true)
      const second = await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'photo', fileName: 'b.jpg', bytes: JPEG, storage })
      expect(second.replaced).toBe(true)
      const rows = await rowsOf(c.user.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ contentType: 'image/jpeg', originalName: 'b.jpg' })
      expect(existsSync(join(root, first!.storageKey))).toBe(false)
      expect(filesOf(c.user.id)).toEqual([rows[0]!.storageKey.split('/').pop()])
      const audits = await db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.action, 'document.upload'), eq(auditEvent.entityId, rows[0]!.id)))
      expect(audits).toHaveLength(2)
      expect(audits[1]!.before).toMatchObject({ storageKey: first!.storageKey })
    })

    it("refuses uploads to another candidate's profile", async () => {
      const a = await newCandidate()
      const b = await newCandidate()
      await expect(
        uploadDocument(a.ctx, { candidateId: b.user.id, kind: 'photo', fileName: 'x.png', bytes: PNG, storage }),
      ).rejects.toBeInstanceOf(ForbiddenError)
      expect(filesOf(b.user.id)).toEqual([])
    })
  })

  describe('access', async () => {
    const owner = await newCandidate()
    await uploadDocument(owner.ctx, { candidateId: owner.user.id, kind: 'ktp', fileName: 'ktp.pdf', bytes: PDF, storage })
    const programme = await createProgramme(db, { institutionId: kdi.id })
    const batch = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id, opensAt: new Date('2026-11-20T00:00:00Z') })
    await db.insert(registration).values({
      number: 'KDI-LAS-2026-1-0001',
      candidateId: owner.user.id,
      batchId: batch.id,
      institutionId: kdi.id,
      state: 'registered',
      createdAt: NOW,
      updatedAt: NOW,
      createdBy: owner.user.id,
    })
    const readAudits = () => db.select().from(auditEvent).where(eq(auditEvent.action, 'document.read'))

    it('the owner reads their own file, unaudited', async () => {
      const file = await readDocument(owner.ctx, { candidateId: owner.user.id, kind: 'ktp', storage })
      expect(Buffer.from(file.bytes).equals(STORED_PDF)).toBe(true)
      expect(file).toMatchObject({ contentType: 'application/pdf', originalName: 'ktp.pdf' })
      expect(await readAudits()).toHaveLength(0)
    })

    it('another candidate is refused, whether or not the file exists', async () => {
      const stranger = await newCandidate()
      await expect(readDocument(stranger.ctx, { candidateId: owner.user.id, kind: 'ktp', storage })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(readDocument(stranger.ctx, { candidateId: owner.user.id, kind: 'photo', storage })).rejects.toBeInstanceOf(ForbiddenError)
    })

    it('staff of the centre where the candidate registered may read it, and the read is audited', async () => {
      // The KTP: administrators only among staff (docs/decisions/022; documentAccess.test.ts).
      const { user, ctx } = await staffCtx(['administrator'], kdi.id)
      const file = await readDocument(ctx, { candidateId: owner.user.id, kind: 'ktp', storage })
      expect(Buffer.from(file.bytes).equals(STORED_PDF)).toBe(true)
      const audits = (await readAudits()).filter((a) => a.actorId === user.id)
      expect(audits).toHaveLength(1)
      expect(audits[0]).toMatchObject({ institutionId: kdi.id, entityType: 'candidate_document' })
      expect(audits[0]!.after).toMatchObject({ candidateId: owner.user.id, kind: 'ktp' })
      // A missing kind is "not found" for someone allowed to look.
      await expect(readDocument(ctx, { candidateId: owner.user.id, kind: 'photo', storage })).rejects.toBeInstanceOf(NotFoundError)
    })

    it('staff of another centre, and an interviewer or kiosk officer not assisting, are refused', async () => {
      const elsewhere = await staffCtx(['administrator', 'selection_committee'], bau.id)
      await expect(readDocument(elsewhere.ctx, { candidateId: owner.user.id, kind: 'ktp', storage })).rejects.toBeInstanceOf(ForbiddenError)
      const interviewer = await staffCtx(['interviewer'], kdi.id)
      await expect(readDocument(interviewer.ctx, { candidateId: owner.user.id, kind: 'ktp', storage })).rejects.toBeInstanceOf(
        ForbiddenError,
      )
      const idleOfficer = await staffCtx(['kiosk_officer'], kdi.id)
      await expect(readDocument(idleOfficer.ctx, { candidateId: owner.user.id, kind: 'ktp', storage })).rejects.toBeInstanceOf(
        ForbiddenError,
      )
      expect((await readAudits()).filter((a) => [elsewhere.user.id, interviewer.user.id, idleOfficer.user.id].includes(a.actorId!))).toEqual([])
    })

    it('a kiosk officer in an assisted session for the candidate may read it (audited)', async () => {
      // Even an officer of another centre: the open assisted session is the authority.
      const officer = await staffCtx(['kiosk_officer'], bau.id)
      await db.insert(assistedSession).values({ officerId: officer.user.id, candidateId: owner.user.id, institutionId: bau.id, startedAt: NOW })
      const ctx = contextFor(database, await actorOf(officer.user), NOW)
      const file = await readDocument(ctx, { candidateId: owner.user.id, kind: 'ktp', storage })
      expect(file.byteSize).toBe(STORED_PDF.length)
      const audits = (await readAudits()).filter((a) => a.actorId === officer.user.id)
      expect(audits).toHaveLength(1)
      expect(audits[0]).toMatchObject({ onBehalfOfId: owner.user.id, institutionId: bau.id })
      // ...but not another candidate's.
      const someoneElse = await newCandidate()
      await expect(readDocument(ctx, { candidateId: someoneElse.user.id, kind: 'ktp', storage })).rejects.toBeInstanceOf(ForbiddenError)
    })
  })

  describe('completeness', () => {
    it('reaches 100% after every section, the three documents and a verified e-mail', async () => {
      const c = await newCandidate({ emailVerified: false, nik: '7471015508950777', sex: 'female', birthDate: '1995-08-15' })
      const start = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(start.completeness.complete).toBe(false)
      expect(start.completeness.missing.map((m) => m.section)).toContain('address')

      await updateIdentity(c.ctx, {
        candidateId: c.user.id,
        nik: c.nik,
        fullName: 'Wa Ode Nurhayati',
        birthPlace: 'Raha',
        maritalStatus: 'kawin',
        phone: '+62 813-4000-1234',
      })
      await updateAddress(c.ctx, {
        candidateId: c.user.id,
        ktpProvinceCode: '74',
        ktpRegencyCode: '74.71',
        ktpDistrictCode: '74.71.01',
        ktpVillageCode: '74.71.01.1006',
        ktpStreet: 'Jl. Saranani No. 5, RT 001/RW 002',
        ktpPostalCode: '93111',
        domicileSameAsKtp: 'on',
      })
      await updateEducation(c.ctx, { candidateId: c.user.id, educationLevel: 'SD', schoolName: 'SD Negeri 3 Raha', graduationYear: '2008' })
      await updateOther(c.ctx, { candidateId: c.user.id, employmentStatus: 'belum_bekerja', disability: 'none' })
      const sections = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(sections.completeness.missing.map((m) => m.field)).toEqual(['hasPhoto', 'hasKtpScan', 'hasDiplomaScan', 'emailVerified'])
      expect(sections.nikWarnings).toEqual([])

      await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'photo', fileName: 'foto.jpg', bytes: JPEG, storage })
      await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'ktp', fileName: 'ktp.png', bytes: PNG, storage })
      await uploadDocument(c.ctx, { candidateId: c.user.id, kind: 'diploma', fileName: 'ijazah.pdf', bytes: PDF, storage })
      const documents = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(documents.completeness.missing.map((m) => m.field)).toEqual(['emailVerified'])
      expect(documents.completeness.percent).toBeLessThan(100)

      await db.update(userAccount).set({ emailVerifiedAt: NOW }).where(eq(userAccount.id, c.user.id))
      const done = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(done.completeness).toEqual({ percent: 100, missing: [], complete: true })
      expect(done.documents.map((d) => d.kind).sort()).toEqual(['diploma', 'ktp', 'photo'])
    })
  })
})
