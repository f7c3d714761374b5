/**
 * Text typed by people that a spreadsheet could take for a formula once the file goes
 * through CSV: OWASP's CSV-injection guidance names a leading `=`, `+`, `-`, `@`, tab and
 * carriage return. Such text is written with a leading apostrophe, which every office
 * suite shows as text and keeps inert when the file is re-opened from CSV.
 * (The full-width forms are included: some suites fold them to ASCII before parsing.)
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/** XML 1.0 cannot hold these characters; a workbook containing them does not open. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

export const NEUTRALISING_PREFIX = "'"

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text)
}

/** The text as it is written into a cell of an export. */
export function neutralizeText(text: string): string {
  const clean = text.replace(XML_INVALID, '')
  return isFormulaLike(clean) ? NEUTRALISING_PREFIX + clean : clean
}

/**
 * The reverse, for imports of files we exported: `'=1+1` read back is `=1+1`. Only the
 * apostrophe we add is removed (one followed by a formula start), so other text that
 * begins with an apostrophe is kept as typed.
 */
export function restoreNeutralized(text: string): string {
  return text.startsWith(NEUTRALISING_PREFIX) && isFormulaLike(text.slice(1)) ? text.slice(1) : text
}
