// DKIM: the configuration is checked at start (all three settings or none, a readable
// private key, a signing domain aligned with MAIL_FROM), and a mail the app signs
// verifies with mailauth (a kept library) against the public key as DNS would serve it.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dkimVerify } from 'mailauth/lib/dkim/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { parseEnv } from '../env'
import { renderMail } from './render'
import { startPeer, type Peer } from './testPeer'
import { createMailer, dkimFromEnv } from './transport'

const dir = mkdtempSync(join(tmpdir(), 'latih-dkim-'))
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const keyFile = join(dir, 'latih2026.private')
writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }))
const notAKey = join(dir, 'not-a-key.pem')
writeFileSync(notAKey, 'this is not a key\n')
/** The TXT record an operator publishes at latih2026._domainkey.bpvp-kendari.go.id. */
const txtRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`

const BASE = { MAIL_FROM: 'Latih BPVP Kendari <no-reply@latih.bpvp-kendari.go.id>' }
const DKIM = { DKIM_DOMAIN: 'bpvp-kendari.go.id', DKIM_SELECTOR: 'latih2026', DKIM_PRIVATE_KEY_FILE: keyFile }

describe('DKIM settings at start', () => {
  it('accepts all three with a readable key aligned with MAIL_FROM, or none', () => {
    expect(parseEnv({ ...BASE, ...DKIM }).DKIM_DOMAIN).toBe('bpvp-kendari.go.id')
    expect(parseEnv(BASE).DKIM_DOMAIN).toBeUndefined()
  })
  it('refuses a partial, unreadable, wrong or misaligned configuration with a readable message', () => {
    expect(() => parseEnv({ ...BASE, DKIM_DOMAIN: 'bpvp-kendari.go.id' })).toThrow(/set all three/)
    expect(() => parseEnv({ ...BASE, ...DKIM, DKIM_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toThrow(/cannot read .*missing\.pem \(ENOENT\)/)
    expect(() => parseEnv({ ...BASE, ...DKIM, DKIM_PRIVATE_KEY_FILE: notAKey })).toThrow(/does not hold a PEM private key/)
    expect(() => parseEnv({ ...BASE, ...DKIM, DKIM_DOMAIN: 'contoh.test' })).toThrow(/does not align with MAIL_FROM's domain latih\.bpvp-kendari\.go\.id/)
    expect(() => parseEnv({ ...BASE, ...DKIM, DKIM_SELECTOR: 'bad selector' })).toThrow(/DKIM_SELECTOR/)
    expect(() => parseEnv({ ...BASE, ...DKIM, LATIH_MODE: 'production', SMTP_URL: 'smtp://relay:587', LATIH_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://a.b', DKIM_PRIVATE_KEY_FILE: notAKey })).toThrow(
      /production start[\s\S]*DKIM_PRIVATE_KEY_FILE/,
    )
  })
  it('normalises PUBLIC_URL once and refuses one that is not a web address', () => {
    expect(parseEnv({ PUBLIC_URL: 'https://latih.bpvp-kendari.go.id//' }).PUBLIC_URL).toBe('https://latih.bpvp-kendari.go.id')
    expect(parseEnv({ PUBLIC_URL: 'https://bpvp-kendari.go.id/latih/' }).PUBLIC_URL).toBe('https://bpvp-kendari.go.id/latih')
    expect(() => parseEnv({ PUBLIC_URL: 'ftp://bpvp-kendari.go.id' })).toThrow(/http:\/\/ or https:\/\//)
    expect(() => parseEnv({ PUBLIC_URL: 'https://bpvp-kendari.go.id/?a=1' })).toThrow(/query/)
  })
})

describe('a DKIM-signed mail', async () => {
  const { db } = await createTestDatabase()
  let peer: Peer
  beforeAll(async () => {
    peer = await startPeer()
  })
  afterAll(async () => {
    await peer.stop()
  })

  it('verifies against the published key, transactional and announcement alike, and fails once altered', async () => {
    const config = parseEnv({ ...BASE, ...DKIM })
    const mailer = createMailer({ smtpUrl: peer.url, from: config.MAIL_FROM, db, dkim: dkimFromEnv(config), bulk: { ratePerSecond: 50, maxConnections: 1 } })
    const message = renderMail({
      to: 'wa.ode@contoh.test',
      subject: 'Hasil seleksi — Pengelasan SMAW',
      greeting: 'Halo Wa Ode,',
      paragraphs: ['Selamat! Anda dinyatakan LULUS seleksi.'],
      action: { label: 'Lihat di Aktivitas', url: 'https://latih.bpvp-kendari.go.id/aktivitas/1' },
    })
    await mailer.send(message, { category: 'transactional' })
    await mailer.send({ ...message, to: 'la.ode@contoh.test' }, { category: 'announcement' })
    mailer.close?.()
    expect(peer.received).toHaveLength(2)

    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === 'latih2026._domainkey.bpvp-kendari.go.id') return [[txtRecord]]
      throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' })
    }
    for (const { raw } of peer.received) {
      const result = await dkimVerify(raw, { resolver })
      expect(result.results).toHaveLength(1)
      expect(result.results[0]).toMatchObject({ signingDomain: 'bpvp-kendari.go.id', selector: 'latih2026', status: { result: 'pass', aligned: 'bpvp-kendari.go.id' } })
      expect(raw).toMatch(/^Auto-Submitted: auto-generated$/m)
      const altered = raw.replace('LULUS', 'GAGAL')
      const tampered = await dkimVerify(altered, { resolver })
      // mailauth answers a body-hash mismatch with 'neutral' ("body hash did not verify"), a bad signature with 'fail'.
      expect(tampered.results[0]?.status.result).not.toBe('pass')
    }
  })
})
