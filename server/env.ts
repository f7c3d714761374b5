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
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  JOB_WORKER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
})

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const env = result.data
  if (env.NODE_ENV === 'production' && !env.LATIH_SECRET && env.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  - LATIH_SECRET: required in production with PostgreSQL')
  }
  return env
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv()
  return cached
}
