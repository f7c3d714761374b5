import { describe, it, expect } from 'vitest';
import { BATCH_DATE_FIELDS, BATCH_DATE_LABELS, batchPhase, checkBatchDates } from './batchDates';
import type { BatchDates } from './batchDates';

const valid: BatchDates = {
  registrationOpensAt: new Date('2026-01-05T00:00:00Z'),
  registrationClosesAt: new Date('2026-01-25T15:59:59Z'),
  assessmentDeadline: new Date('2026-01-28T15:59:59Z'),
  interviewStartsAt: new Date('2026-02-02T00:00:00Z'),
  interviewEndsAt: new Date('2026-02-04T09:00:00Z'),
  plenaryAt: new Date('2026-02-06T02:00:00Z'),
  announcementAt: new Date('2026-02-09T02:00:00Z'),
  reRegistrationDeadline: new Date('2026-02-13T15:59:59Z'),
  trainingStartsOn: new Date('2026-02-16T00:00:00Z'),
  trainingEndsOn: new Date('2026-03-27T00:00:00Z'),
};

describe('BATCH_DATE_FIELDS', () => {
  it('is in SOP order and labelled in Indonesian', () => {
    expect(BATCH_DATE_FIELDS).toEqual([
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
    ]);
    expect(BATCH_DATE_FIELDS.map((f) => BATCH_DATE_LABELS[f])).toEqual([
      'Pendaftaran dibuka',
      'Pendaftaran ditutup',
      'Batas asesmen',
      'Wawancara mulai',
      'Wawancara selesai',
      'Pleno hasil seleksi',
      'Pengumuman',
      'Batas daftar ulang',
      'Pelatihan mulai',
      'Pelatihan selesai',
    ]);
  });
});

describe('checkBatchDates', () => {
  it('accepts a consistent schedule', () => {
    expect(checkBatchDates(valid)).toEqual([]);
  });

  it('requires registration to close strictly after it opens', () => {
    expect(checkBatchDates({ ...valid, registrationClosesAt: valid.registrationOpensAt })).toEqual([
      { field: 'registrationClosesAt', message: 'Pendaftaran ditutup harus setelah Pendaftaran dibuka.' },
    ]);
  });

  it('allows other steps to share a moment with the previous one', () => {
    const d = new Date('2026-02-05T00:00:00Z');
    expect(checkBatchDates({ ...valid, interviewStartsAt: d, interviewEndsAt: d, plenaryAt: d, announcementAt: d })).toEqual([]);
    expect(checkBatchDates({ ...valid, trainingEndsOn: valid.trainingStartsOn })).toEqual([]);
  });

  it('reports an out-of-order date at the later field', () => {
    expect(checkBatchDates({ ...valid, interviewEndsAt: new Date('2026-02-01T00:00:00Z') })).toEqual([
      { field: 'interviewEndsAt', message: 'Wawancara selesai tidak boleh sebelum Wawancara mulai.' },
    ]);
    expect(checkBatchDates({ ...valid, trainingEndsOn: new Date('2026-02-15T00:00:00Z') })).toEqual([
      { field: 'trainingEndsOn', message: 'Pelatihan selesai tidak boleh sebelum Pelatihan mulai.' },
    ]);
  });

  it('reports every problem, each against its immediate predecessor', () => {
    const problems = checkBatchDates({
      ...valid,
      assessmentDeadline: new Date('2026-01-20T00:00:00Z'),
      reRegistrationDeadline: new Date('2026-02-08T00:00:00Z'),
    });
    expect(problems).toEqual([
      { field: 'assessmentDeadline', message: 'Batas asesmen tidak boleh sebelum Pendaftaran ditutup.' },
      { field: 'reRegistrationDeadline', message: 'Batas daftar ulang tidak boleh sebelum Pengumuman.' },
    ]);
  });

  it('reports missing or invalid dates and compares the next one with the last valid date', () => {
    const problems = checkBatchDates({
      ...valid,
      plenaryAt: new Date(Number.NaN),
      announcementAt: new Date('2026-02-03T00:00:00Z'), // before interviewEndsAt
    });
    expect(problems).toEqual([
      { field: 'plenaryAt', message: 'Pleno hasil seleksi wajib diisi dengan tanggal yang valid.' },
      { field: 'announcementAt', message: 'Pengumuman tidak boleh sebelum Wawancara selesai.' },
    ]);
    const { trainingEndsOn: _omitted, ...withoutEnd } = valid;
    expect(checkBatchDates(withoutEnd)).toEqual([
      { field: 'trainingEndsOn', message: 'Pelatihan selesai wajib diisi dengan tanggal yang valid.' },
    ]);
    expect(checkBatchDates({})).toHaveLength(BATCH_DATE_FIELDS.length);
  });
});

describe('batchPhase', () => {
  it('is upcoming before opening, open from opening until closing, closed from closing', () => {
    const { registrationOpensAt: opens, registrationClosesAt: closes } = valid;
    expect(batchPhase(valid, new Date(opens.getTime() - 1))).toBe('upcoming');
    expect(batchPhase(valid, opens)).toBe('open');
    expect(batchPhase(valid, new Date(closes.getTime() - 1))).toBe('open');
    expect(batchPhase(valid, closes)).toBe('closed');
    expect(batchPhase(valid, new Date('2027-01-01T00:00:00Z'))).toBe('closed');
  });
  it('needs only the two registration dates', () => {
    expect(
      batchPhase({ registrationOpensAt: valid.registrationOpensAt, registrationClosesAt: valid.registrationClosesAt }, new Date('2026-01-10T00:00:00Z')),
    ).toBe('open');
  });
});
