// Indonesian mobile numbers, stored in E.164 ('+628…') so that the same phone typed
// as 0812…, 62812… or +62 812… is one number.

export type MobileNumberResult = { ok: true; value: string } | { ok: false; message: string };

const EXAMPLE = 'Contoh: 0812-3456-7890.';
const INVALID = `Nomor HP tidak valid. ${EXAMPLE}`;

export function normalizeMobileNumber(input: string): MobileNumberResult {
  const compact = String(input ?? '').replace(/[\s\-.()]/g, '');
  if (compact === '') return { ok: false, message: 'Nomor HP wajib diisi.' };
  if (!/^\+?[0-9]+$/.test(compact)) return { ok: false, message: INVALID };

  let national: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+62')) {
      return { ok: false, message: `Gunakan nomor HP Indonesia (kode negara +62). ${EXAMPLE}` };
    }
    national = compact.slice(3);
  } else if (compact.startsWith('62')) {
    national = compact.slice(2);
  } else if (compact.startsWith('0')) {
    national = compact.slice(1);
  } else {
    // Forms often show a fixed '+62' before the field, so '812…' alone is common.
    national = compact;
  }
  // '+62 0812…' mixes the country code with the trunk zero; the intent is clear.
  if (national.startsWith('0')) national = national.slice(1);

  if (national === '') return { ok: false, message: INVALID };
  if (!national.startsWith('8')) {
    return { ok: false, message: `Nomor HP harus nomor seluler yang diawali 08. ${EXAMPLE}` };
  }
  // National significant numbers of Indonesian mobiles are 9–12 digits (08xx-xxxx-xxx…).
  if (national.length < 9 || national.length > 12) return { ok: false, message: INVALID };
  return { ok: true, value: `+62${national}` };
}

/** '+6281234567890' → '0812-3456-7890'; anything not a valid mobile comes back as is. */
export function formatMobileNumber(e164: string): string {
  const normalized = normalizeMobileNumber(e164);
  if (!normalized.ok) return e164;
  const local = `0${normalized.value.slice(3)}`;
  return [local.slice(0, 4), local.slice(4, 8), local.slice(8)].filter((g) => g !== '').join('-');
}
