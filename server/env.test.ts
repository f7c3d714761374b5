import { describe, expect, it } from 'vitest'
import { localMailboxEnabled, parseEnv } from './env'

// Issue 8 §1: the demo is not production. A production start seeds nothing, keeps no
// local mailbox, and refuses the demo's conveniences by name.
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://latih:rahasia@db.internal:5432/latih',
  LATIH_SECRET: 'a-long-production-secret-0123456789-abcdef',
  SMTP_URL: 'smtp://latih:sandi@mail.bpvp-kendari.go.id:587',
  PUBLIC_URL: 'https://latih.bpvp-kendari.go.id',
}

describe('modes', () => {
  it('a production start (NODE_ENV=production, SEED_DEMO unset) seeds nothing and has no local mailbox', () => {
    const env = parseEnv(PRODUCTION)
    expect(env.MODE).toBe('production')
    expect(env.SEED_DEMO).toBe(false)
    expect(localMailboxEnabled(env)).toBe(false)
    expect(parseEnv({ ...PRODUCTION, SEED_DEMO: 'false' })).toMatchObject({ MODE: 'production', SEED_DEMO: false })
    // Without SMTP it refuses to start (below), so the mailbox can never appear there.
    expect(localMailboxEnabled({ MODE: 'production', SMTP_URL: undefined })).toBe(false)
  })

  it('refuses demo seeding and every missing production setting, all named in one message', () => {
    expect(() => parseEnv({ ...PRODUCTION, LATIH_MODE: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: a production start seeds nothing/)
    let message = ''
    try {
      parseEnv({ NODE_ENV: 'production', DATABASE_URL: PRODUCTION.DATABASE_URL })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^Invalid configuration for a production start/)
    for (const name of ['SMTP_URL', 'LATIH_SECRET', 'PUBLIC_URL']) expect(message).toContain(`  - ${name}: required in production`)
    // On the embedded database too: production is decided by the mode, not the database.
    expect(() => parseEnv({ LATIH_MODE: 'production', PUBLIC_URL: PRODUCTION.PUBLIC_URL, LATIH_SECRET: PRODUCTION.LATIH_SECRET })).toThrow(
      /SMTP_URL: required in production/,
    )
  })

  it('npm start on a fresh clone is the demo: demo data and, without SMTP, the local mailbox', () => {
    const demo = parseEnv({ NODE_ENV: 'production', LATIH_MODE: 'demo' })
    expect(demo).toMatchObject({ MODE: 'demo', SEED_DEMO: true })
    expect(localMailboxEnabled(demo)).toBe(true)
    // The e2e suite's settings (NODE_ENV=production, SEED_DEMO=true, SMTP to a local peer) are a demo with SMTP.
    const e2e = parseEnv({ NODE_ENV: 'production', SEED_DEMO: 'true', SMTP_URL: 'smtp://127.0.0.1:2525' })
    expect(e2e).toMatchObject({ MODE: 'demo', SEED_DEMO: true })
    expect(localMailboxEnabled(e2e)).toBe(false)
  })

  it('development (npm run dev, tests) seeds the demo unless told not to', () => {
    expect(parseEnv({})).toMatchObject({ MODE: 'development', SEED_DEMO: true })
    expect(parseEnv({ SEED_DEMO: 'false' })).toMatchObject({ MODE: 'development', SEED_DEMO: false })
    expect(() => parseEnv({ LATIH_MODE: 'staging' })).toThrow(/LATIH_MODE/)
  })
})
