import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { and, desc, eq, sql } from 'drizzle-orm'
import { SYSTEM } from '../auth/actor'
import { deploymentKeyIds } from '../auth/crypto'
import { confirmBankImport } from '../assessments/banks/confirmBankImport'
import { previewBankImport } from '../assessments/banks/previewBankImport'
import { createBackup, BackupError } from '../backup/backup'
import { restoreBackup } from '../backup/restore'
import type { UseCaseContext } from '../context'
import type { Database } from '../db/client'
import { institution, job, questionBank } from '../db/schema'
import { env } from '../env'
import { UseCaseError, ValidationError } from '../errors'
import { createInstitution } from '../institutions/createInstitution'
import { runDueJobs } from '../jobs/queue'
import { jobRegistry } from '../jobs/registry'
import { createMailer } from '../mail/transport'
import { DataDirInUse } from '../pgliteLock'
import { rotateKeys, RotationError } from '../keys/rotateKeys'
import { copyLocalFilesToDatabase } from '../storage'
import { inviteStaff } from '../staff/inviteStaff'
import { resetSecondFactor } from '../accounts/secondFactorReset'

// `npm run latih -- <command>`: provisioning and operations without the demo. Each
// command is a function over an opened database, so the tests run them on a test database.

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** Opens the deployment's database; `migrate` brings its schema up to date first. */
  open(options: { migrate: boolean }): Promise<Database>
  /** DATA_DIR/uploads. */
  uploadsDir(): string
  now(): Date
}

class UsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; required?: boolean; help: string; placeholder?: string }>

interface Command {
  summary: string
  usage: string
  options: OptionSpec
  /** Opens the database with migrations (provisioning) or as it is (backup, restore). */
  migrate: boolean
  run(io: CliIo, database: Database, values: Record<string, string | boolean | undefined>): Promise<number>
}

/** Use-case field names → the option that carries them, for messages at the right flag. */
const FIELD_OPTION: Record<string, string> = {
  code: '--code',
  name: '--name',
  timeZone: '--time-zone',
  address: '--address',
  email: '--email',
  displayName: '--name',
  roles: '--role',
}

const COMMANDS: Record<string, Command> = {
  'institution:create': {
    summary: 'Create a training institution (its code appears in registration numbers).',
    usage: 'institution:create --code KDI --name "BPVP Kendari" --time-zone Asia/Makassar [--address "…"]',
    migrate: true,
    options: {
      code: { type: 'string', required: true, help: '2–10 letters or digits, e.g. KDI' },
      name: { type: 'string', required: true, help: 'full name, e.g. "BPVP Kendari"' },
      'time-zone': { type: 'string', required: true, help: 'IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)' },
      address: { type: 'string', help: 'postal address shown on receipts' },
    },
    async run(io, database, v) {
      const row = await createInstitution(system(database, io), {
        code: String(v.code),
        name: String(v.name),
        timeZone: String(v['time-zone']),
        address: typeof v.address === 'string' ? v.address : undefined,
      })
      io.out(`Created institution ${row.code} (${row.name}), time zone ${row.timeZone}, id ${row.id}.`)
      io.out(`Next: npm run latih -- admin:create --institution ${row.code} --email … --name "…"`)
      return EXIT.ok
    },
  },
  'admin:create': {
    summary: "Create an institution's administrator, who sets a password through a one-time link.",
    usage: 'admin:create --institution KDI --email admin@example.go.id --name "Nama Lengkap"',
    migrate: true,
    options: {
      institution: { type: 'string', required: true, help: 'institution code, e.g. KDI' },
      email: { type: 'string', required: true, help: "the administrator's own e-mail address" },
      name: { type: 'string', required: true, help: 'their full name' },
    },
    async run(io, database, v) {
      const place = await institutionByCode(database, String(v.institution))
      const result = await inviteStaff(system(database, io), {
        institutionId: place.id,
        email: String(v.email),
        displayName: String(v.name),
        roles: ['administrator'],
      })
      io.out(`${result.created ? 'Created' : 'Gave'} administrator ${String(v.email).trim().toLowerCase()} of ${place.code} (${place.name}).`)
      if (!result.setPasswordLink) {
        io.out('The account already has a password; a mail tells them about the new role.')
        return EXIT.ok
      }
      io.out('One-time link to set the password (valid 7 days, works once; give it only to that person):')
      io.out(`  ${result.setPasswordLink}`)
      io.out(await deliverMail(io, database, String(v.email).trim().toLowerCase()))
      return EXIT.ok
    },
  },
  'bank:import': {
    summary: 'Import questions into a question bank from XLSX or CSV: shows the preview; --yes applies it.',
    usage: 'bank:import --institution KDI --bank TPA-UMUM --file bank.xlsx [--yes]',
    migrate: true,
    options: {
      institution: { type: 'string', required: true, help: 'institution code, e.g. KDI' },
      bank: { type: 'string', required: true, help: 'the bank code (create the bank in the app first: /admin/bank-soal)' },
      file: { type: 'string', required: true, help: 'the .xlsx or .csv file (the template is the bank export)' },
      yes: { type: 'boolean', help: 'apply the preview (without it nothing is changed)' },
    },
    async run(io, database, v) {
      const place = await institutionByCode(database, String(v.institution))
      const code = String(v.bank).trim().toUpperCase()
      const [bank] = await database.db
        .select({ id: questionBank.id, code: questionBank.code, title: questionBank.title })
        .from(questionBank)
        .where(and(eq(questionBank.institutionId, place.id), eq(questionBank.code, code)))
      if (!bank) {
        const codes = await database.db.select({ code: questionBank.code }).from(questionBank).where(eq(questionBank.institutionId, place.id))
        throw new UsageError(
          `No question bank ${code} in ${place.code}. Banks: ${codes.map((c) => c.code).join(', ') || '(none yet; create one at /admin/bank-soal/baru)'}.`,
        )
      }
      const file = resolve(String(v.file))
      const bytes = await readFile(file).catch(() => {
        throw new UsageError(`Cannot read ${file}.`)
      })
      const ctx = system(database, io)
      const preview = await previewBankImport(ctx, { bankId: bank.id, fileName: basename(file), bytes: new Uint8Array(bytes) })
      io.out(`${bank.code} (${bank.title}) from ${basename(file)}:`)
      io.out(`  ${preview.added.length} to add, ${preview.changed.length} to change, ${preview.unchanged} unchanged${preview.scales ? ', scales replaced' : ''}`)
      for (const a of preview.added.slice(0, 20)) io.out(`  + row ${a.row} ${a.code}: ${a.stem.slice(0, 70)}`)
      for (const c of preview.changed.slice(0, 20)) io.out(`  ~ row ${c.row} ${c.code}: ${c.fields.map((f) => f.column).join(', ')}`)
      if (preview.issues.length > 0 || !preview.previewId) {
        io.err(`Refused, nothing saved (${preview.issues.length} problems):`)
        for (const issue of preview.issues) io.err(`  ${issue.text}`)
        return EXIT.failed
      }
      if (!v.yes) {
        io.out('Nothing saved yet. Run again with --yes to apply this preview.')
        return EXIT.ok
      }
      const applied = await confirmBankImport(ctx, { bankId: bank.id, previewId: preview.previewId })
      io.out(`Applied: ${applied.created} added, ${applied.updated} updated, ${applied.unchanged} unchanged.`)
      return EXIT.ok
    },
  },
  backup: {
    summary: 'Write a backup (every table and every uploaded document) to one .tar.gz file.',
    usage: 'backup --out /var/backups/latih/latih-2026-12-01.tar.gz',
    migrate: false,
    options: { out: { type: 'string', required: true, help: 'the file to write (must not exist yet)' } },
    async run(io, database, v) {
      const manifest = await createBackup(database, { outFile: String(v.out), uploadsDir: io.uploadsDir(), now: io.now(), log: io.out })
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0)
      io.out(
        `Backup written to ${resolve(String(v.out))}: ${manifest.tables.length} tables, ${rows} rows, ${manifest.uploads.files} files (${(manifest.uploads.bytes / 1048576).toFixed(1)} MB).`,
      )
      if (manifest.missingFiles.length > 0) {
        io.err(`Warning: ${manifest.missingFiles.length} files the database refers to were not in ${io.uploadsDir()}: ${manifest.missingFiles.slice(0, 5).join(', ')}${manifest.missingFiles.length > 5 ? ', …' : ''}`)
      }
      io.out('Keep LATIH_SECRET safe separately: the backup holds NIKs encrypted with it, not the secret.')
      return EXIT.ok
    },
  },
  restore: {
    summary: 'Restore a backup into an empty database and data folder (stop the server first).',
    usage: 'restore --in latih-2026-12-01.tar.gz [--force]',
    migrate: false,
    options: {
      in: { type: 'string', required: true, help: 'the backup file' },
      force: { type: 'boolean', help: 'replace a database or uploads folder that is not empty, or accept another LATIH_SECRET' },
    },
    async run(io, database, v) {
      const result = await restoreBackup(database, { inFile: String(v.in), uploadsDir: io.uploadsDir(), force: v.force === true, log: io.out })
      const rows = result.tables.reduce((n, t) => n + t.rows, 0)
      io.out(`Restored ${rows} rows in ${result.tables.length} tables and ${result.files} files from the backup of ${result.manifest.createdAt}.`)
      return EXIT.ok
    },
  },
  'rotate-keys': {
    summary: 'Re-encrypt NIKs, other encrypted values and documents under LATIH_SECRET (old secrets in LATIH_SECRET_PREVIOUS).',
    usage: 'rotate-keys [--batch 500]',
    migrate: true,
    options: { batch: { type: 'string', help: 'rows per transaction (default 500)', placeholder: '500' } },
    async run(io, database, v) {
      const batch = v.batch === undefined ? 500 : Number(v.batch)
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new UsageError('--batch: a whole number from 1 to 10000.')
      const ids = deploymentKeyIds()
      io.out(`Current key ${ids.current}; previous keys: ${ids.all.slice(1).join(', ') || '(none: LATIH_SECRET_PREVIOUS is empty)'}.`)
      const result = await rotateKeys(database.db, { uploadsDir: io.uploadsDir(), now: io.now(), batchSize: batch, log: io.out })
      for (const c of result.columns) {
        io.out(`${c.column}: ${c.rotated} re-encrypted${c.unreadable.length > 0 ? `, ${c.unreadable.length} unreadable` : ''}.`)
        if (c.unreadable.length > 0) {
          io.err(`${c.column}: no key opens the rows ${c.unreadable.slice(0, 5).join(', ')}${c.unreadable.length > 5 ? ', …' : ''}; add their secret to LATIH_SECRET_PREVIOUS and run again.`)
        }
      }
      const f = result.files
      io.out(`Documents: ${f.encrypted} encrypted (were clear), ${f.reencrypted} re-encrypted, ${f.unchanged} already under the current key; ${f.modesFixed} file modes tightened.`)
      const unreadable = result.columns.reduce((n, c) => n + c.unreadable.length, 0)
      if (unreadable > 0) return EXIT.failed
      io.out('Done. Once every deployment runs with this LATIH_SECRET, the previous secrets can be removed from LATIH_SECRET_PREVIOUS (keep them with old backups).')
      return EXIT.ok
    },
  },
  'files:to-database': {
    summary: 'Copy the documents under DATA_DIR/uploads into PostgreSQL, before switching to FILE_STORAGE=database.',
    usage: 'files:to-database',
    migrate: true,
    options: {},
    async run(io, database) {
      const result = await copyLocalFilesToDatabase(io.uploadsDir(), database.db, io.out)
      io.out(`Documents: ${result.copied} copied into the database, ${result.present} were there already. Set FILE_STORAGE=database and restart; the files under ${io.uploadsDir()} can be removed once the documents open.`)
      return EXIT.ok
    },
  },
  'second-factor:reset': {
    summary: "Remove a staff member's two-step verification (lost phone and recovery codes); check who asks first.",
    usage: 'second-factor:reset --email panitia@example.go.id',
    migrate: true,
    options: { email: { type: 'string', required: true, help: 'the e-mail of the staff account' } },
    async run(io, database, v) {
      const result = await resetSecondFactor(system(database, io), { email: String(v.email) })
      io.out(
        result.hadSecondFactor
          ? `Two-step verification removed for ${String(v.email).trim().toLowerCase()}; their sessions ended. Where their institution requires it, they set it up again at the next sign-in.`
          : `${String(v.email).trim().toLowerCase()} had no two-step verification; their sessions ended.`,
      )
      return EXIT.ok
    },
  },
}

function system(database: Database, io: CliIo): UseCaseContext {
  return { db: database.db, actor: SYSTEM, now: io.now() }
}

async function institutionByCode(database: Database, raw: string) {
  const code = raw.trim().toUpperCase()
  const [row] = await database.db.select().from(institution).where(eq(institution.code, code))
  if (row) return row
  const all = await database.db.select({ code: institution.code }).from(institution)
  throw new UsageError(
    `No institution ${code}. Institutions: ${all.map((i) => i.code).join(', ') || '(none yet; create one with institution:create)'}.`,
  )
}

/**
 * Deliver the mail just queued when SMTP is configured (on PGlite the server is stopped
 * while this runs, so no worker would send it until the next start).
 */
async function deliverMail(io: CliIo, database: Database, to: string): Promise<string> {
  const config = env()
  if (!config.SMTP_URL) return 'No SMTP_URL: the mail is kept in the local mailbox (/dev/mail, administrators only).'
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, db: database.db })
  await runDueJobs({ db: database.db, mailer, now: () => io.now() }, jobRegistry, 20)
  const [sent] = await database.db
    .select({ status: job.status, lastError: job.lastError })
    .from(job)
    .where(and(eq(job.name, 'mail.send'), sql`${job.payload}->>'to' = ${to}`))
    .orderBy(desc(job.id))
    .limit(1)
  if (sent?.status === 'done') return `Sent by mail to ${to}.`
  return `The mail to ${to} is queued (${sent?.lastError ? `last error: ${sent.lastError}` : 'not sent yet'}); the server's job worker retries it.`
}

function helpText(): string {
  const lines = [
    'Latih command-line tool: npm run latih -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(20)} ${c.summary}`),
    '',
    'Global option: --env-file <path>  read settings from this file first (e.g. /etc/latih/latih.env)',
    'Settings come from the environment, as for the server (DATABASE_URL or DATA_DIR, LATIH_SECRET, LATIH_SECRET_PREVIOUS, PUBLIC_URL, SMTP_URL).',
    'Exit codes: 0 done, 1 refused or failed, 2 wrong command line.',
    'Help for one command: npm run latih -- <command> --help',
  ]
  return lines.join('\n')
}

function commandHelp(name: string, c: Command): string {
  return [
    `npm run latih -- ${c.usage}`,
    '',
    c.summary,
    '',
    'Options:',
    ...Object.entries(c.options).map(([o, s]) => `  --${o.padEnd(12)} ${s.help}${s.required ? ' (required)' : ''}`),
  ].join('\n')
}

/** Run one command line (without the leading `node …`); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText())
    return name ? EXIT.ok : EXIT.usage
  }
  const command = COMMANDS[name]
  if (!command) {
    io.err(`Unknown command '${name}'.\n\n${helpText()}`)
    return EXIT.usage
  }
  let values: Record<string, string | boolean | undefined>
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...Object.fromEntries(Object.entries(command.options).map(([o, s]) => [o, { type: s.type }])), help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    })
    values = parsed.values as Record<string, string | boolean | undefined>
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${commandHelp(name, command)}`)
    return EXIT.usage
  }
  if (values.help) {
    io.out(commandHelp(name, command))
    return EXIT.ok
  }
  const missing = Object.entries(command.options).filter(([o, s]) => s.required && (values[o] === undefined || values[o] === ''))
  if (missing.length > 0) {
    io.err(`Missing ${missing.map(([o]) => `--${o}`).join(', ')}.\n\n${commandHelp(name, command)}`)
    return EXIT.usage
  }

  let database: Database | undefined
  try {
    database = await io.open({ migrate: command.migrate })
    return await command.run(io, database, values)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message)
      return EXIT.usage
    }
    if (error instanceof ValidationError) {
      for (const [field, messages] of Object.entries(error.fieldErrors)) {
        const option = FIELD_OPTION[field.split('.')[0]!] ?? field
        for (const m of messages) io.err(option ? `${option}: ${m}` : m)
      }
      return EXIT.usage
    }
    if (error instanceof UseCaseError || error instanceof BackupError || error instanceof DataDirInUse || error instanceof RotationError) {
      const fields = error instanceof UseCaseError ? Object.entries(error.fieldErrors) : []
      if (fields.length > 0) for (const [field, messages] of fields) for (const m of messages) io.err(`${FIELD_OPTION[field] ?? field}: ${m}`)
      else io.err(error.message)
      return EXIT.failed
    }
    throw error
  } finally {
    await database?.close()
  }
}
