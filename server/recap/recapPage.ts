import type { UseCaseContext } from '../context'
import { getBatchRecap, getInstitutionRecap, RECAP_SECTIONS, type Recap } from './getRecap'
import { recapCharts } from './recapCharts'

/** What the recap page shows: the recap and each section's chart as inline SVG. */
export async function getRecapPage(ctx: UseCaseContext, input: { batchId?: unknown; year?: unknown }) {
  const recap: Recap = input.batchId !== undefined ? await getBatchRecap(ctx, { batchId: input.batchId }) : await getInstitutionRecap(ctx, { year: input.year })
  const charts = await recapCharts(recap)
  return {
    recap,
    sections: RECAP_SECTIONS.map(([key, title]) => ({ key, title, rows: recap[key], svg: responsive(charts[key]) })),
  }
}

export type RecapPage = Awaited<ReturnType<typeof getRecapPage>>

/** The chart shrinks to a phone's width (vega's SVG has a viewBox; height follows). */
function responsive(svg: string): string {
  return svg.replace(/^<svg /, '<svg style="max-width:100%;height:auto" focusable="false" ')
}
