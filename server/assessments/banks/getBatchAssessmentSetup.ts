import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { authorize } from '../../auth/permissions'
import type { UseCaseContext } from '../../context'
import { assessmentAttempt, batch, batchAssessment, programme, questionBank } from '../../db/schema'
import { NotFoundError } from '../../errors'
import { ASSESSMENT_KINDS } from './configureBatchAssessments'
import type { AssessmentKind } from './options'
import { activeCounts } from './store'
import { parseInput } from './validate'

const Input = z.object({ batchId: z.uuid() })

export interface KindSetup {
  kind: AssessmentKind
  banks: Array<{ id: string; code: string; title: string; vocationalField: string | null; activeCount: number }>
  /** The saved configuration, or null when the batch has none for this kind yet. */
  saved: { sources: Array<{ bankId: string; count: number }>; timeLimitMinutes: number | null; passMark: number | null } | null
}

/** What the batch assessment configuration page needs: the batch, the banks per kind, what is saved. */
export async function getBatchAssessmentSetup(ctx: UseCaseContext, input: z.input<typeof Input>) {
  const { batchId } = parseInput(Input, input)
  const [found] = await ctx.db
    .select({ batch, programme })
    .from(batch)
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .where(eq(batch.id, batchId))
  if (!found) throw new NotFoundError('Gelombang tidak ditemukan.')
  authorize(ctx.actor, 'programme.manage', { institutionId: found.batch.institutionId })

  const banks = await ctx.db
    .select()
    .from(questionBank)
    .where(and(eq(questionBank.institutionId, found.batch.institutionId), isNull(questionBank.archivedAt)))
    .orderBy(asc(questionBank.code))
  const counts = await activeCounts(
    ctx.db,
    banks.map((b) => b.id),
  )
  const saved = await ctx.db.select().from(batchAssessment).where(eq(batchAssessment.batchId, batchId))
  const [attempts] = (await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessmentAttempt)
    .where(eq(assessmentAttempt.batchId, batchId))) as [{ n: number }]

  const kinds: KindSetup[] = ASSESSMENT_KINDS.map((kind) => {
    const row = saved.find((s) => s.kind === kind)
    return {
      kind,
      banks: banks
        .filter((b) => b.kind === kind)
        .map((b) => ({
          id: b.id,
          code: b.code,
          title: b.title,
          vocationalField: b.vocationalField,
          activeCount: counts.get(b.id) ?? 0,
        })),
      saved: row ? { sources: row.sources, timeLimitMinutes: row.timeLimitMinutes, passMark: row.passMark } : null,
    }
  })
  return {
    batch: {
      id: found.batch.id,
      year: found.batch.year,
      number: found.batch.number,
      assessmentDeadline: found.batch.assessmentDeadline,
      programmeId: found.programme.id,
      programmeName: found.programme.name,
      programmeCode: found.programme.code,
      vocationalField: found.programme.vocationalField,
    },
    kinds,
    attemptsStarted: Number(attempts.n),
  }
}
