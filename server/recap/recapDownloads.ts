import { actorName } from '../plenary/access'
import type { UseCaseContext } from '../context'
import { renderRecapPdf } from '../documents/recapPdf'
import { getBatchRecap, getInstitutionRecap } from './getRecap'
import { recapCharts } from './recapCharts'
import { recapFileName, writeRecapXlsx } from './recapXlsx'

// The recap's downloads: the same counts as the page, as XLSX (through the writer) and PDF.

type Scope = { batchId: unknown } | { year: unknown }

const load = (ctx: UseCaseContext, scope: Scope) =>
  'batchId' in scope ? getBatchRecap(ctx, { batchId: scope.batchId }) : getInstitutionRecap(ctx, { year: scope.year })

export async function openRecapXlsx(ctx: UseCaseContext, scope: Scope) {
  const recap = await load(ctx, scope)
  return { filename: recapFileName(recap, 'xlsx'), write: (out: NodeJS.WritableStream) => writeRecapXlsx(ctx, recap, out) }
}

export async function recapPdf(ctx: UseCaseContext, scope: Scope): Promise<{ filename: string; pdf: Buffer }> {
  const recap = await load(ctx, scope)
  const pdf = await renderRecapPdf(recap, await recapCharts(recap), actorName(ctx))
  return { filename: recapFileName(recap, 'pdf'), pdf }
}
