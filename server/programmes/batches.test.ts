import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import type { Actor } from '../auth/actor'
import { auditEvent, batch, registration } from '../db/schema'
import { createCandidate, createInstitution, createProgramme } from '../db/factories'
import { ConflictError, ForbiddenError, UseCaseError, ValidationError } from '../errors'
import { archiveProgramme } from './archiveProgramme'
import { createBatch } from './createBatch'
import { getBatchForAdmin, getNewBatchDefaults } from './getBatchForAdmin'
import { batchFormSchema } from './input'
import { batchForm, staffActor, twoInstitutions } from './testSupport'
import { updateBatch } from './updateBatch'

const NOW = new Date('2026-12-01T02:00:00Z')

async function rejection(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

describe('batches', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const { kendari, other } = await twoInstitutions(db)
  const admin = await staffActor(db, kendari.id, ['administrator'])
  const kiosk = await staffActor(db, kendari.id, ['kiosk_officer'])
  const otherAdmin = await staffActor(db, other.id, ['administrator'])
  const { user: candidateUser } = await createCandidate(db, { complete: true })
  const candidate: Actor = { kind: 'candidate', userId: candidateUser.id, email: candidateUser.email, displayName: 'Calon', roles: [] }
  const welding = await createProgramme(db, { institutionId: kendari.id })
  const as = (actor: Actor) => contextFor(database, actor, NOW)
  const batchesOf = (programmeId: string) => db.select().from(batch).where(eq(batch.programmeId, programmeId))

  it('stores WITA wall-clock times as the right instants, and the training days as dates', async () => {
    const created = await createBatch(as(admin), { programmeId: welding.id, ...batchForm })
    expect(created.registrationOpensAt.toISOString()).toBe('2027-01-04T00:00:00.000Z')
    expect(created.registrationClosesAt.toISOString()).toBe('2027-01-24T15:59:00.000Z')
    expect(created.reRegistrationDeadline.toISOString()).toBe('2027-02-12T08:00:00.000Z')
    expect(created).toMatchObject({
      institutionId: kendari.id,
      year: 2027,
      number: 1,
      quota: 16,
      reserveCount: 2,
      trainingStartsOn: '2027-02-15',
      trainingEndsOn: '2027-03-26',
    })
    const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.entityType, 'batch'), eq(auditEvent.entityId, created.id)))
    expect(audit).toMatchObject({ action: 'batch.create', actorId: admin.userId, institutionId: kendari.id })
    expect(audit!.after).toMatchObject({ registrationOpensAt: '2027-01-04T00:00:00.000Z', quota: 16 })

    // The edit form shows the same wall-clock values back.
    const forEdit = await getBatchForAdmin(as(admin), { batchId: created.id })
    expect(forEdit.formValues).toEqual(batchForm)
    expect(forEdit.registrations).toBe(0)
  })

  it('uses the zone of the programme institution', async () => {
    const west = await createInstitution(db, { code: 'SRG', name: 'BPVP Serang', timeZone: 'Asia/Jakarta' })
    const westAdmin = await staffActor(db, west.id, ['administrator'])
    const p = await createProgramme(db, { institutionId: west.id })
    const created = await createBatch(as(westAdmin), { programmeId: p.id, ...batchForm })
    expect(created.registrationOpensAt.toISOString()).toBe('2027-01-04T01:00:00.000Z')
  })

  it('reports dates out of SOP order at the later field and stores nothing', async () => {
    const count = (await batchesOf(welding.id)).length
    const error = await rejection(
      createBatch(as(admin), {
        programmeId: welding.id,
        ...batchForm,
        number: '2',
        registrationClosesAt: '2027-01-04T08:00',
        interviewStartsAt: '2027-01-20T08:00',
      }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    const fields = (error as ValidationError).fieldErrors
    expect(fields.registrationClosesAt).toEqual(['Pendaftaran ditutup harus setelah Pendaftaran dibuka.'])
    expect(fields.interviewStartsAt).toEqual(['Wawancara mulai tidak boleh sebelum Batas asesmen.'])
    expect(Object.keys(fields).sort()).toEqual(['interviewStartsAt', 'registrationClosesAt'])
    expect(await batchesOf(welding.id)).toHaveLength(count)
  })

  it('requires re-registration to end before the first training day begins (in WITA)', async () => {
    const error = await rejection(
      createBatch(as(admin), { programmeId: welding.id, ...batchForm, number: '2', reRegistrationDeadline: '2027-02-15T07:00' }),
    )
    expect((error as ValidationError).fieldErrors.trainingStartsOn).toEqual(['Pelatihan mulai tidak boleh sebelum Batas daftar ulang.'])
  })

  it('reports missing and malformed dates, quota and reserve at their fields', async () => {
    const error = await rejection(
      createBatch(as(admin), {
        programmeId: welding.id,
        ...batchForm,
        number: '2',
        quota: '0',
        reserveCount: '-1',
        plenaryAt: '',
        announcementAt: '2027-02-30T10:00',
        trainingEndsOn: '26/03/2027',
      }),
    )
    const fields = (error as ValidationError).fieldErrors
    expect(fields.quota).toEqual(['Kuota paling sedikit 1 orang.'])
    // Only the reserve's own problem: no comparison with a quota that is itself wrong.
    expect(fields.reserveCount).toEqual(['Jumlah cadangan paling sedikit 0 orang.'])
    expect(fields.plenaryAt).toEqual(['Pleno hasil seleksi wajib diisi dengan tanggal dan jam yang valid.'])
    expect(fields.announcementAt).toEqual(['Pengumuman wajib diisi dengan tanggal dan jam yang valid.'])
    expect(fields.trainingEndsOn).toEqual(['Pelatihan selesai wajib diisi dengan tanggal yang valid.'])
  })

  it('gives order problems together with other field problems in the form schema', () => {
    const result = batchFormSchema.safeParse({ ...batchForm, quota: '5', reserveCount: '6', plenaryAt: '2027-01-01T08:00' })
    expect(result.success).toBe(false)
    const paths = result.error!.issues.map((i) => i.path.join('.'))
    expect(paths.sort()).toEqual(['plenaryAt', 'reserveCount'])
    const withBadNumber = batchFormSchema.safeParse({ ...batchForm, quota: 'x', plenaryAt: '2027-01-01T08:00' })
    expect(withBadNumber.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['plenaryAt', 'quota'])
  })

  it('does not compare the reserve with a quota that is itself invalid, and refuses a non-object', async () => {
    const result = batchFormSchema.safeParse({ ...batchForm, quota: '0', reserveCount: '5' })
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['quota', 'Kuota paling sedikit 1 orang.']])
    expect(batchFormSchema.safeParse(null).success).toBe(false)
    expect(batchFormSchema.safeParse('x').success).toBe(false)
  })

  it('refuses a reserve larger than the quota and a quota above 1000', async () => {
    const error = await rejection(createBatch(as(admin), { programmeId: welding.id, ...batchForm, number: '2', quota: '1001', reserveCount: '3' }))
    expect((error as ValidationError).fieldErrors.quota).toEqual(['Kuota paling banyak 1000 orang.'])
    const reserve = await rejection(createBatch(as(admin), { programmeId: welding.id, ...batchForm, number: '2', quota: '3', reserveCount: '4' }))
    expect((reserve as ValidationError).fieldErrors.reserveCount).toEqual(['Jumlah cadangan tidak boleh melebihi kuota.'])
  })

  it('refuses a second batch with the same year and number, at the number field', async () => {
    const error = await rejection(createBatch(as(admin), { programmeId: welding.id, ...batchForm }))
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).fieldErrors.number).toEqual(['Gelombang 1/2027 sudah ada untuk program ini.'])
    expect(await batchesOf(welding.id)).toHaveLength(1)
    const defaults = await getNewBatchDefaults(as(admin), { programmeId: welding.id })
    expect(defaults.formValues).toMatchObject({ year: '2026', number: '1' })
    const second = await createBatch(as(admin), { programmeId: welding.id, ...batchForm, number: '2' })
    expect(second.number).toBe(2)
  })

  it('refuses kiosk officers, candidates and administrators of another institution', async () => {
    const count = (await batchesOf(welding.id)).length
    for (const actor of [kiosk, candidate, otherAdmin]) {
      expect(await rejection(createBatch(as(actor), { programmeId: welding.id, ...batchForm, number: '9' }))).toBeInstanceOf(ForbiddenError)
    }
    const [first] = await batchesOf(welding.id)
    for (const actor of [kiosk, candidate, otherAdmin]) {
      expect(await rejection(updateBatch(as(actor), { batchId: first!.id, ...batchForm, quota: '99' }))).toBeInstanceOf(ForbiddenError)
      expect(await rejection(getBatchForAdmin(as(actor), { batchId: first!.id }))).toBeInstanceOf(ForbiddenError)
    }
    expect(await batchesOf(welding.id)).toHaveLength(count)
    const [unchanged] = await db.select().from(batch).where(eq(batch.id, first!.id))
    expect(unchanged!.quota).toBe(16)
  })

  it('updates a batch after registrations exist, auditing before/after, but keeps its year and number', async () => {
    const [target] = (await batchesOf(welding.id)).filter((b) => b.number === 1 && b.year === 2027)
    await db.insert(registration).values({
      number: 'KDI-LAS-2027.1-0001',
      candidateId: candidateUser.id,
      batchId: target!.id,
      institutionId: kendari.id,
      state: 'registered',
      createdAt: NOW,
      updatedAt: NOW,
      createdBy: candidateUser.id,
    })
    const edit = { batchId: target!.id, ...batchForm, quota: '20', registrationClosesAt: '2027-01-25T23:59' }
    const result = await updateBatch(as(admin), edit)
    expect(result.changed).toBe(true)
    expect(result.batch.quota).toBe(20)
    expect(result.batch.registrationClosesAt.toISOString()).toBe('2027-01-25T15:59:00.000Z')
    expect((await updateBatch(as(admin), edit)).changed).toBe(false)
    const audits = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, target!.id), eq(auditEvent.action, 'batch.update')))
    expect(audits).toHaveLength(1)
    expect(audits[0]!.before).toMatchObject({ quota: 16, registrationClosesAt: '2027-01-24T15:59:00.000Z' })
    expect(audits[0]!.after).toMatchObject({ quota: 20, registrationClosesAt: '2027-01-25T15:59:00.000Z', registrationsAtChange: 1 })

    const renumber = await rejection(updateBatch(as(admin), { ...edit, number: '3' }))
    expect((renumber as ValidationError).fieldErrors.number?.[0]).toMatch(/tidak dapat diubah karena sudah ada pendaftar/)
    const badOrder = await rejection(updateBatch(as(admin), { ...edit, plenaryAt: '2027-01-01T08:00' }))
    expect((badOrder as ValidationError).fieldErrors.plenaryAt).toEqual(['Pleno hasil seleksi tidak boleh sebelum Wawancara selesai.'])
    const [stored] = await db.select().from(batch).where(eq(batch.id, target!.id))
    expect(stored!.plenaryAt.toISOString()).toBe('2027-02-05T01:00:00.000Z')
  })

  it('refuses renumbering onto another batch of the same programme', async () => {
    const second = (await batchesOf(welding.id)).find((b) => b.number === 2)!
    const error = await rejection(updateBatch(as(admin), { batchId: second.id, ...batchForm, number: '1' }))
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).fieldErrors.number).toEqual(['Gelombang 1/2027 sudah ada untuk program ini.'])
  })

  it('refuses a new batch for an archived programme', async () => {
    const archived = await createProgramme(db, { institutionId: kendari.id, code: 'ARS', name: 'Program lama' })
    await archiveProgramme(as(admin), { programmeId: archived.id })
    const error = await rejection(createBatch(as(admin), { programmeId: archived.id, ...batchForm }))
    expect(error).toBeInstanceOf(UseCaseError)
    expect((error as UseCaseError).message).toMatch(/diarsipkan/)
    expect(await batchesOf(archived.id)).toHaveLength(0)
  })
})
