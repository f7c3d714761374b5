// SOP step 3: registration is blocked until the profile is complete. This says how far
// along a profile is and exactly what is still missing, in the order the form asks.

import { parseIsoDate } from './calendar';
import { isEducationLevel } from './eligibility';
import { nikAgreesWith } from './nik';
import { normalizeMobileNumber } from './phone';

export type ProfileSnapshot = {
  fullName?: string | null;
  nik?: string | null;
  birthPlace?: string | null;
  birthDate?: string | null;
  sex?: 'male' | 'female' | null;
  maritalStatus?: string | null;
  ktpStreet?: string | null;
  ktpVillageCode?: string | null;
  ktpPostalCode?: string | null;
  domicileSameAsKtp?: boolean | null;
  domicileStreet?: string | null;
  domicileVillageCode?: string | null;
  domicilePostalCode?: string | null;
  phone?: string | null;
  educationLevel?: string | null;
  schoolName?: string | null;
  major?: string | null;
  graduationYear?: number | null;
  employmentStatus?: string | null;
  disability?: string | null; // 'none' or a type
  hasPhoto?: boolean;
  hasKtpScan?: boolean;
  hasDiplomaScan?: boolean;
  emailVerified?: boolean;
};

export type ProfileSection = 'identity' | 'address' | 'education' | 'other' | 'documents' | 'account';

/** 'nikAgreement': the birth date and sex stored agree with what the NIK encodes. */
export type ProfileRequirementKey = keyof ProfileSnapshot | 'nikAgreement';

export type MissingProfileField = { field: ProfileRequirementKey; label: string; section: ProfileSection };

export type ProfileCompleteness = { percent: number; missing: MissingProfileField[]; complete: boolean };

type Requirement = MissingProfileField & {
  /** Whether the field is needed at all for this profile. */
  applies?: (p: ProfileSnapshot) => boolean;
  /** Whether the value counts as filled in. */
  filled: (p: ProfileSnapshot) => boolean;
};

const text = (v: string | null | undefined): boolean => typeof v === 'string' && v.trim() !== '';
const postalCode = (v: string | null | undefined): boolean => typeof v === 'string' && /^\d{5}$/.test(v.trim());
const yes = (v: boolean | undefined): boolean => v === true;
const needsDomicile = (p: ProfileSnapshot): boolean => p.domicileSameAsKtp === false;

// Ordered as the profile form is, so the first missing item is the next thing to fill.
const REQUIREMENTS: readonly Requirement[] = [
  { field: 'fullName', label: 'Nama lengkap', section: 'identity', filled: (p) => text(p.fullName) },
  {
    field: 'nik',
    label: 'NIK',
    section: 'identity',
    // Format only; the full NIK check (province, birth date) happens when it is saved.
    filled: (p) => typeof p.nik === 'string' && /^\d{16}$/.test(p.nik.replace(/\s+/g, '')),
  },
  { field: 'birthPlace', label: 'Tempat lahir', section: 'identity', filled: (p) => text(p.birthPlace) },
  {
    field: 'birthDate',
    label: 'Tanggal lahir',
    section: 'identity',
    filled: (p) => typeof p.birthDate === 'string' && parseIsoDate(p.birthDate) !== null,
  },
  {
    field: 'sex',
    label: 'Jenis kelamin',
    section: 'identity',
    filled: (p) => p.sex === 'male' || p.sex === 'female',
  },
  {
    // Birth date and sex come from the NIK (decision 028). A profile saved before that rule
    // can still disagree with its NIK; it is not complete until the identity section is
    // saved again (which takes both from the NIK), so eligibility never reads a typed date.
    field: 'nikAgreement',
    label: 'Tanggal lahir dan jenis kelamin belum sesuai NIK: buka Identitas dan simpan ulang',
    section: 'identity',
    applies: (p) =>
      typeof p.nik === 'string' &&
      /^\d{16}$/.test(p.nik.replace(/\s+/g, '')) &&
      typeof p.birthDate === 'string' &&
      parseIsoDate(p.birthDate) !== null &&
      (p.sex === 'male' || p.sex === 'female'),
    filled: (p) => nikAgreesWith(p.nik, p),
  },
  { field: 'maritalStatus', label: 'Status perkawinan', section: 'identity', filled: (p) => text(p.maritalStatus) },
  {
    field: 'phone',
    label: 'Nomor HP',
    section: 'identity',
    filled: (p) => typeof p.phone === 'string' && normalizeMobileNumber(p.phone).ok,
  },
  { field: 'ktpStreet', label: 'Alamat KTP (jalan, RT/RW)', section: 'address', filled: (p) => text(p.ktpStreet) },
  {
    field: 'ktpVillageCode',
    label: 'Alamat KTP (desa/kelurahan)',
    section: 'address',
    filled: (p) => text(p.ktpVillageCode),
  },
  { field: 'ktpPostalCode', label: 'Kode pos KTP', section: 'address', filled: (p) => postalCode(p.ktpPostalCode) },
  {
    field: 'domicileSameAsKtp',
    label: 'Alamat domisili (sama dengan KTP atau tidak)',
    section: 'address',
    filled: (p) => typeof p.domicileSameAsKtp === 'boolean',
  },
  {
    field: 'domicileStreet',
    label: 'Alamat domisili (jalan, RT/RW)',
    section: 'address',
    applies: needsDomicile,
    filled: (p) => text(p.domicileStreet),
  },
  {
    field: 'domicileVillageCode',
    label: 'Alamat domisili (desa/kelurahan)',
    section: 'address',
    applies: needsDomicile,
    filled: (p) => text(p.domicileVillageCode),
  },
  {
    field: 'domicilePostalCode',
    label: 'Kode pos domisili',
    section: 'address',
    applies: needsDomicile,
    filled: (p) => postalCode(p.domicilePostalCode),
  },
  {
    field: 'educationLevel',
    label: 'Pendidikan terakhir',
    section: 'education',
    filled: (p) => isEducationLevel(p.educationLevel),
  },
  { field: 'schoolName', label: 'Nama sekolah/perguruan tinggi', section: 'education', filled: (p) => text(p.schoolName) },
  {
    field: 'major',
    label: 'Jurusan/program studi',
    section: 'education',
    // Primary and junior secondary schools have no majors.
    applies: (p) => p.educationLevel !== 'SD' && p.educationLevel !== 'SMP',
    filled: (p) => text(p.major),
  },
  {
    field: 'graduationYear',
    label: 'Tahun lulus',
    section: 'education',
    filled: (p) =>
      typeof p.graduationYear === 'number' &&
      Number.isInteger(p.graduationYear) &&
      p.graduationYear >= 1900 &&
      p.graduationYear <= 2100,
  },
  { field: 'employmentStatus', label: 'Status pekerjaan', section: 'other', filled: (p) => text(p.employmentStatus) },
  // 'none' is an answer; only an unanswered question is missing.
  { field: 'disability', label: 'Keterangan disabilitas', section: 'other', filled: (p) => text(p.disability) },
  { field: 'hasPhoto', label: 'Pas foto', section: 'documents', filled: (p) => yes(p.hasPhoto) },
  { field: 'hasKtpScan', label: 'Foto KTP', section: 'documents', filled: (p) => yes(p.hasKtpScan) },
  { field: 'hasDiplomaScan', label: 'Ijazah terakhir', section: 'documents', filled: (p) => yes(p.hasDiplomaScan) },
  { field: 'emailVerified', label: 'Verifikasi e-mail', section: 'account', filled: (p) => yes(p.emailVerified) },
];

export function profileCompleteness(p: ProfileSnapshot): ProfileCompleteness {
  const applicable = REQUIREMENTS.filter((r) => !r.applies || r.applies(p));
  const missing = applicable
    .filter((r) => !r.filled(p))
    .map(({ field, label, section }): MissingProfileField => ({ field, label, section }));
  // Rounded down so that 100% is shown only when nothing is missing.
  const percent = Math.floor(((applicable.length - missing.length) * 100) / applicable.length);
  return { percent, missing, complete: missing.length === 0 };
}
