// Whether a candidate meets a programme's published entry requirements
// (minimum education, age range on the first day of training).

import { formatDateId, parseIsoDate } from './calendar';

export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

// SMA and SMK are both senior secondary; D4 (sarjana terapan) and S1 are both KKNI
// level 6, so a programme asking for S1 accepts D4 and vice versa.
const EDUCATION_RANKS: Record<EducationLevel, number> = {
  SD: 1,
  SMP: 2,
  SMA: 3,
  SMK: 3,
  D1: 4,
  D2: 5,
  D3: 6,
  D4: 7,
  S1: 7,
  S2: 8,
  S3: 9,
};

export function isEducationLevel(value: unknown): value is EducationLevel {
  return typeof value === 'string' && (EDUCATION_LEVELS as readonly string[]).includes(value);
}

export function educationRank(level: EducationLevel): number {
  return EDUCATION_RANKS[level];
}

/** 'SMA' → 'SMA/SMK': a requirement names every level of the same rank. */
export function educationRequirementLabel(level: EducationLevel): string {
  const rank = EDUCATION_RANKS[level];
  return EDUCATION_LEVELS.filter((l) => EDUCATION_RANKS[l] === rank).join('/');
}

/** Completed years between two 'YYYY-MM-DD' dates (negative if `onDate` is earlier). */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (!birth) throw new RangeError(`Invalid birth date: ${birthDate}`);
  if (!on) throw new RangeError(`Invalid date: ${onDate}`);
  let age = on.year - birth.year;
  // Birthday not reached yet this year. Someone born on 29 February therefore turns a
  // year older on 1 March in common years, the usual legal reading.
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age;
}

export type EligibilityRequirements = {
  minEducation: EducationLevel | null;
  minAge: number | null;
  maxAge: number | null;
  trainingStartDate: string; // 'YYYY-MM-DD'
};

export type EligibilityResult = { ok: true } | { ok: false; reasons: string[] };

export function checkEligibility(
  candidate: { birthDate: string; educationLevel: EducationLevel },
  requirements: EligibilityRequirements,
): EligibilityResult {
  const { minEducation, minAge, maxAge, trainingStartDate } = requirements;
  if (!parseIsoDate(trainingStartDate)) {
    // A batch without a valid start date is a configuration error, not the candidate's.
    throw new RangeError(`Invalid training start date: ${trainingStartDate}`);
  }
  const reasons: string[] = [];

  if (minAge !== null || maxAge !== null) {
    if (!parseIsoDate(candidate.birthDate)) {
      reasons.push('Tanggal lahir Anda belum diisi atau tidak valid, sehingga syarat usia tidak dapat diperiksa.');
    } else {
      const age = ageOn(candidate.birthDate, trainingStartDate);
      const tooYoung = minAge !== null && age < minAge;
      const tooOld = maxAge !== null && age > maxAge;
      if (tooYoung || tooOld) {
        const range =
          minAge !== null && maxAge !== null
            ? `usia ${minAge}–${maxAge} tahun`
            : minAge !== null
              ? `usia minimal ${minAge} tahun`
              : `usia paling tinggi ${maxAge} tahun`;
        reasons.push(
          `Usia Anda pada saat pelatihan dimulai (${formatDateId(trainingStartDate)}) adalah ${age} tahun; program ini mensyaratkan ${range}.`,
        );
      }
    }
  }

  if (minEducation !== null) {
    if (!isEducationLevel(candidate.educationLevel)) {
      reasons.push(
        `Pendidikan terakhir Anda belum diisi; program ini mensyaratkan pendidikan minimal ${educationRequirementLabel(minEducation)}.`,
      );
    } else if (educationRank(candidate.educationLevel) < educationRank(minEducation)) {
      reasons.push(
        `Pendidikan terakhir minimal ${educationRequirementLabel(minEducation)}; pendidikan Anda ${candidate.educationLevel}.`,
      );
    }
  }

  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
