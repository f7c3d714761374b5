import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import { SYSTEM, type Actor } from '../auth/actor'
import { auditEvent, programme, registration } from '../db/schema'
import { createBatch as createBatchRow, createCandidate } from '../db/factories'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { archiveProgramme } from './archiveProgramme'
import { createProgramme } from './createProgramme'
import { getProgrammeForAdmin, listVocationalFields } from './getProgrammeForAdmin'
import { listAdministeredInstitutions, listProgrammesForAdmin } from './listProgrammesForAdmin'
import { restoreProgramme } from './restoreProgramme'
import { programmeForm, staffActor, twoInstitutions } from './testSupport'
import { updateProgramme } from './updateProgramme'
import type { CreateProgrammeInput } from './input'

const NOW = new Date('2026-12-01T02:00:00Z')

async function rejection(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

describe('programmes', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const { kendari, other } = await twoInstitutions(db)
  const admin = await staffActor(db, kendari.id, ['administrator'])
  const kiosk = await staffActor(db, kendari.id, ['kiosk_officer'])
  const committee = await staffActor(db, kendari.id, ['selection_committee'])
  const otherAdmin = await staffActor(db, other.id, ['administrator'])
  const { user: candidateUser } = await createCandidate(db, { complete: true })
  const candidate: Actor = { kind: 'candidate', userId: candidateUser.id, email: candidateUser.email, displayName: 'Calon', roles: [] }
  const as = (actor: Actor | typeof SYSTEM) => contextFor(database, actor, NOW)

  const auditRows = (entityId: string) =>
    db.select().from(auditEvent).where(and(eq(auditEvent.entityType, 'programme'), eq(auditEvent.entityId, entityId)))

  it('lets an administrator create a programme: code upper-cased, documents one per line, audited', async () => {
    const created = await createProgramme(as(admin), { institutionId: kendari.id, ...programmeForm })
    expect(created).toMatchObject({
      institutionId: kendari.id,
      code: 'LAS',
      name: 'Pengelasan SMAW Posisi 3G',
      durationHours: 240,
      mode: 'offline',
      minEducation: 'SMP',
      minAge: 17,
      maxAge: 45,
      requiredDocuments: ['KTP', 'Ijazah terakhir', 'Tanda pendaftaran'],
      archivedAt: null,
    })
    const audits = await auditRows(created.id)
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ action: 'programme.create', actorId: admin.userId, institutionId: kendari.id, before: null })
    expect(audits[0]!.after).toMatchObject({ code: 'LAS', requiredDocuments: ['KTP', 'Ijazah terakhir', 'Tanda pendaftaran'] })
    expect(audits[0]!.at.toISOString()).toBe(NOW.toISOString())
  })

  it('leaves requirements optional', async () => {
    const created = await createProgramme(as(admin), {
      institutionId: kendari.id,
      ...programmeForm,
      code: 'JHT',
      name: 'Menjahit Pakaian',
      vocationalField: 'Garmen',
      minEducation: '',
      minAge: '',
      maxAge: '',
      requiredDocuments: '',
      mode: 'blended',
    })
    expect(created).toMatchObject({ minEducation: null, minAge: null, maxAge: null, requiredDocuments: [], mode: 'blended' })
  })

  it('refuses a code already used in the same institution, at the code field, and stores nothing', async () => {
    const before = await db.select().from(programme)
    const error = await rejection(createProgramme(as(admin), { institutionId: kendari.id, ...programmeForm, code: ' Las ', name: 'Las lain' }))
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).fieldErrors.code?.[0]).toBe('Kode program ini sudah dipakai program lain di lembaga ini.')
    expect(await db.select().from(programme)).toHaveLength(before.length)
  })

  it('turns a double submit of a new programme into one row and a clear message', async () => {
    const form = { institutionId: kendari.id, ...programmeForm, code: 'GND', name: 'Double submit' }
    const results = await Promise.allSettled([createProgramme(as(admin), form), createProgramme(as(admin), form)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(failed.reason).toBeInstanceOf(ConflictError)
    expect(await db.select().from(programme).where(eq(programme.code, 'GND'))).toHaveLength(1)
    const created = (await db.select().from(programme).where(eq(programme.code, 'GND')))[0]!
    await db.delete(auditEvent).where(eq(auditEvent.entityId, created.id))
    await db.delete(programme).where(eq(programme.id, created.id))
  })

  it('allows the same code in another institution', async () => {
    const created = await createProgramme(as(otherAdmin), { institutionId: other.id, ...programmeForm })
    expect(created.code).toBe('LAS')
  })

  it('reports every invalid field at once with Indonesian messages', async () => {
    const error = await rejection(
      createProgramme(as(admin), {
        institutionId: kendari.id,
        ...programmeForm,
        code: 'L A S',
        name: '',
        durationHours: 'dua ratus',
        mode: 'kilat',
        minEducation: 'TK',
        minAge: '30',
        maxAge: '20',
      } as unknown as CreateProgrammeInput),
    )
    expect(error).toBeInstanceOf(ValidationError)
    const fields = (error as ValidationError).fieldErrors
    expect(fields.code?.[0]).toMatch(/2–6 huruf kapital atau angka/)
    expect(fields.name?.[0]).toBe('Nama program wajib diisi.')
    expect(fields.durationHours?.[0]).toBe('Durasi wajib diisi dengan angka.')
    expect(fields.mode?.[0]).toMatch(/luring, daring, atau campuran/)
    expect(fields.minEducation?.[0]).toBe('Pilih pendidikan minimal dari daftar.')
    expect(fields.maxAge?.[0]).toBe('Usia maksimal tidak boleh lebih kecil dari usia minimal.')
  })

  it('refuses kiosk officers, committee members, candidates and administrators of another institution', async () => {
    const count = (await db.select().from(programme)).length
    for (const actor of [kiosk, committee, candidate, otherAdmin]) {
      const error = await rejection(createProgramme(as(actor), { institutionId: kendari.id, ...programmeForm, code: 'TSM' }))
      expect(error).toBeInstanceOf(ForbiddenError)
    }
    expect(await db.select().from(programme)).toHaveLength(count)
  })

  it('updates a programme with before/after in the audit row, and records nothing for an unchanged resubmit', async () => {
    const created = await createProgramme(as(admin), { institutionId: kendari.id, ...programmeForm, code: 'DGR', name: 'Desain Grafis' })
    const edit = { programmeId: created.id, ...programmeForm, code: 'DGR', name: 'Desain Grafis Muda', durationHours: '200' }
    const first = await updateProgramme(as(admin), edit)
    expect(first.changed).toBe(true)
    expect(first.programme).toMatchObject({ name: 'Desain Grafis Muda', durationHours: 200 })
    const again = await updateProgramme(as(admin), edit)
    expect(again.changed).toBe(false)
    const audits = (await auditRows(created.id)).filter((a) => a.action === 'programme.update')
    expect(audits).toHaveLength(1)
    expect(audits[0]!.before).toMatchObject({ name: 'Desain Grafis', durationHours: 240 })
    expect(audits[0]!.after).toMatchObject({ name: 'Desain Grafis Muda', durationHours: 200 })
  })

  it('refuses an update by anyone but an administrator of the programme institution', async () => {
    const [target] = await db.select().from(programme).where(and(eq(programme.institutionId, kendari.id), eq(programme.code, 'LAS')))
    for (const actor of [kiosk, candidate, otherAdmin]) {
      const error = await rejection(updateProgramme(as(actor), { programmeId: target!.id, ...programmeForm, name: 'Diubah diam-diam' }))
      expect(error).toBeInstanceOf(ForbiddenError)
    }
    const [after] = await db.select().from(programme).where(eq(programme.id, target!.id))
    expect(after!.name).toBe('Pengelasan SMAW Posisi 3G')
  })

  it('refuses renaming to a code another programme uses', async () => {
    const [target] = await db.select().from(programme).where(and(eq(programme.institutionId, kendari.id), eq(programme.code, 'DGR')))
    const error = await rejection(updateProgramme(as(admin), { programmeId: target!.id, ...programmeForm, code: 'LAS' }))
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).fieldErrors.code).toBeDefined()
  })

  it('fixes the code once someone has registered, since it is printed in registration numbers', async () => {
    const created = await createProgramme(as(admin), { institutionId: kendari.id, ...programmeForm, code: 'TSM', name: 'Sepeda Motor' })
    const b = await createBatchRow(db, { programmeId: created.id, institutionId: kendari.id })
    await db.insert(registration).values({
      number: 'KDI-TSM-2026.1-0001',
      candidateId: candidateUser.id,
      batchId: b.id,
      institutionId: kendari.id,
      state: 'registered',
      createdAt: NOW,
      updatedAt: NOW,
      createdBy: candidateUser.id,
    })
    const error = await rejection(updateProgramme(as(admin), { programmeId: created.id, ...programmeForm, code: 'TSMI', name: 'Sepeda Motor' }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).fieldErrors.code?.[0]).toMatch(/tidak dapat diubah karena sudah ada pendaftar/)
    // Other fields can still be edited.
    const ok = await updateProgramme(as(admin), { programmeId: created.id, ...programmeForm, code: 'TSM', name: 'Sepeda Motor Injeksi' })
    expect(ok.programme.name).toBe('Sepeda Motor Injeksi')
    expect((await getProgrammeForAdmin(as(admin), { programmeId: created.id })).codeLocked).toBe(true)
  })

  it('archives instead of deleting, once, and restores', async () => {
    const [target] = await db.select().from(programme).where(and(eq(programme.institutionId, kendari.id), eq(programme.code, 'JHT')))
    expect(await rejection(archiveProgramme(as(kiosk), { programmeId: target!.id }))).toBeInstanceOf(ForbiddenError)
    expect(await rejection(archiveProgramme(as(otherAdmin), { programmeId: target!.id }))).toBeInstanceOf(ForbiddenError)
    const first = await archiveProgramme(as(admin), { programmeId: target!.id })
    expect(first.changed).toBe(true)
    expect(first.programme.archivedAt?.toISOString()).toBe(NOW.toISOString())
    const second = await archiveProgramme(as(admin), { programmeId: target!.id })
    expect(second.changed).toBe(false)
    let audits = await auditRows(target!.id)
    expect(audits.filter((a) => a.action === 'programme.archive')).toHaveLength(1)
    expect(audits.find((a) => a.action === 'programme.archive')!.after).toMatchObject({ archivedAt: NOW.toISOString() })

    const restored = await restoreProgramme(as(admin), { programmeId: target!.id })
    expect(restored.programme.archivedAt).toBeNull()
    audits = await auditRows(target!.id)
    expect(audits.find((a) => a.action === 'programme.restore')!.before).toMatchObject({ archivedAt: NOW.toISOString() })
    await archiveProgramme(as(admin), { programmeId: target!.id })
  })

  it('lists an institution programmes for its administrator only, archived ones last', async () => {
    const list = await listProgrammesForAdmin(as(admin), { institutionId: kendari.id })
    expect(list.map((p) => p.programme.code)).toEqual(['DGR', 'LAS', 'TSM', 'JHT'])
    expect(list.find((p) => p.programme.code === 'TSM')!.batches).toHaveLength(1)
    expect(list.find((p) => p.programme.code === 'TSM')!.batches[0]!.phase).toBeDefined()
    expect(await rejection(listProgrammesForAdmin(as(otherAdmin), { institutionId: kendari.id }))).toBeInstanceOf(ForbiddenError)
    expect(await rejection(listProgrammesForAdmin(as(kiosk), { institutionId: kendari.id }))).toBeInstanceOf(ForbiddenError)
    expect(await listVocationalFields(as(admin), { institutionId: kendari.id })).toEqual(['Garmen', 'Las'])
    expect((await listAdministeredInstitutions(as(admin))).map((i) => i.name)).toEqual(['BPVP Kendari'])
    expect(await listAdministeredInstitutions(as(kiosk))).toEqual([])
  })

  it('rejects a malformed id as not found, without a database error', async () => {
    const error = await rejection(updateProgramme(as(admin), { programmeId: 'bukan-uuid', ...programmeForm }))
    expect(error).toBeInstanceOf(ValidationError)
    const missing = await rejection(archiveProgramme(as(admin), { programmeId: '00000000-0000-4000-8000-000000000000' }))
    expect((missing as Error).message).toBe('Program pelatihan tidak ditemukan.')
  })
})
