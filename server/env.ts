import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
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
  /**
   * Older secrets still read after a rotation (comma-separated, newest first; decision 021):
   * values and documents encrypted under them open, receipts signed with them verify, until
   * `npm run latih -- rotate-keys` has moved everything to LATIH_SECRET.
   */
  LATIH_SECRET_PREVIOUS: z
    .string()
    .refine(
      (v) => v.split(',').every((s) => s.trim() === '' || s.trim().length >= 32),
      'LATIH_SECRET_PREVIOUS must list secrets of at least 32 characters, separated by commas',
    )
    .optional(),
  /**
   * Public base URL used in e-mails, PDFs and receipt QR codes. Normalised here, once:
   * no trailing slash (links are built by server/links.ts).
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((v) => /^https?:$/.test(new URL(v).protocol), 'PUBLIC_URL must start with http:// or https://')
    .refine((v) => !new URL(v).search && !new URL(v).hash, 'PUBLIC_URL must not carry a query (?…) or fragment (#…)')
    .transform((v) => v.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://user:pass@host:port')
    .optional(),
  MAIL_FROM: z.string().default('Latih BPVP Kendari <no-reply@latih.local>'),
  /**
   * DKIM signing (optional; all three or none): the signing domain (d=, aligned with
   * MAIL_FROM's domain for DMARC), the selector (s=; the DNS record is
   * <selector>._domainkey.<domain>) and a PEM private key file. See README "Mail delivery".
   */
  DKIM_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'DKIM_DOMAIN must be a domain name like bpvp-kendari.go.id')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'DKIM_SELECTOR must be a DNS label like latih2026')
    .optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().trim().min(1).optional(),
  /** Announcement (bulk) mail per second, across the bulk worker; transactional mail is not paced. */
  MAIL_BULK_RATE: z.coerce.number().positive().max(1000).default(5),
  /** SMTP connections the bulk pool keeps open to the relay. */
  MAIL_BULK_CONNECTIONS: z.coerce.number().int().min(1).max(20).default(2),
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
   * How long the production server serves an anonymous public page (home, catalogue, batch,
   * results) rendered once; 0 turns the cache off. Also the longest another app process
   * shows a page changed elsewhere (decision 025).
   */
  PUBLIC_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
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
  /**
   * Self sign-ups allowed per client address per hour (decision 018). Raise it for a
   * sign-up event where a whole lab shares one address; the kiosk is not counted.
   */
  SIGN_UPS_PER_ADDRESS_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  JOB_WORKER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Where uploaded documents are kept (decision 026): 'local' (DATA_DIR/uploads, one
   * machine; the default) or 'database' (the stored_file table, shared by every app
   * process on the same PostgreSQL). Encrypted the same way in both.
   */
  FILE_STORAGE: z.enum(['local', 'database']).default('local'),
  /**
   * Set by server/http/start.mjs for each process it forks under LATIH_PROCESSES (0, 1, …;
   * a restarted process keeps its number). Announcement mail is paced in process 0 only.
   */
  LATIH_WORKER_INDEX: z.coerce.number().int().min(0).optional(),
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
  const problems: string[] = dkimProblems(rest)
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
  if (problems.length > 0 && mode !== 'production') {
    throw new Error(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  if (problems.length > 0) {
    throw new Error(
      `Invalid configuration for a production start (LATIH_MODE=production; README "Running in production"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }
  return { ...rest, MODE: mode, SEED_DEMO: mode === 'production' ? false : (SEED_DEMO ?? true) }
}

/**
 * DKIM is all or nothing, and checked at start: the key file must exist and hold a
 * private key, and the signing domain must align with MAIL_FROM's (else DMARC fails).
 */
function dkimProblems(config: {
  DKIM_DOMAIN?: string
  DKIM_SELECTOR?: string
  DKIM_PRIVATE_KEY_FILE?: string
  MAIL_FROM: string
}): string[] {
  const set = [config.DKIM_DOMAIN, config.DKIM_SELECTOR, config.DKIM_PRIVATE_KEY_FILE].filter((v) => v !== undefined)
  if (set.length === 0) return []
  if (set.length < 3) {
    return ['DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE: set all three to sign mail with DKIM, or none']
  }
  const problems: string[] = []
  try {
    const key = createPrivateKey(readFileSync(config.DKIM_PRIVATE_KEY_FILE!, 'utf8'))
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') {
      problems.push(`DKIM_PRIVATE_KEY_FILE: an RSA or Ed25519 key is needed, not ${key.asymmetricKeyType}`)
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    problems.push(
      code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR'
        ? `DKIM_PRIVATE_KEY_FILE: cannot read ${config.DKIM_PRIVATE_KEY_FILE} (${code})`
        : `DKIM_PRIVATE_KEY_FILE: ${config.DKIM_PRIVATE_KEY_FILE} does not hold a PEM private key`,
    )
  }
  const fromDomain = mailFromDomain(config.MAIL_FROM)
  const d = config.DKIM_DOMAIN!
  if (fromDomain && !(fromDomain === d || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`))) {
    problems.push(`DKIM_DOMAIN: ${d} does not align with MAIL_FROM's domain ${fromDomain}; DMARC would fail`)
  }
  return problems
}

/** The domain of MAIL_FROM's address ("Name <a@b.c>" or "a@b.c"), lower-cased. */
export function mailFromDomain(from: string): string | undefined {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from
  const at = address.lastIndexOf('@')
  return at < 0 ? undefined : address.slice(at + 1).trim().toLowerCase()
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
