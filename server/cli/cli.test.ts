import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { resetPassword } from '../accounts/resetPassword'
import { signIn } from '../accounts/signIn'
import { SYSTEM } from '../auth/actor'
import { loadActor } from '../auth/sessions'
import { createBank } from '../assessments/banks/createBank'
import { mcRow, workbookBytes } from '../assessments/banks/testSupport'
import type { Database } from '../db/client'
import { auditEvent, institution, question, userAccount } from '../db/schema'
import { listStaff } from '../staff/listStaff'
import { EXIT, runCli, type CliIo } from './commands'

const NOW = new Date('2026-12-01T01:00:00Z')
const PASSWORD = 'Anoa-Berlari-Cepat-5'

describe('npm run latih', async () => {
  const database = await createTestDatabase()
  const work = mkdtempSync(join(tmpdir(), 'latih-cli-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  function ioFor(db: Database, uploads = join(work, 'uploads')) {
    const out: string[] = []
    const err: string[] = []
    const io: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => NOW,
      uploadsDir: () => uploads,
      // The test owns the database: the command must not close it.
      open: async () => ({ ...db, close: async () => undefined }),
    }
    return { io, out, err, text: () => out.join('\n'), errors: () => err.join('\n') }
  }
  const run = async (argv: string[], db: Database = database) => {
    const t = ioFor(db)
    const code = await runCli(argv, t.io)
    return { code, out: t.text(), err: t.errors() }
  }

  it('explains itself, and refuses an unknown command or a missing option with exit code 2', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(EXIT.ok)
    for (const c of ['institution:create', 'admin:create', 'bank:import', 'backup', 'restore']) expect(help.out).toContain(c)
    expect((await run([])).code).toBe(EXIT.usage)
    const one = await run(['admin:create', '--help'])
    expect(one).toMatchObject({ code: EXIT.ok })
    expect(one.out).toContain('--institution')
    const unknown = await run(['institution:delete'])
    expect(unknown.code).toBe(EXIT.usage)
    expect(unknown.err).toContain("Unknown command 'institution:delete'")
    const missing = await run(['institution:create', '--code', 'KDI'])
    expect(missing.code).toBe(EXIT.usage)
    expect(missing.err).toContain('Missing --name, --time-zone')
    const extra = await run(['backup', '--out', 'x.tar.gz', '--verbose'])
    expect(extra.code).toBe(EXIT.usage)
    expect(extra.err).toMatch(/Unknown option '--verbose'/)
  })

  it('institution:create makes an institution, and refuses a taken code or an unknown time zone at its option', async () => {
    const made = await run(['institution:create', '--code', 'kdi', '--name', 'BPVP Kendari', '--time-zone', 'Asia/Makassar', '--address', 'Jl. Brigjen Z.A. Sugianto No. 193'])
    expect(made.code).toBe(EXIT.ok)
    expect(made.out).toContain('Created institution KDI (BPVP Kendari), time zone Asia/Makassar')
    const [row] = await database.db.select().from(institution).where(eq(institution.code, 'KDI'))
    expect(row).toMatchObject({ name: 'BPVP Kendari', timeZone: 'Asia/Makassar', address: 'Jl. Brigjen Z.A. Sugianto No. 193' })
    expect(await database.db.select().from(auditEvent).where(eq(auditEvent.action, 'institution.create'))).toHaveLength(1)

    const again = await run(['institution:create', '--code', 'KDI', '--name', 'Lagi', '--time-zone', 'Asia/Makassar'])
    expect(again).toMatchObject({ code: EXIT.failed })
    expect(again.err).toContain('--code: Kode lembaga ini sudah dipakai lembaga lain.')
    const zone = await run(['institution:create', '--code', 'KPG', '--name', 'BPVP Kupang', '--time-zone', 'WITA'])
    expect(zone.code).toBe(EXIT.usage)
    expect(zone.err).toMatch(/^--time-zone: Zona waktu tidak dikenal/)
    const code = await run(['institution:create', '--code', 'K-1', '--name', 'X', '--time-zone', 'Asia/Jakarta'])
    expect(code.err).toMatch(/^--code: Kode lembaga 2–10 huruf/)
  })

  it('admin:create prints a one-time link from PUBLIC_URL with which the administrator sets a password and signs in', async () => {
    const made = await run(['admin:create', '--institution', 'KDI', '--email', 'Kepala.TI@BPVP-Kendari.go.id', '--name', 'Wa Ode Sari'])
    expect(made.code).toBe(EXIT.ok)
    const link = /(https?:\/\/\S+\/atur-sandi\?token=([\w-]+))/.exec(made.out)
    expect(link?.[1]!.startsWith(`${process.env.PUBLIC_URL}/atur-sandi?token=`)).toBe(true)
    expect(made.out).toContain('No SMTP_URL: the mail is kept in the local mailbox')
    await resetPassword(contextFor(database, SYSTEM, NOW), { token: link![2]!, password: PASSWORD, passwordConfirm: PASSWORD })
    const signedIn = await signIn(contextFor(database, SYSTEM, NOW), { identifier: 'kepala.ti@bpvp-kendari.go.id', password: PASSWORD })
    const [account] = await database.db.select().from(userAccount).where(eq(userAccount.id, signedIn.userId))
    const admin = await loadActor(database.db, { userId: account!.id, kind: 'staff', email: account!.email, displayName: account!.displayName })
    const [kdi] = await database.db.select().from(institution).where(eq(institution.code, 'KDI'))
    // The new administrator manages the institution's staff from the app.
    expect((await listStaff(contextFor(database, admin, NOW), { institutionId: kdi!.id })).map((m) => m.roles)).toEqual([['administrator']])

    const unknown = await run(['admin:create', '--institution', 'XYZ', '--email', 'a@b.test', '--name', 'A'])
    expect(unknown).toMatchObject({ code: EXIT.usage })
    expect(unknown.err).toContain('No institution XYZ. Institutions: KDI.')
    const bad = await run(['admin:create', '--institution', 'KDI', '--email', 'bukan-email', '--name', 'A'])
    expect(bad.code).toBe(EXIT.usage)
    expect(bad.err).toContain('--email: Alamat e-mail tidak valid.')
    const twice = await run(['admin:create', '--institution', 'KDI', '--email', 'kepala.ti@bpvp-kendari.go.id', '--name', 'Wa Ode Sari'])
    expect(twice.code).toBe(EXIT.failed)
    expect(twice.err).toContain('--email: Orang ini sudah menjadi staf lembaga ini.')
  })

  it('bank:import previews a file, and applies it only with --yes', async () => {
    const [kdi] = await database.db.select().from(institution).where(eq(institution.code, 'KDI'))
    const { bankId } = await createBank(contextFor(database, SYSTEM, NOW), { institutionId: kdi!.id, kind: 'written_test', code: 'TPA', title: 'Tes Potensi Akademik' })
    const file = join(work, 'tpa.xlsx')
    writeFileSync(file, await workbookBytes([mcRow('TPA-01', 'Berapa 1 + 1?'), mcRow('TPA-02', 'Berapa 2 + 2?', 'D')]))
    const preview = await run(['bank:import', '--institution', 'KDI', '--bank', 'tpa', '--file', file])
    expect(preview.code).toBe(EXIT.ok)
    expect(preview.out).toContain('2 to add, 0 to change, 0 unchanged')
    expect(preview.out).toContain('Run again with --yes')
    expect(await database.db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(0)
    const applied = await run(['bank:import', '--institution', 'KDI', '--bank', 'TPA', '--file', file, '--yes'])
    expect(applied.out).toContain('Applied: 2 added, 0 updated, 0 unchanged.')
    expect(await database.db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(2)

    const wrong = join(work, 'wrong.xlsx')
    writeFileSync(wrong, await workbookBytes([{ kode: 'TPA-03', tipe: 'pilihan_ganda', pertanyaan: 'Tanpa kunci', opsi_a: 'a', opsi_b: 'b' }]))
    const refused = await run(['bank:import', '--institution', 'KDI', '--bank', 'TPA', '--file', wrong, '--yes'])
    expect(refused.code).toBe(EXIT.failed)
    expect(refused.err).toMatch(/Refused, nothing saved \(\d+ problems\)/)
    expect(await database.db.select().from(question).where(eq(question.bankId, bankId))).toHaveLength(2)
    const noBank = await run(['bank:import', '--institution', 'KDI', '--bank', 'LAIN', '--file', file])
    expect(noBank).toMatchObject({ code: EXIT.usage })
    expect(noBank.err).toContain('No question bank LAIN in KDI. Banks: TPA.')
  })

  it('backup writes one file; restore puts it into an empty database and refuses a filled one', async () => {
    const file = join(work, 'latih.tar.gz')
    const backup = await run(['backup', '--out', file])
    expect(backup.code).toBe(EXIT.ok)
    expect(backup.out).toMatch(/Backup written to .*latih\.tar\.gz: \d+ tables, \d+ rows, 0 files/)
    expect((await run(['backup', '--out', file])).code).toBe(EXIT.failed)

    const fresh = await createTestDatabase()
    const t = ioFor(fresh, join(work, 'restored-uploads'))
    expect(await runCli(['restore', '--in', file], t.io)).toBe(EXIT.ok)
    expect(t.text()).toMatch(/Restored \d+ rows in \d+ tables and 0 files/)
    expect(await fresh.db.select({ code: institution.code }).from(institution)).toEqual([{ code: 'KDI' }])
    const again = ioFor(fresh, join(work, 'restored-uploads'))
    expect(await runCli(['restore', '--in', file], again.io)).toBe(EXIT.failed)
    expect(again.errors()).toContain('The database is not empty')
    expect((await run(['restore', '--in', join(work, 'missing.tar.gz')])).code).toBe(EXIT.failed)
  })
})
