import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../tests/db'
import { signIn } from './accounts/signIn'
import { recordAudit } from './audit'
import { SYSTEM } from './auth/actor'
import { createCandidate, nextNik } from './db/factories'
import { auditEvent } from './db/schema'

const NOW = new Date('2026-12-02T03:00:00Z')

// Decision 021: what Latih keeps of a client's address is its /24 (IPv4) or /48 (IPv6) network.
describe('client addresses in audit rows', async () => {
  const database = await createTestDatabase()
  const { db } = database

  it('audit rows keep the network of a client address, never the address', async () => {
    const cases: Array<[string, string | null]> = [
      ['203.0.113.77', '203.0.113.0/24'],
      ['::ffff:198.51.100.9', '198.51.100.0/24'],
      ['2001:db8:abcd:12:34::5', '2001:db8:abcd::/48'],
      ['2001:db8::1', '2001:db8::/48'],
      ['bukan-alamat', null],
    ]
    for (const [ip, expected] of cases) {
      await db.transaction((tx) =>
        recordAudit(tx, SYSTEM, NOW, { action: 'test.address', entityType: 'test', entityId: ip, after: { via: 'nik', ip, detail: { clientAddress: ip } } }),
      )
      const [row] = await db.select().from(auditEvent).where(eq(auditEvent.entityId, ip))
      expect(row!.after).toEqual({ via: 'nik', ip: expected, detail: { clientAddress: expected } })
    }
  })

  it('migration 0007 truncates the addresses sign-in rows stored before', async () => {
    const rows: Array<[string, unknown]> = [
      ['lama-1', { outcome: 'wrong_password', via: 'nik', ip: '203.0.113.77' }],
      ['lama-2', { via: 'email', ip: '::ffff:198.51.100.9' }],
      ['lama-3', { via: 'email', ip: '2001:db8:abcd:12:34::5' }],
      ['lama-4', { via: 'email', ip: 'unknown' }],
      ['lama-5', { via: 'email', ip: null }],
      ['lama-6', { name: 'tanpa alamat' }],
    ]
    for (const [id, after] of rows) {
      // Straight into the table, as the sign-in of before wrote them.
      await db.insert(auditEvent).values({ at: NOW, action: 'account.signIn', entityType: 'user_account', entityId: id, after })
    }
    const migration = readFileSync(join(process.cwd(), 'server/db/migrations/0007_audit_address_networks.sql'), 'utf8')
    await db.transaction(async (tx) => {
      for (const statement of migration.split('--> statement-breakpoint')) await tx.execute(sql.raw(statement))
    })
    const after = async (id: string) => (await db.select().from(auditEvent).where(eq(auditEvent.entityId, id)))[0]!.after
    expect(await after('lama-1')).toEqual({ outcome: 'wrong_password', via: 'nik', ip: '203.0.113.0/24' })
    expect(await after('lama-2')).toEqual({ via: 'email', ip: '198.51.100.0/24' })
    expect(await after('lama-3')).toEqual({ via: 'email', ip: '2001:db8:abcd::/48' })
    expect(await after('lama-4')).toEqual({ via: 'email', ip: null })
    expect(await after('lama-5')).toEqual({ via: 'email', ip: null })
    expect(await after('lama-6')).toEqual({ name: 'tanpa alamat' })
  })

  it('sign-in audit rows through the use case hold no full address', async () => {
    const nik = nextNik()
    const { user } = await createCandidate(db, { nik, password: 'Anoa-Berlari-Cepat-5' })
    await signIn(contextFor(database, SYSTEM, NOW), { identifier: nik, password: 'Anoa-Berlari-Cepat-5', ip: '203.0.113.77' })
    await signIn(contextFor(database, SYSTEM, NOW), { identifier: nik, password: 'salah-sekali-123', ip: '2001:db8:abcd:12:34::5' }).catch(() => undefined)
    const audits = await db.select().from(auditEvent).where(sql`${auditEvent.action} like 'account.signIn%' and (${auditEvent.entityId} = ${user.id})`)
    expect(audits.length).toBeGreaterThanOrEqual(2)
    const text = JSON.stringify(audits)
    expect(text).not.toContain('203.0.113.77')
    expect(text).not.toContain('2001:db8:abcd:12:34::5')
    expect(text).toContain('203.0.113.0/24')
  })
})
