import { barChartSvg } from '../documents/charts'
import { RECAP_SECTIONS, type Recap } from './getRecap'

export type RecapSectionKey = (typeof RECAP_SECTIONS)[number][0]

/** One server-drawn SVG chart per recap section (the day chart upright, the others lying). */
export async function recapCharts(recap: Recap): Promise<Record<RecapSectionKey, string>> {
  const out = {} as Record<RecapSectionKey, string>
  for (const [key] of RECAP_SECTIONS) {
    const rows = recap[key]
    out[key] = await barChartSvg(
      rows.map((r) => ({ label: r.label, value: r.count })),
      { valueTitle: 'Jumlah pendaftaran', orientation: key === 'byDay' ? 'vertical' : 'horizontal', width: key === 'byDay' ? 300 : 200 },
    )
  }
  return out
}
