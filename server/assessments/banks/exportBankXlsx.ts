import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { institution } from '../../db/schema'
import { fieldsOfVersion } from './questionRules'
import { findBank, questionsWithCurrentVersion } from './store'
import { writeBankWorkbook } from './template'
import { parseInput } from './validate'

const Input = z.object({ bankId: z.uuid() })

/**
 * The bank's active questions (current versions) in the import template, so an export
 * can be edited and imported back. A bank without questions gives the empty template.
 */
export async function exportBankXlsx(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<Buffer> {
  const { bankId } = parseInput(Input, input)
  const bank = await findBank(ctx.db, bankId)
  authorize(ctx.actor, 'programme.manage', { institutionId: bank.institutionId })
  const [inst] = await ctx.db
    .select({ name: institution.name, timeZone: institution.timeZone })
    .from(institution)
    .where(eq(institution.id, bank.institutionId))
  const rows = (await questionsWithCurrentVersion(ctx.db, bank.id))
    .filter((r) => !r.question.archivedAt)
    .map((r) => fieldsOfVersion(r.question.code, r.version))
  return writeBankWorkbook(bank, rows, {
    institutionName: inst!.name,
    timeZone: inst!.timeZone,
    generatedAt: ctx.now,
    generatedBy: ctx.actor.kind === 'system' ? 'Latih' : ctx.actor.displayName,
    details: [['Soal aktif', String(rows.length)]],
  })
}

/** A download name such as 'bank-soal-UMUM.xlsx'. */
export function exportFileName(bankCode: string): string {
  return `bank-soal-${bankCode.replace(/[^A-Za-z0-9-]/g, '_')}.xlsx`
}
