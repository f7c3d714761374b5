import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, contextFor } from '../../tests/db'
import type { Actor } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import { createBatch, createCandidate, createInstitution, createProgramme, createStaff } from '../db/factories'
import { assistedSession, auditEvent, candidateProfile, registration, userAccount } from '../db/schema'
import { ConflictError, ForbiddenError, ValidationError } from '../errors'
import { getProfile } from './getProfile'
import { updateAddress } from './updateAddress'
import { updateEducation } from './updateEducation'
import { updateIdentity } from './updateIdentity'
import { updateOther } from './updateOther'

const NOW = new Date('2026-11-28T02:00:00Z')

describe('profile sections', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const kdi = await createInstitution(db)
  const other = await createInstitution(db, { code: 'BAU', name: 'BPVP Bau-Bau' })

  async function actorOf(user: { id: string; email: string; displayName: string; kind: 'candidate' | 'staff' }): Promise<Actor> {
    return loadActor(db, { userId: user.id, kind: user.kind, email: user.email, displayName: user.displayName })
  }
  async function newCandidate(input: Parameters<typeof createCandidate>[1] = {}) {
    const c = await createCandidate(db, input)
    return { ...c, actor: await actorOf(c.user), ctx: contextFor(database, await actorOf(c.user), NOW) }
  }
  const profileRow = async (userId: string) =>
    (await db.select().from(candidateProfile).where(eq(candidateProfile.userId, userId)))[0]!
  const auditRows = async (userId: string, action: string) =>
    db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, userId), eq(auditEvent.action, action)))

  /** A failed save must leave every column as it was. */
  async function expectUnchanged(userId: string, run: () => Promise<unknown>) {
    const before = await profileRow(userId)
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    )
    expect(await profileRow(userId)).toEqual(before)
    return error
  }

  const identity = (nik: string, overrides: Record<string, string> = {}) => ({
    nik,
    fullName: 'Siti Rahmawati',
    birthPlace: 'Kendari',
    maritalStatus: 'belum_kawin',
    phone: '0812-3456-7891',
    ...overrides,
  })

  const ktpAddress = {
    ktpProvinceCode: '74',
    ktpRegencyCode: '74.71',
    ktpDistrictCode: '74.71.01',
    ktpVillageCode: '74.71.01.1005',
    ktpStreet: 'Jl. Ahmad Yani No. 10, RT 002/RW 001',
    ktpPostalCode: '93111',
    domicileSameAsKtp: 'on',
  }

  describe('identity', () => {
    it('saves the section, normalises the phone, syncs the display name and audits only changed fields', async () => {
      const c = await newCandidate({ fullName: 'Siti R' })
      const result = await updateIdentity(c.ctx, {
        candidateId: c.user.id,
        ...identity(c.nik.replace(/(\d{4})/g, '$1 ').trim(), { fullName: 'Siti Rahmawati', maritalStatus: 'kawin' }),
      })
      expect(result).toEqual({ changed: true })
      const row = await profileRow(c.user.id)
      expect(row).toMatchObject({ fullName: 'Siti Rahmawati', birthPlace: 'Kendari', maritalStatus: 'kawin', phone: '+6281234567891' })
      const [account] = await db.select().from(userAccount).where(eq(userAccount.id, c.user.id))
      expect(account!.displayName).toBe('Siti Rahmawati')
      const audits = await auditRows(c.user.id, 'profile.updateIdentity')
      expect(audits).toHaveLength(1)
      expect(audits[0]!.before).toMatchObject({ fullName: 'Siti R', maritalStatus: null, phone: '+6281234567890' })
      expect(audits[0]!.after).toMatchObject({ fullName: 'Siti Rahmawati', maritalStatus: 'kawin', phone: '+6281234567891' })
      // Unchanged fields are not in the audit row.
      expect(audits[0]!.after).not.toHaveProperty('birthDate')
    })

    it('a repeated submit changes nothing and writes no second audit row', async () => {
      const c = await newCandidate()
      await updateIdentity(c.ctx, { candidateId: c.user.id, ...identity(c.nik) })
      const again = await updateIdentity(c.ctx, { candidateId: c.user.id, ...identity(c.nik) })
      expect(again.changed).toBe(false)
      expect(await auditRows(c.user.id, 'profile.updateIdentity')).toHaveLength(1)
    })

    it('corrects the NIK and never writes the whole NIK into the audit row', async () => {
      const c = await newCandidate({ nik: '7471011508950101' })
      const corrected = '7471021508950102'
      await updateIdentity(c.ctx, { candidateId: c.user.id, ...identity(corrected) })
      const view = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(view.nik).toBe(corrected)
      expect((await profileRow(c.user.id)).nikMasked).toBe('7471••••••••0102')
      const [audit] = await auditRows(c.user.id, 'profile.updateIdentity')
      const serialised = JSON.stringify(audit)
      expect(serialised).not.toContain(corrected)
      expect(serialised).not.toContain('7471011508950101')
      expect(audit!.after).toMatchObject({ nikMasked: '7471••••••••0102', nikChanged: true })
    })

    it('refuses a malformed NIK at its field and changes nothing', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateIdentity(c.ctx, { candidateId: c.user.id, ...identity('74710115089', { fullName: 'Nama Baru' }) }),
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors.nik).toEqual(['NIK harus 16 digit angka; yang diisi 11 digit.'])
      expect(await auditRows(c.user.id, 'profile.updateIdentity')).toHaveLength(0)
    })

    it('refuses a NIK used by another account with the recovery message', async () => {
      const first = await newCandidate({ nik: '7471011508950201' })
      const second = await newCandidate({ nik: '7471011508950202' })
      const error = await expectUnchanged(second.user.id, () =>
        updateIdentity(second.ctx, { candidateId: second.user.id, ...identity(first.nik) }),
      )
      expect(error).toBeInstanceOf(ConflictError)
      const conflict = error as ConflictError
      expect(conflict.status).toBe(409)
      expect(conflict.fieldErrors.nik?.[0]).toMatch(/sudah terdaftar pada akun lain/)
      expect(conflict.fieldErrors.nik?.[0]).toMatch(/Lupa kata sandi/)
    })

    it('takes the birth date and sex from the NIK, not from what was posted (issue 10 §1)', async () => {
      // The 51-year-old of issue 10: NIK of 15 June 1975; he posted 1990 to look younger.
      const c = await newCandidate({ nik: '7471011506750005', birthDate: '1990-06-15', sex: 'female' })
      await updateIdentity(c.ctx, {
        candidateId: c.user.id,
        ...identity(c.nik, { birthDate: '1990-06-15', sex: 'female' }),
      })
      expect(await profileRow(c.user.id)).toMatchObject({ birthDate: '1975-06-15', sex: 'male' })
      const view = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(view.nikWarnings).toEqual([])
      expect(view.completeness.missing.map((m) => m.field)).not.toContain('nikAgreement')
    })

    it('keeps a profile stored before the rule incomplete until its identity is saved again', async () => {
      const c = await newCandidate({ nik: '7471011506750015', birthDate: '1990-06-15', sex: 'male' })
      const before = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(before.completeness.complete).toBe(false)
      expect(before.completeness.missing).toContainEqual(expect.objectContaining({ field: 'nikAgreement', section: 'identity' }))
    })

    it('once the candidate has registered, refuses a new NIK or name at their fields and changes nothing', async () => {
      const c = await newCandidate({ nik: '7471011506750025' })
      await updateIdentity(c.ctx, { candidateId: c.user.id, ...identity(c.nik) })
      const programme = await createProgramme(db, { institutionId: kdi.id, code: 'IDL' })
      const b = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id })
      await db.insert(registration).values({
        batchId: b.id,
        candidateId: c.user.id,
        institutionId: kdi.id,
        number: `T-${c.user.id.slice(0, 8)}`,
        state: 'withdrawn',
        createdBy: c.user.id,
        createdAt: NOW,
        updatedAt: NOW,
      })
      const error = await expectUnchanged(c.user.id, () =>
        updateIdentity(c.ctx, { candidateId: c.user.id, ...identity('7471011506900025', { fullName: 'Nama Lain' }) }),
      )
      expect(error).toBeInstanceOf(ValidationError)
      const fields = (error as ValidationError).fieldErrors
      expect(fields.nik?.[0]).toMatch(/kios pendaftaran dengan membawa KTP asli/)
      expect(fields.fullName?.[0]).toMatch(/kios pendaftaran dengan membawa KTP asli/)
      // The rest of the section stays the candidate's to keep up to date.
      await updateIdentity(c.ctx, { candidateId: c.user.id, ...identity(c.nik, { birthPlace: 'Konawe' }) })
      expect((await profileRow(c.user.id)).birthPlace).toBe('Konawe')
    })

    it('once the candidate has registered, lets the kiosk officer assisting them correct NIK and name (audited)', async () => {
      const c = await newCandidate({ nik: '7471011506750035' })
      await updateIdentity(c.ctx, { candidateId: c.user.id, ...identity(c.nik) })
      const programme = await createProgramme(db, { institutionId: kdi.id, code: 'IDK' })
      const b = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id })
      await db.insert(registration).values({
        batchId: b.id,
        candidateId: c.user.id,
        institutionId: kdi.id,
        number: `K-${c.user.id.slice(0, 8)}`,
        state: 'registered',
        createdBy: c.user.id,
        createdAt: NOW,
        updatedAt: NOW,
      })
      expect((await getProfile(c.ctx, { candidateId: c.user.id })).identityLocked).toBe(true)

      const officer = await createStaff(db, {
        institutionId: kdi.id,
        email: `koreksi.${c.user.id.slice(0, 6)}@bpvp.test`,
        displayName: 'Petugas Kios',
        roles: ['kiosk_officer'],
        password: 'Latih-Demo-2026',
      })
      await db.insert(assistedSession).values({ officerId: officer.id, candidateId: c.user.id, institutionId: kdi.id, startedAt: NOW })
      const ctx = contextFor(database, await actorOf(officer), NOW)
      expect((await getProfile(ctx, { candidateId: c.user.id })).identityLocked).toBe(false)
      // The KTP says 1976, female: the NIK's digits carry both (day + 40 for women).
      await updateIdentity(ctx, { candidateId: c.user.id, ...identity('7471015506760035', { fullName: 'Nama Sesuai KTP' }) })
      expect(await profileRow(c.user.id)).toMatchObject({ fullName: 'Nama Sesuai KTP', birthDate: '1976-06-15', sex: 'female' })
      const byOfficer = (await auditRows(c.user.id, 'profile.updateIdentity')).filter((row) => row.actorId === officer.id)
      expect(byOfficer).toHaveLength(1)
      expect(byOfficer[0]).toMatchObject({ onBehalfOfId: c.user.id })
    })

    it('refuses a bad phone number and an empty name, every message at its field', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateIdentity(c.ctx, {
          candidateId: c.user.id,
          ...identity(c.nik, { phone: '021-555-1234', fullName: '' }),
        }),
      )
      expect(error).toBeInstanceOf(ValidationError)
      const fields = (error as ValidationError).fieldErrors
      expect(fields.phone).toEqual(['Nomor HP harus nomor seluler yang diawali 08. Contoh: 0812-3456-7890.'])
      expect(fields.fullName).toEqual(['Nama lengkap wajib diisi.'])
    })

    it('lets a candidate not blank their NIK, but lets an assisting officer keep it by leaving it empty', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () => updateIdentity(c.ctx, { candidateId: c.user.id, ...identity('') }))
      expect((error as ValidationError).fieldErrors.nik).toEqual(['NIK wajib diisi.'])

      const officer = await createStaff(db, {
        institutionId: kdi.id,
        email: `petugas.${c.user.id.slice(0, 6)}@bpvp.test`,
        displayName: 'Petugas Kios',
        roles: ['kiosk_officer'],
        password: 'Latih-Demo-2026',
      })
      await db.insert(assistedSession).values({ officerId: officer.id, candidateId: c.user.id, institutionId: kdi.id, startedAt: NOW })
      const officerActor = await actorOf(officer)
      const ctx = contextFor(database, officerActor, NOW)
      const view = await getProfile(ctx, { candidateId: c.user.id })
      expect(view.nikMasked).toBe(true)
      expect(view.nik).toBe(`${c.nik.slice(0, 4)}••••••••${c.nik.slice(-4)}`)
      await updateIdentity(ctx, { candidateId: c.user.id, ...identity('', { birthPlace: 'Konawe' }) })
      const row = await profileRow(c.user.id)
      expect(row.birthPlace).toBe('Konawe')
      expect((await getProfile(c.ctx, { candidateId: c.user.id })).nik).toBe(c.nik)
      const [audit] = await auditRows(c.user.id, 'profile.updateIdentity')
      expect(audit).toMatchObject({ actorId: officer.id, onBehalfOfId: c.user.id })
    })

    it("refuses to edit another candidate's profile", async () => {
      const a = await newCandidate()
      const b = await newCandidate()
      const error = await expectUnchanged(b.user.id, () => updateIdentity(a.ctx, { candidateId: b.user.id, ...identity(b.nik) }))
      expect(error).toBeInstanceOf(ForbiddenError)
    })
  })

  describe('address', () => {
    it('saves the KTP address with "domicile same as KTP" and shows the region names', async () => {
      const c = await newCandidate()
      expect(await updateAddress(c.ctx, { candidateId: c.user.id, ...ktpAddress })).toEqual({ changed: true })
      const row = await profileRow(c.user.id)
      expect(row).toMatchObject({
        ktpVillageCode: '74.71.01.1005',
        ktpPostalCode: '93111',
        domicileSameAsKtp: true,
        domicileVillageCode: null,
      })
      const view = await getProfile(c.ctx, { candidateId: c.user.id })
      expect(view.ktp.regions).toEqual({
        province: 'Sulawesi Tenggara',
        regency: 'Kota Kendari',
        district: 'Mandonga',
        village: 'Mandonga',
      })
      const [audit] = await auditRows(c.user.id, 'profile.updateAddress')
      expect(audit!.after).toMatchObject({ ktpVillageCode: '74.71.01.1005' })
    })

    it('saves a different domicile', async () => {
      const c = await newCandidate()
      await updateAddress(c.ctx, {
        candidateId: c.user.id,
        ...ktpAddress,
        domicileSameAsKtp: '',
        domicileProvinceCode: '74',
        domicileRegencyCode: '74.71',
        domicileDistrictCode: '74.71.02',
        domicileVillageCode: '74.71.02.1009',
        domicileStreet: 'Jl. Sultan Hasanuddin No. 3',
        domicilePostalCode: '93127',
      })
      expect(await profileRow(c.user.id)).toMatchObject({
        domicileSameAsKtp: false,
        domicileVillageCode: '74.71.02.1009',
        domicilePostalCode: '93127',
      })
    })

    it('refuses a village that is not under the chosen district', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateAddress(c.ctx, { candidateId: c.user.id, ...ktpAddress, ktpDistrictCode: '74.71.02' }),
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toEqual({
        ktpVillageCode: ['Desa/kelurahan yang dipilih tidak berada di kecamatan yang dipilih.'],
      })
    })

    it('refuses a village that does not exist and a district under another regency', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateAddress(c.ctx, {
          candidateId: c.user.id,
          ...ktpAddress,
          ktpRegencyCode: '74.72',
          ktpVillageCode: '74.71.01.9999',
        }),
      )
      expect((error as ValidationError).fieldErrors).toMatchObject({
        ktpDistrictCode: ['Kecamatan yang dipilih tidak berada di kabupaten/kota yang dipilih.'],
        ktpVillageCode: ['Desa/kelurahan yang dipilih tidak dikenal.'],
      })
    })

    it('requires the domicile fields when the domicile is not the KTP address', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateAddress(c.ctx, { candidateId: c.user.id, ...ktpAddress, domicileSameAsKtp: '' }),
      )
      expect((error as ValidationError).fieldErrors).toEqual({
        domicileProvinceCode: ['Pilih provinsi.'],
        domicileRegencyCode: ['Pilih kabupaten/kota.'],
        domicileDistrictCode: ['Pilih kecamatan.'],
        domicileVillageCode: ['Pilih desa/kelurahan.'],
        domicileStreet: ['Alamat domisili wajib diisi.'],
        domicilePostalCode: ['Kode pos wajib diisi.'],
      })
    })

    it('refuses a postal code that is not 5 digits', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateAddress(c.ctx, { candidateId: c.user.id, ...ktpAddress, ktpPostalCode: '9311' }),
      )
      expect((error as ValidationError).fieldErrors).toEqual({ ktpPostalCode: ['Kode pos harus 5 digit angka.'] })
    })
  })

  describe('education', () => {
    it('saves the section; SD and SMP need no major', async () => {
      const c = await newCandidate()
      await updateEducation(c.ctx, {
        candidateId: c.user.id,
        educationLevel: 'SMK',
        schoolName: 'SMK Negeri 2 Kendari',
        major: 'Teknik Pengelasan',
        graduationYear: '2019',
      })
      expect(await profileRow(c.user.id)).toMatchObject({ educationLevel: 'SMK', major: 'Teknik Pengelasan', graduationYear: 2019 })
      await updateEducation(c.ctx, {
        candidateId: c.user.id,
        educationLevel: 'SMP',
        schoolName: 'SMP Negeri 1 Kendari',
        major: 'Teknik Pengelasan',
        graduationYear: '2016',
      })
      expect(await profileRow(c.user.id)).toMatchObject({ educationLevel: 'SMP', major: null, graduationYear: 2016 })
      expect(await auditRows(c.user.id, 'profile.updateEducation')).toHaveLength(2)
    })

    it('refuses a graduation year in the future and a missing major', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateEducation(c.ctx, { candidateId: c.user.id, educationLevel: 'S1', schoolName: 'Universitas Halu Oleo', major: '', graduationYear: '2027' }),
      )
      expect((error as ValidationError).fieldErrors).toEqual({
        graduationYear: ['Tahun lulus tidak boleh setelah tahun ini (2026).'],
        major: ['Jurusan/program studi wajib diisi untuk jenjang ini.'],
      })
    })

    it('refuses a graduation year before 1950 or not a number, and an unknown level', async () => {
      const c = await newCandidate()
      const early = await expectUnchanged(c.user.id, () =>
        updateEducation(c.ctx, { candidateId: c.user.id, educationLevel: 'SMA', schoolName: 'SMA 1', major: 'IPA', graduationYear: '1949' }),
      )
      expect((early as ValidationError).fieldErrors.graduationYear).toEqual(['Tahun lulus paling awal 1950.'])
      const bad = await expectUnchanged(c.user.id, () =>
        updateEducation(c.ctx, { candidateId: c.user.id, educationLevel: 'SLTA', schoolName: 'SMA 1', major: 'IPA', graduationYear: 'dua ribu' }),
      )
      expect((bad as ValidationError).fieldErrors).toEqual({
        educationLevel: ['Pilih pendidikan terakhir.'],
        graduationYear: ['Tahun lulus harus 4 digit angka, misalnya 2020.'],
      })
    })
  })

  describe('other', () => {
    it('saves employment status and disability, with "none" as an answer', async () => {
      const c = await newCandidate()
      await updateOther(c.ctx, { candidateId: c.user.id, employmentStatus: 'wirausaha', disability: 'none' })
      expect(await profileRow(c.user.id)).toMatchObject({ employmentStatus: 'wirausaha', disability: 'none' })
      await updateOther(c.ctx, { candidateId: c.user.id, employmentStatus: 'wirausaha', disability: 'rungu' })
      const audits = await auditRows(c.user.id, 'profile.updateOther')
      expect(audits.map((a) => a.after)).toEqual([{ employmentStatus: 'wirausaha', disability: 'none' }, { disability: 'rungu' }])
    })

    it('refuses unknown values', async () => {
      const c = await newCandidate()
      const error = await expectUnchanged(c.user.id, () =>
        updateOther(c.ctx, { candidateId: c.user.id, employmentStatus: 'pns', disability: '' }),
      )
      expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(['disability', 'employmentStatus'])
    })
  })

  describe('reading the profile', () => {
    it('shows the NIK whole to the candidate and administrators (audited), masked to the committee', async () => {
      const c = await newCandidate({ nik: '7471011508950401', complete: true })
      const programme = await createProgramme(db, { institutionId: kdi.id })
      const batch = await createBatch(db, { programmeId: programme.id, institutionId: kdi.id, opensAt: new Date('2026-11-20T00:00:00Z') })
      await db.insert(registration).values({
        number: 'KDI-LAS-2026-1-0401',
        candidateId: c.user.id,
        batchId: batch.id,
        institutionId: kdi.id,
        state: 'registered',
        createdAt: NOW,
        updatedAt: NOW,
        createdBy: c.user.id,
      })
      const staff = async (role: 'administrator' | 'selection_committee', institutionId: string, tag: string) => {
        const user = await createStaff(db, {
          institutionId,
          email: `${tag}@bpvp.test`,
          displayName: tag,
          roles: [role],
          password: 'Latih-Demo-2026',
        })
        return contextFor(database, await actorOf(user), NOW)
      }

      expect((await getProfile(c.ctx, { candidateId: c.user.id })).nik).toBe(c.nik)
      expect(await auditRows(c.user.id, 'profile.readFullNik')).toHaveLength(0)

      const committee = await getProfile(await staff('selection_committee', kdi.id, 'panitia-read'), { candidateId: c.user.id })
      expect(committee).toMatchObject({ nik: '7471••••••••0401', nikMasked: true })
      expect(await auditRows(c.user.id, 'profile.readFullNik')).toHaveLength(0)

      const admin = await getProfile(await staff('administrator', kdi.id, 'admin-read'), { candidateId: c.user.id })
      expect(admin).toMatchObject({ nik: c.nik, nikMasked: false })
      const audits = await auditRows(c.user.id, 'profile.readFullNik')
      expect(audits).toHaveLength(1)
      expect(audits[0]!.institutionId).toBe(kdi.id)
      expect(JSON.stringify(audits[0])).not.toContain(c.nik)

      // An administrator of a centre the candidate never applied to sees nothing.
      await expect(getProfile(await staff('administrator', other.id, 'admin-other'), { candidateId: c.user.id })).rejects.toBeInstanceOf(
        ForbiddenError,
      )
    })
  })
})
