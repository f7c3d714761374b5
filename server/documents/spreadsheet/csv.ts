import iconv from 'iconv-lite'

/**
 * CSV as office suites save it: UTF-8 (with or without BOM) or, failing that,
 * Windows-1252 (Excel's "CSV" on Windows); `,` or `;` between fields (Excel set to
 * Indonesian saves `;`); fields quoted with `"` may hold separators, quotes and newlines.
 */
export interface DecodedCsv {
  encoding: 'utf-8' | 'windows-1252'
  separator: ',' | ';'
  rows: string[][]
}

export function decodeCsvText(bytes: Uint8Array): { text: string; encoding: DecodedCsv['encoding'] } {
  let body = bytes
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3)
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' }
  } catch {
    // Not valid UTF-8: the other encoding suites write is Windows-1252.
    return { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252'), encoding: 'windows-1252' }
  }
}

/** The separator of the header line: whichever of `;` and `,` occurs more often outside quotes. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch === ',') commas++
    else if (!quoted && ch === ';') semicolons++
  }
  return semicolons > commas ? ';' : ','
}

export function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const endField = () => {
    row.push(field)
    field = ''
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
  }
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === separator) endField()
    else if (ch === '\r') {
      endRow()
      if (text[i + 1] === '\n') i++
    } else if (ch === '\n') endRow()
    else field += ch
    i++
  }
  if (field !== '' || row.length > 0) endRow()
  return rows
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const { text, encoding } = decodeCsvText(bytes)
  const separator = detectSeparator(text)
  return { encoding, separator, rows: parseCsv(text, separator) }
}
