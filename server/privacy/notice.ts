// The privacy notice's version and the retention rules it promises (UU PDP 27/2022,
// decision 023). The notice's text is the page /privasi (app/routes/privasi.tsx); when
// that text changes in substance, raise the version: consents record which one was shown.

/** The notice's version, recorded with every consent. */
export const PRIVACY_NOTICE_VERSION = '2026-12-02'

/** What the sign-up checkbox sends when ticked. */
export const CONSENT_VALUE = 'ya'

export const CONSENT_REQUIRED =
  'Centang persetujuan ini untuk membuat akun: kami tidak dapat memproses pendaftaran tanpa persetujuan Anda atas pemberitahuan privasi.'
export const KIOSK_NOTICE_REQUIRED =
  'Centang setelah calon peserta melihat pemberitahuan privasi (tunjukkan halaman /privasi atau lembar cetaknya) dan menyetujuinya.'

export function isConsentGiven(value: unknown): boolean {
  return value === CONSENT_VALUE
}

/**
 * How long what a finished selection must keep is kept after an account is closed: the
 * registrations that reached the plenary (decision 012's snapshot names them), with their
 * events and scores, for this many years after the batch's training ends — the period in
 * which the centre must answer for a selection (audit by the inspectorate, objections).
 */
export const SELECTION_RECORD_RETENTION_YEARS = 5

/** Everything else of a closed account is anonymised when the administrator completes it. */
export const CLOSURE_COMPLETION_DAYS = 14
