// Constants the pages share with the use cases. Pure (no server imports), so a page
// component can import them without pulling server code into the browser bundle.

/** The question form's file input; image errors are reported under this name. */
export const IMAGE_FIELD = 'gambar_berkas'

/** The import form's file input; every import message is reported under this name. */
export const IMPORT_FIELD = 'berkas'
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
export const MAX_IMPORT_ROWS = 2000

export const ASSESSMENT_KINDS = ['self_assessment', 'potential', 'written_test'] as const
export const TIME_LIMIT_RANGE = { min: 5, max: 240 } as const

/** The form field of a source's count on the batch assessment page. */
export function countField(kind: (typeof ASSESSMENT_KINDS)[number], bankId: string): string {
  return `count.${kind}.${bankId}`
}
