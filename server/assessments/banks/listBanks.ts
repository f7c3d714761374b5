import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { institution, programme, question, questionBank } from '../../db/schema'
import { NotFoundError } from '../../errors'
import type { AssessmentKind } from './options'
import { parseInput } from './validate'

const Input = z.object({ institutionId: z.uuid() })

export interface BankSummary {
  id: string
  kind: AssessmentKind
  code: string
  title: string
  vocationalField: string | null
  scaleCount: number
  activeCount: number
  archivedCount: number
}

/** The institution's question banks with their question counts, by kind then code. */
export async function listBanks(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { institutionId } = parseInput(Input, input)
  authorize(ctx.actor, 'programme.manage', { institutionId })
  const [inst] = await ctx.db
    .select({ id: institution.id, name: institution.name })
    .from(institution)
    .where(eq(institution.id, institutionId))
  if (!inst) throw new NotFoundError('Lembaga tidak ditemukan.')
  const rows = await ctx.db
    .select({
      bank: questionBank,
      active: sql<number>`count(${question.id}) filter (where ${question.archivedAt} is null)::int`,
      archived: sql<number>`count(${question.id}) filter (where ${question.archivedAt} is not null)::int`,
    })
    .from(questionBank)
    .leftJoin(question, eq(question.bankId, questionBank.id))
    .where(and(eq(questionBank.institutionId, institutionId), isNull(questionBank.archivedAt)))
    .groupBy(questionBank.id)
    .orderBy(asc(questionBank.kind), asc(questionBank.code))
  const banks: BankSummary[] = rows.map((r) => ({
    id: r.bank.id,
    kind: r.bank.kind,
    code: r.bank.code,
    title: r.bank.title,
    vocationalField: r.bank.vocationalField,
    scaleCount: r.bank.scales.length,
    activeCount: Number(r.active),
    archivedCount: Number(r.archived),
  }))
  return { institution: inst, banks, vocationalFields: await vocationalFieldsOf(ctx, institutionId) }
}

/** The vocational fields of the institution's programmes, offered as suggestions. */
export async function vocationalFieldsOf(ctx: UseCaseContext, institutionId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectDistinct({ field: programme.vocationalField })
    .from(programme)
    .where(eq(programme.institutionId, institutionId))
    .orderBy(asc(programme.vocationalField))
  return rows.map((r) => r.field)
}
