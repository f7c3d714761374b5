import * as vega from 'vega'
import * as vegaLite from 'vega-lite'

// The one chart helper: vega-lite specs compiled and rendered to SVG on the server
// (renderer 'none': no browser, no canvas). The SVG goes inline into pages — readable
// with JavaScript off — and into pdfmake's `svg` node. Numbers in the Indonesian way.

export interface ChartDatum {
  label: string
  value: number
}

const ID_LOCALE = {
  number: { decimal: ',', thousands: '.', grouping: [3], currency: ['Rp', ''] as [string, string] },
}

const BLUE = '#0b5cad'

export interface BarChartOptions {
  /** Axis title of the counts. */
  valueTitle: string
  /** 'horizontal' (categories down the side, for long labels) or 'vertical' (days along the bottom). */
  orientation?: 'horizontal' | 'vertical'
  width?: number
}

/** A bar chart of counts as an SVG string, in the given order. */
export async function barChartSvg(data: ChartDatum[], options: BarChartOptions): Promise<string> {
  const horizontal = (options.orientation ?? 'horizontal') === 'horizontal'
  const category = { field: 'label', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 240, labelAngle: horizontal ? 0 : -60 } }
  const value = {
    field: 'value',
    type: 'quantitative' as const,
    title: options.valueTitle,
    axis: { format: ',d', tickMinStep: 1 },
    scale: { domainMin: 0 },
  }
  const spec: vegaLite.TopLevelSpec = {
    width: options.width ?? 300,
    ...(horizontal ? { height: { step: 22 } } : { height: 160 }),
    background: 'white',
    data: { values: data.map((d) => ({ label: d.label, value: d.value })) },
    layer: [
      { mark: { type: 'bar', color: BLUE } },
      {
        mark: horizontal ? { type: 'text', align: 'left', dx: 3, color: '#1a1a1a' } : { type: 'text', dy: -6, color: '#1a1a1a' },
        encoding: { text: { field: 'value', type: 'quantitative', format: ',d' } },
      },
    ],
    encoding: horizontal ? { y: category, x: value } : { x: category, y: value },
    config: { font: 'Roboto, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 11 }, view: { stroke: null } },
  }
  return render(spec)
}

async function render(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', locale: ID_LOCALE } as unknown as vega.ViewOptions)
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}
