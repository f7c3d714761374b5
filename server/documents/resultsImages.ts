import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'
import satori from 'satori'
// archiver 8 ships no type declarations; the little of it used here is typed below.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- untyped ESM package (another module may declare it; either way this compiles)
import { ZipArchive as UntypedZipArchive } from 'archiver'

// The announcement as Instagram pages (SOP step 9: "media sosial resmi"): 1080×1350 PNG
// (4:5 portrait, Instagram's tallest feed format), drawn on the server with satori
// (layout and text to SVG paths) and resvg (SVG to PNG). The bundled Noto Sans (latin)
// draws the text; its latin-ext subset is the fallback for names with other letters.

export const PAGE_WIDTH = 1080
export const PAGE_HEIGHT = 1350
/** Names per page: large enough to read on a phone in the feed. */
export const ROWS_PER_PAGE = 14

export interface ResultsImageInput {
  institutionName: string
  programmeName: string
  batchLabel: string
  passed: Array<{ number: string; name: string }>
  reserves: Array<{ number: string; name: string; place: number }>
  /** Printed at the foot of each page, e.g. the public lookup address. */
  lookupUrl: string
}

export interface ResultsImagePage {
  fileName: string
  png: Buffer
}

const require = createRequire(import.meta.url)
type FontSpec = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }
let fonts: FontSpec[] | undefined

function loadFonts(): FontSpec[] {
  if (fonts) return fonts
  const file = (subset: string, weight: 400 | 700) =>
    readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`))
  fonts = [
    { name: 'Noto Sans', data: file('latin', 400), weight: 400, style: 'normal' },
    { name: 'Noto Sans', data: file('latin', 700), weight: 700, style: 'normal' },
    // Fallback glyphs (ā, ś, ŋ …) for names: satori looks a missing glyph up in the next font.
    { name: 'Noto Sans Ext', data: file('latin-ext', 400), weight: 400, style: 'normal' },
    { name: 'Noto Sans Ext', data: file('latin-ext', 700), weight: 700, style: 'normal' },
  ]
  return fonts
}

// satori takes React-like element objects; built by hand so this module needs no JSX.
type Node = { type: string; props: { style?: Record<string, unknown>; children?: Node | Node[] | string } }
const el = (type: string, style: Record<string, unknown>, children?: Node | Node[] | string): Node => ({
  type,
  props: { style: { display: 'flex', boxSizing: 'border-box', ...style }, children },
})

const BLUE = '#0b5cad'
const INK = '#1a1a1a'
const GREY = '#4a5360'

interface PagePlan {
  section: 'passed' | 'reserve'
  rows: Array<{ index: string; number: string; name: string }>
  part: number
  parts: number
}

export function planPages(input: Pick<ResultsImageInput, 'passed' | 'reserves'>): PagePlan[] {
  const pages: PagePlan[] = []
  const add = (section: PagePlan['section'], rows: PagePlan['rows']) => {
    const parts = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE))
    for (let p = 0; p < parts; p++) pages.push({ section, rows: rows.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE), part: p + 1, parts })
  }
  add('passed', input.passed.map((c, i) => ({ index: String(i + 1), number: c.number, name: c.name })))
  if (input.reserves.length > 0) add('reserve', input.reserves.map((c) => ({ index: String(c.place), number: c.number, name: c.name })))
  return pages
}

function pageTree(input: ResultsImageInput, page: PagePlan, pageNo: number, pageCount: number): Node {
  const title = page.section === 'passed' ? 'LULUS SELEKSI' : 'CALON CADANGAN (BERURUTAN)'
  const part = page.parts > 1 ? ` · bagian ${page.part}/${page.parts}` : ''
  const rows =
    page.rows.length === 0
      ? [el('div', { fontSize: 34, color: GREY, padding: '24px 0' }, 'Tidak ada.')]
      : page.rows.map((r, i) =>
          el(
            'div',
            {
              alignItems: 'center',
              height: 58,
              padding: '0 24px',
              background: i % 2 === 0 ? '#eef4fb' : '#ffffff',
              fontSize: 32,
              color: INK,
            },
            [
              el('div', { width: 80, fontWeight: 700, color: BLUE }, `${r.index}.`),
              el('div', { width: 420, fontWeight: 700 }, r.number),
              el('div', { flex: 1 }, r.name),
            ],
          ),
        )
  return el('div', { width: PAGE_WIDTH, height: PAGE_HEIGHT, flexDirection: 'column', background: '#ffffff', fontFamily: 'Noto Sans' }, [
    el('div', { flexDirection: 'column', background: BLUE, color: '#ffffff', padding: '48px 64px 40px' }, [
      el('div', { fontSize: 30, opacity: 0.9 }, input.institutionName),
      el('div', { fontSize: 56, fontWeight: 700, marginTop: 8 }, 'Pengumuman Hasil Seleksi'),
      el('div', { fontSize: 36, marginTop: 12 }, `${input.programmeName} · ${input.batchLabel}`),
    ]),
    el('div', { flexDirection: 'column', padding: '36px 64px 0', flex: 1 }, [
      el('div', { fontSize: 38, fontWeight: 700, color: BLUE, marginBottom: 20 }, `${title}${part}`),
      el('div', { flexDirection: 'column' }, rows),
    ]),
    el('div', { justifyContent: 'space-between', alignItems: 'center', padding: '24px 64px 40px', fontSize: 26, color: GREY }, [
      el('div', { flexDirection: 'column', maxWidth: 800 }, [
        el('div', {}, 'Nama ditulis disingkat. Cek hasil Anda:'),
        el('div', { fontWeight: 700, color: INK }, input.lookupUrl.replace(/^https?:\/\//, '')),
      ]),
      el('div', { fontWeight: 700 }, `${pageNo}/${pageCount}`),
    ]),
  ])
}

/** Every page as a PNG, passed first then reserves. CPU-bound: call it outside any transaction. */
export async function renderResultsImages(input: ResultsImageInput): Promise<ResultsImagePage[]> {
  const plan = planPages(input)
  const out: ResultsImagePage[] = []
  for (const [i, page] of plan.entries()) {
    // satori's types want a ReactNode; the element objects are what React would build.
    const svg = await satori(pageTree(input, page, i + 1, plan.length) as unknown as Parameters<typeof satori>[0], {
      width: PAGE_WIDTH,
      height: PAGE_HEIGHT,
      fonts: loadFonts(),
    })
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: PAGE_WIDTH }, font: { loadSystemFonts: false } }).render().asPng()
    const kind = page.section === 'passed' ? 'lulus' : 'cadangan'
    out.push({ fileName: `${String(i + 1).padStart(2, '0')}-${kind}-${page.part}.png`, png: Buffer.from(png) })
  }
  return out
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), or null if it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}


interface ZipWriter {
  on(event: 'entry', listener: () => void): void
  on(event: 'error' | 'warning', listener: (error: Error) => void): void
  pipe(out: NodeJS.WritableStream): void
  append(source: Buffer | string, data: { name: string; date?: Date }): void
  finalize(): Promise<void>
}
const ZipArchive = UntypedZipArchive as unknown as new (options: { zlib?: { level: number } }) => ZipWriter

/**
 * The pages and the caption as one ZIP, streamed to `out`. The next file is appended
 * when the previous one is written (archiver's 'entry'), so only one is held at a time.
 */
export async function writeResultsZip(
  files: Array<{ name: string; content: Buffer | string }>,
  out: NodeJS.WritableStream,
  date: Date,
): Promise<void> {
  // PNGs are compressed already; deflating them again costs time for nothing.
  const zip = new ZipArchive({ zlib: { level: 1 } })
  const done = new Promise<void>((resolve, reject) => {
    zip.on('error', reject)
    zip.on('warning', reject)
    out.on('error', reject)
    out.on('finish', () => resolve())
    out.on('close', () => resolve())
  })
  zip.pipe(out)
  let next = 0
  const appendNext = () => {
    const file = files[next++]
    if (file) zip.append(file.content, { name: file.name, date })
    else void zip.finalize()
  }
  zip.on('entry', appendNext)
  appendNext()
  await done
}
