import type { EducationLevel } from '../../domain/eligibility'

// The profile's code lists and their labels (Indonesian first). No Zod here, so pages
// can import the labels without shipping the validation library to the browser.

export const SEXES = ['male', 'female'] as const
export const MARITAL_STATUSES = ['belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati'] as const
export const EMPLOYMENT_STATUSES = ['belum_bekerja', 'bekerja', 'wirausaha', 'pelajar_mahasiswa'] as const
export const DISABILITIES = ['none', 'fisik', 'netra', 'rungu', 'wicara', 'intelektual', 'mental', 'ganda'] as const
export const DOCUMENT_KINDS = ['photo', 'ktp', 'diploma'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

type Labels<K extends string> = { id: Record<K, string>; en: Record<K, string> }

export const SEX_LABELS: Labels<(typeof SEXES)[number]> = {
  id: { male: 'Laki-laki', female: 'Perempuan' },
  en: { male: 'Male', female: 'Female' },
}

export const MARITAL_STATUS_LABELS: Labels<(typeof MARITAL_STATUSES)[number]> = {
  id: { belum_kawin: 'Belum kawin', kawin: 'Kawin', cerai_hidup: 'Cerai hidup', cerai_mati: 'Cerai mati' },
  en: { belum_kawin: 'Not married', kawin: 'Married', cerai_hidup: 'Divorced', cerai_mati: 'Widowed' },
}

export const EMPLOYMENT_STATUS_LABELS: Labels<(typeof EMPLOYMENT_STATUSES)[number]> = {
  id: { belum_bekerja: 'Belum bekerja', bekerja: 'Bekerja', wirausaha: 'Wirausaha', pelajar_mahasiswa: 'Pelajar/mahasiswa' },
  en: { belum_bekerja: 'Not working', bekerja: 'Employed', wirausaha: 'Self-employed', pelajar_mahasiswa: 'Student' },
}

export const DISABILITY_LABELS: Labels<(typeof DISABILITIES)[number]> = {
  id: {
    none: 'Tidak ada',
    fisik: 'Disabilitas fisik',
    netra: 'Disabilitas netra (penglihatan)',
    rungu: 'Disabilitas rungu (pendengaran)',
    wicara: 'Disabilitas wicara',
    intelektual: 'Disabilitas intelektual',
    mental: 'Disabilitas mental',
    ganda: 'Disabilitas ganda/multi',
  },
  en: {
    none: 'None',
    fisik: 'Physical disability',
    netra: 'Visual impairment',
    rungu: 'Hearing impairment',
    wicara: 'Speech impairment',
    intelektual: 'Intellectual disability',
    mental: 'Mental (psychosocial) disability',
    ganda: 'Multiple disabilities',
  },
}

export const EDUCATION_LEVEL_LABELS: Labels<EducationLevel> = {
  id: {
    SD: 'SD/sederajat',
    SMP: 'SMP/MTs/sederajat',
    SMA: 'SMA/MA/sederajat',
    SMK: 'SMK/MAK',
    D1: 'Diploma 1 (D1)',
    D2: 'Diploma 2 (D2)',
    D3: 'Diploma 3 (D3)',
    D4: 'Diploma 4/Sarjana Terapan (D4)',
    S1: 'Sarjana (S1)',
    S2: 'Magister (S2)',
    S3: 'Doktor (S3)',
  },
  en: {
    SD: 'Primary school (SD)',
    SMP: 'Junior secondary school (SMP)',
    SMA: 'Senior secondary school (SMA)',
    SMK: 'Vocational secondary school (SMK)',
    D1: 'Diploma 1 (D1)',
    D2: 'Diploma 2 (D2)',
    D3: 'Diploma 3 (D3)',
    D4: 'Applied bachelor (D4)',
    S1: "Bachelor's degree (S1)",
    S2: "Master's degree (S2)",
    S3: 'Doctorate (S3)',
  },
}

export const DOCUMENT_KIND_LABELS: Labels<DocumentKind> = {
  id: { photo: 'Pas foto', ktp: 'Foto/pindaian KTP', diploma: 'Ijazah terakhir' },
  en: { photo: 'Photo', ktp: 'ID card (KTP) scan', diploma: 'Last diploma (ijazah)' },
}

/** Levels without majors (primary and junior secondary). */
export const LEVELS_WITHOUT_MAJOR: ReadonlySet<string> = new Set(['SD', 'SMP'])

