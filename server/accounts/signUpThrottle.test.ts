import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SYSTEM } from '../auth/actor'
import { candidateProfile, userAccount } from '../db/schema'
import { UseCaseError } from '../errors'
import { contextFor, createTestDatabase } from '../../tests/db'
import { signUpCandidate, type SignUpInput } from './signUpCandidate'

describe('sign-up per address', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const ctx = () => contextFor(database, SYSTEM, new Date())
  let serial = 0
  const form = (): SignUpInput => {
    serial += 1
    const n = String(serial).padStart(4, '0')
    return {
      nik: `747101150895${n}`,
      fullName: 'Wa Ode Sitti',
      email: `daftar.${n}@contoh.test`,
      phone: '081234567890',
      password: 'Kendari-Maju-2026',
      passwordConfirm: 'Kendari-Maju-2026',
      consent: 'ya',
    }
  }
  const accounts = async () => (await db.select({ id: userAccount.id }).from(userAccount)).length

  it('allows ten sign-ups an hour from one address, then refuses with a message and creates nothing', async () => {
    const address = '203.0.113.80'
    for (let i = 0; i < 10; i++) expect(await signUpCandidate(ctx(), form(), { address })).toMatchObject({ created: true })
    const before = await accounts()
    const refused = form()
    const error = await signUpCandidate(ctx(), refused, { address }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UseCaseError)
    expect(error).toMatchObject({ status: 429, fieldErrors: {} })
    expect((error as UseCaseError).message).toMatch(
      /^Terlalu banyak akun dibuat dari jaringan Anda dalam satu jam terakhir\. Tunggu (60|59) menit, lalu coba lagi — atau datangi kios pendaftaran BPVP Kendari/,
    )
    expect(await accounts()).toBe(before)
    expect(await db.select().from(userAccount).where(eq(userAccount.email, refused.email))).toEqual([])
    // Another address, and the owner at the kiosk's own path, are not affected.
    expect(await signUpCandidate(ctx(), refused, { address: '198.51.100.80' })).toMatchObject({ created: true })
    expect(await db.select().from(candidateProfile)).toHaveLength(before + 1)
  })

  it('counts probing for registered NIKs too, but not the repeat of a submit that created the account', async () => {
    const address = '192.0.2.81'
    const mine = form()
    expect(await signUpCandidate(ctx(), mine, { address })).toMatchObject({ created: true })
    // The double click: the same form again signs the person in and costs nothing.
    for (let i = 0; i < 12; i++) expect(await signUpCandidate(ctx(), mine, { address })).toMatchObject({ created: false })
    // Probing someone else's NIK is refused at the field and counted.
    for (let i = 0; i < 9; i++) {
      await expect(signUpCandidate(ctx(), { ...form(), nik: mine.nik }, { address })).rejects.toMatchObject({ status: 409 })
    }
    await expect(signUpCandidate(ctx(), form(), { address })).rejects.toMatchObject({ status: 429 })
  })
})
