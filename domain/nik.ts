// NIK (Nomor Induk Kependudukan): the 16-digit national ID number on the KTP.
// Layout: PP KK CC DD MM YY SSSS — province, regency, district, birth day (+40 for
// women), birth month, two-digit birth year, serial number.

import { INDONESIAN_MONTHS, formatDateId, isValidCalendarDate, toIsoDate } from './calendar';
import { FALLBACK_TIME_ZONE, calendarDateInZone } from './zonedTime';

/** The 38 province codes of Kemendagri (2025), the first two digits of every NIK. */
export const PROVINCE_CODES = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
] as const;

export type ProvinceCode = (typeof PROVINCE_CODES)[number];

const PROVINCE_CODE_SET: ReadonlySet<string> = new Set(PROVINCE_CODES);

export type NikValue = {
  nik: string;
  provinceCode: string;
  regencyCode: string; // first 4 digits
  districtCode: string; // first 6 digits
  birthDate: string; // 'YYYY-MM-DD'
  sex: 'male' | 'female';
  serial: string;
};

export type NikParseResult = { ok: true; value: NikValue } | { ok: false; message: string };

/**
 * The centre's zone decides what "today" is when checking that the birth date is not
 * in the future; a Kendari clerk's today, not the server's.
 */
export const NIK_DEFAULT_TIME_ZONE = FALLBACK_TIME_ZONE;

const fail = (message: string): NikParseResult => ({ ok: false, message });

export function parseNik(
  input: string,
  options: { today: Date; timeZone?: string },
): NikParseResult {
  // People copy NIKs with spaces in groups ("7471 0101 9000 0001"); those carry no meaning.
  const nik = String(input ?? '').replace(/\s+/g, '');
  if (nik === '') return fail('NIK wajib diisi.');
  if (!/^[0-9]+$/.test(nik)) return fail('NIK harus 16 digit angka; hanya angka 0–9 yang boleh diisi.');
  if (nik.length !== 16) return fail(`NIK harus 16 digit angka; yang diisi ${nik.length} digit.`);

  const provinceCode = nik.slice(0, 2);
  if (!PROVINCE_CODE_SET.has(provinceCode)) {
    return fail(`Kode provinsi pada NIK (${provinceCode}) tidak dikenal.`);
  }
  // No regency or district is numbered 00, so such a NIK is mistyped.
  if (nik.slice(2, 4) === '00') return fail('Kode kabupaten/kota pada NIK (digit 3–4) tidak boleh 00.');
  if (nik.slice(4, 6) === '00') return fail('Kode kecamatan pada NIK (digit 5–6) tidak boleh 00.');

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const twoDigitYear = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  let sex: 'male' | 'female';
  let day: number;
  if (rawDay >= 1 && rawDay <= 31) {
    sex = 'male';
    day = rawDay;
  } else if (rawDay >= 41 && rawDay <= 71) {
    sex = 'female';
    day = rawDay - 40;
  } else {
    return fail(
      `Tanggal lahir pada NIK tidak valid: digit 7–8 (${nik.slice(6, 8)}) harus 01–31 untuk laki-laki atau 41–71 untuk perempuan.`,
    );
  }
  if (month < 1 || month > 12) {
    return fail(`Bulan lahir pada NIK tidak valid: digit 9–10 (${nik.slice(8, 10)}) harus 01–12.`);
  }

  const today = calendarDateInZone(options.today, options.timeZone ?? NIK_DEFAULT_TIME_ZONE);
  const todayYear = Number(today.slice(0, 4));
  // The most recent year ending in these two digits whose date is not after today.
  let year = todayYear - ((((todayYear - twoDigitYear) % 100) + 100) % 100);
  const monthDay = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (`${String(year).padStart(4, '0')}-${monthDay}` > today) year -= 100;

  if (!isValidCalendarDate(year, month, day)) {
    return fail(
      `Tanggal lahir pada NIK tidak valid: tanggal ${day} ${INDONESIAN_MONTHS[month - 1]} ${year} tidak ada.`,
    );
  }
  if (serial === '0000') return fail('Nomor urut pada NIK tidak boleh 0000.');

  return {
    ok: true,
    value: {
      nik,
      provinceCode,
      regencyCode: nik.slice(0, 4),
      districtCode: nik.slice(0, 6),
      birthDate: toIsoDate(year, month, day),
      sex,
      serial,
    },
  };
}

/** '7471010190000001' → '7471••••••••0001': enough to recognise, not enough to misuse. */
export function maskNik(nik: string): string {
  const digits = String(nik ?? '').replace(/\s+/g, '');
  // Too short to keep 4 + 4 visible without revealing most of it: hide everything.
  if (digits.length <= 8) return '•'.repeat(digits.length);
  return digits.slice(0, 4) + '•'.repeat(digits.length - 8) + digits.slice(-4);
}

/**
 * Whether a birth date and sex agree with what the NIK's digits 7–12 encode (DD, +40 for
 * women, MM, YY). Needs no "today": the two-digit year is compared as it stands.
 * Missing values, or a NIK that is not 16 digits, disagree.
 */
export function nikAgreesWith(
  nik: string | null | undefined,
  profile: { birthDate?: string | null; sex?: 'male' | 'female' | null },
): boolean {
  const digits = String(nik ?? '').replace(/\s+/g, '');
  if (!/^\d{16}$/.test(digits)) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(profile.birthDate ?? '');
  if (!m || (profile.sex !== 'male' && profile.sex !== 'female')) return false;
  const [, year = '', month = '', dayOfMonth = ''] = m;
  const day = Number(dayOfMonth) + (profile.sex === 'female' ? 40 : 0);
  return digits.slice(6, 12) === `${String(day).padStart(2, '0')}${month}${year.slice(2)}`;
}

const SEX_LABELS = { male: 'laki-laki', female: 'perempuan' } as const;

/**
 * Where the profile disagrees with what the NIK encodes. These are warnings, not errors:
 * KTP data has real-world mistakes, so the system accepts and shows the mismatch.
 */
export function compareNikWithProfile(
  nik: NikValue,
  profile: { birthDate?: string | null; sex?: 'male' | 'female' | null },
): string[] {
  const warnings: string[] = [];
  if (profile.birthDate && profile.birthDate !== nik.birthDate) {
    warnings.push(
      `Tanggal lahir pada profil (${formatDateId(profile.birthDate)}) berbeda dengan tanggal lahir pada NIK (${formatDateId(nik.birthDate)}). Periksa kembali data Anda.`,
    );
  }
  if (profile.sex && profile.sex !== nik.sex) {
    warnings.push(
      `Jenis kelamin pada profil (${SEX_LABELS[profile.sex]}) berbeda dengan jenis kelamin pada NIK (${SEX_LABELS[nik.sex]}). Periksa kembali data Anda.`,
    );
  }
  return warnings;
}
