// Labels of the documents brought to re-registration (2024 SOP), shared by the pages: no
// imports, so a page's browser bundle may use it.

export const RE_REGISTRATION_DOCUMENT_KINDS = ['ktp', 'diploma', 'receipt'] as const

export const DOCUMENT_LABELS: Record<(typeof RE_REGISTRATION_DOCUMENT_KINDS)[number], { id: string; en: string }> = {
  ktp: { id: 'Fotokopi KTP', en: 'Copy of the ID card (KTP)' },
  diploma: { id: 'Fotokopi ijazah terakhir', en: 'Copy of the last diploma' },
  receipt: { id: 'Tanda pendaftaran / formulir pendaftaran', en: 'Registration receipt / form' },
}
