// One rule for a person's name, wherever one is entered (sign-up, profile, kiosk, staff):
// letters (accented ones too), spaces, and ' . , - inside a name; it starts with a letter
// (so never with = + - @, which a spreadsheet would run as a formula), has no digits and
// no control characters. Names are written as on the KTP, e.g. "Wa Ode Sitti Nur'aini",
// "La Ode M. Syarif", "Andi Besse-Tenri".

export const PERSON_NAME_MAX = 100

export type PersonNameCheck = { ok: true; name: string } | { ok: false; message: string }

// Letters with their combining marks; the apostrophe also as typed by phones (’ ʼ).
const ALLOWED = /^[\p{L}\p{M} '’ʼ.,-]+$/u
const STARTS_WITH_LETTER = /^\p{L}/u
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/

/** Whitespace collapsed, Unicode composed (é typed as e + ◌́ is stored as é). */
export function normalizePersonName(raw: string): string {
  return raw.normalize('NFC').replace(/[ \t\u00a0]+/g, ' ').trim()
}

/**
 * Check a name; `label` is how the form calls the field ("Nama lengkap", "Nama").
 * Returns the normalised name, or one Indonesian message saying what to fix.
 */
export function checkPersonName(raw: string, label = 'Nama lengkap', max = PERSON_NAME_MAX): PersonNameCheck {
  const name = normalizePersonName(raw)
  if (name === '') return { ok: false, message: `${label} wajib diisi, sesuai KTP.` }
  if (CONTROL.test(name) || /[\r\n]/.test(name)) return { ok: false, message: `${label} tidak boleh berisi baris baru atau karakter kendali.` }
  if (name.length > max) return { ok: false, message: `${label} paling banyak ${max} karakter.` }
  if (/\p{N}/u.test(name)) return { ok: false, message: `${label} tidak boleh berisi angka; tulis seperti pada KTP.` }
  if (!STARTS_WITH_LETTER.test(name)) return { ok: false, message: `${label} harus diawali huruf (bukan =, +, -, @ atau tanda baca).` }
  if (!ALLOWED.test(name)) {
    return { ok: false, message: `${label} hanya boleh berisi huruf, spasi, dan tanda ' . , - di dalam nama.` }
  }
  if (/[-'’ʼ,]$/.test(name)) return { ok: false, message: `${label} tidak boleh diakhiri tanda ${name.slice(-1)}.` }
  return { ok: true, name }
}
