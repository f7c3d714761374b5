// The dates that define one batch ("gelombang"), in SOP order. Each step must not start
// before the one before it, so the committee cannot publish an impossible schedule.

export const BATCH_DATE_FIELDS = [
  'registrationOpensAt',
  'registrationClosesAt',
  'assessmentDeadline',
  'interviewStartsAt',
  'interviewEndsAt',
  'plenaryAt',
  'announcementAt',
  'reRegistrationDeadline',
  'trainingStartsOn',
  'trainingEndsOn',
] as const;
export type BatchDateField = (typeof BATCH_DATE_FIELDS)[number];

export type BatchDates = Record<BatchDateField, Date>;

export const BATCH_DATE_LABELS: Record<BatchDateField, string> = {
  registrationOpensAt: 'Pendaftaran dibuka',
  registrationClosesAt: 'Pendaftaran ditutup',
  assessmentDeadline: 'Batas asesmen',
  interviewStartsAt: 'Wawancara mulai',
  interviewEndsAt: 'Wawancara selesai',
  plenaryAt: 'Pleno hasil seleksi',
  announcementAt: 'Pengumuman',
  reRegistrationDeadline: 'Batas daftar ulang',
  trainingStartsOn: 'Pelatihan mulai',
  trainingEndsOn: 'Pelatihan selesai',
};

export type BatchDateProblem = { field: BatchDateField; message: string };

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/**
 * Problems with a batch's dates, each reported at the later of two fields out of order.
 * A missing or invalid date is reported itself and then skipped, so the dates after it
 * are still compared with the last valid one.
 */
export function checkBatchDates(d: Partial<Record<BatchDateField, Date | null>>): BatchDateProblem[] {
  const problems: BatchDateProblem[] = [];
  let previous: { field: BatchDateField; date: Date } | null = null;
  for (const field of BATCH_DATE_FIELDS) {
    const date = d[field];
    const label = BATCH_DATE_LABELS[field];
    if (!isValidDate(date)) {
      problems.push({ field, message: `${label} wajib diisi dengan tanggal yang valid.` });
      continue;
    }
    if (previous) {
      const previousLabel = BATCH_DATE_LABELS[previous.field];
      // A registration period of zero length would accept nobody.
      if (field === 'registrationClosesAt' && date.getTime() <= previous.date.getTime()) {
        problems.push({ field, message: `${label} harus setelah ${previousLabel}.` });
      } else if (date.getTime() < previous.date.getTime()) {
        problems.push({ field, message: `${label} tidak boleh sebelum ${previousLabel}.` });
      }
    }
    previous = { field, date };
  }
  return problems;
}

export type BatchPhase = 'upcoming' | 'open' | 'closed';

/** Whether the batch accepts registrations at `now`: open from opening (inclusive) to closing (exclusive). */
export function batchPhase(
  d: Pick<BatchDates, 'registrationOpensAt' | 'registrationClosesAt'>,
  now: Date,
): BatchPhase {
  if (now.getTime() < d.registrationOpensAt.getTime()) return 'upcoming';
  if (now.getTime() < d.registrationClosesAt.getTime()) return 'open';
  return 'closed';
}
