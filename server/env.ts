import { z } from 'zod'

// Parsed once at start-up; a bad value stops the process with a readable message.
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  /** Secret for NIK encryption, NIK look-up hashes and receipt signatures (≥ 32 chars). */
  LATIH_SECRET: z.string().min(32, 'LATIH_SECRET must be at least 32 characters').optional(),
  /** Public base URL used in e-mails and receipt QR codes. */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://user:pass@host:port')
    .optional(),
  MAIL_FROM: z.string().default('Latih BPVP Kendari <no-reply@latih.local>'),
  /**
   * 'demo' (npm start on a fresh clone: demo data, local mailbox) or 'production' (seeds
   * nothing, needs SMTP, LATIH_SECRET and PUBLIC_URL). Unset: development outside
   * NODE_ENV=production, else demo when SEED_DEMO=true and production otherwise.
   * See docs/decisions/013-demo-and-production.md.
   */
  LATIH_MODE: z.enum(['demo', 'production']).optional(),
  /** Seed the demo institution, staff and programmes. Only in the demo and development. */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  /**
   * Which reverse proxies to believe for the client's scheme, host and address
   * (X-Forwarded-Proto/-Host/-For): unset = none; a hop count ("1"); or addresses and
   * subnets ("127.0.0.1", "10.0.0.0/8", "loopback"), comma-separated. See server/http.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'TRUST_PROXY must be a hop count like 1, or addresses/subnets like 127.0.0.1,10.0.0.0/8')
    .optional(),
  JOB_WORKER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
})

export type LatihMode = 'development' | 'demo' | 'production'

export type Env = Omit<z.infer<typeof EnvSchema>, 'SEED_DEMO' | 'LATIH_MODE'> & {
  /** How this process runs; decides seeding, the local mailbox and what is required. */
  MODE: LatihMode
  SEED_DEMO: boolean
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const { LATIH_MODE, SEED_DEMO, ...rest } = result.data
  const mode: LatihMode =
    LATIH_MODE ?? (rest.NODE_ENV !== 'production' ? 'development' : SEED_DEMO === true ? 'demo' : 'production')
  const problems: string[] = []
  if (mode === 'production') {
    // Every demo-only convenience is refused by name, all at once, so one read of the
    // message is enough to fix the configuration.
    if (SEED_DEMO === true) {
      problems.push('SEED_DEMO: a production start seeds nothing; remove SEED_DEMO (or start the demo with LATIH_MODE=demo)')
    }
    if (!rest.SMTP_URL) {
      problems.push(
        'SMTP_URL: required in production, so verification and password mails reach people (smtp://user:pass@host:587); the local mailbox exists only in the demo',
      )
    }
    if (!rest.LATIH_SECRET) {
      problems.push('LATIH_SECRET: required in production (≥ 32 characters; keep a copy: stored NIKs cannot be read without it)')
    }
    if (!source.PUBLIC_URL) {
      problems.push('PUBLIC_URL: required in production, the address people open (e.g. https://latih.bpvp-kendari.go.id)')
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `Invalid configuration for a production start (LATIH_MODE=production; README "Running in production"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }
  return { ...rest, MODE: mode, SEED_DEMO: mode === 'production' ? false : (SEED_DEMO ?? true) }
}

/** The local mailbox (/dev/mail) exists only in development and the demo, and only without SMTP. */
export function localMailboxEnabled(config: Pick<Env, 'MODE' | 'SMTP_URL'>): boolean {
  return config.MODE !== 'production' && !config.SMTP_URL
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv()
  return cached
}

/** Replaces the parsed configuration (tests of mode-dependent behaviour); undefined re-reads process.env. */
export function setEnvForTests(source: Record<string, string | undefined> | undefined): void {
  cached = source === undefined ? undefined : parseEnv(source)
}
