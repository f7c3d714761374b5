import { describe, expect, it } from 'vitest';
import { registrationNextStep, type NextStepDates } from './registrationNextStep';
import { REGISTRATION_STATES } from './registrationStates';

// Times in UTC; WITA is UTC+8.
const dates: NextStepDates = {
  assessmentDeadline: new Date('2027-01-28T15:59:00Z'), // 28 Jan 23.59 WITA
  interviewStartsAt: new Date('2027-02-02T00:00:00Z'), // 2 Feb 08.00 WITA
  interviewEndsAt: new Date('2027-02-04T09:00:00Z'), // 4 Feb 17.00 WITA
  plenaryAt: new Date('2027-02-06T02:00:00Z'),
  announcementAt: new Date('2027-02-09T02:00:00Z'), // 9 Feb 10.00 WITA
  reRegistrationDeadline: new Date('2027-02-13T15:59:00Z'), // 13 Feb 23.59 WITA
  trainingStartsOn: '2027-02-16',
};

const during = new Date('2027-01-20T00:00:00Z');
const afterAnnouncement = new Date('2027-02-10T00:00:00Z');
const KENDARI = 'Asia/Makassar';

describe('registrationNextStep', () => {
  it('has a next step in both languages for every state', () => {
    for (const state of REGISTRATION_STATES) {
      for (const now of [during, afterAnnouncement]) {
        const step = registrationNextStep(state, dates, now, KENDARI);
        expect(step.id.length).toBeGreaterThan(10);
        expect(step.en.length).toBeGreaterThan(10);
      }
    }
  });

  it('registered: the three assessments before the assessment deadline, in WITA', () => {
    const step = registrationNextStep('registered', dates, during, KENDARI);
    expect(step.id).toBe(
      'Kerjakan tiga asesmen (Penilaian Diri, Potensi Diri, Siap Latih) sebelum 28 Januari 2027 23.59 WITA. Asesmen Siap Latih adalah tes tulis seleksi.',
    );
    expect(step.en).toContain('before 28 January 2027 23:59 WITA');
    expect(step.dueAt).toEqual(dates.assessmentDeadline);
  });

  it('registered after the deadline: no due date, the committee decides', () => {
    const step = registrationNextStep('registered', dates, dates.assessmentDeadline, KENDARI);
    expect(step.dueAt).toBeUndefined();
    expect(step.id).toContain('Batas waktu asesmen sudah lewat');
  });

  it('assessed: wait for the written-test results', () => {
    const step = registrationNextStep('assessed', dates, during, KENDARI);
    expect(step.id).toContain('Tunggu pengumuman hasil tes tulis');
    expect(step.dueAt).toBeUndefined();
  });

  it('invited to interview: attend by the end of the interview period', () => {
    const step = registrationNextStep('invited_to_interview', dates, during, KENDARI);
    expect(step.dueAt).toEqual(dates.interviewEndsAt);
    expect(step.id).toContain('4 Februari 2027 17.00 WITA');
  });

  it('passed (after the announcement): re-register before the deadline', () => {
    const step = registrationNextStep('passed', dates, afterAnnouncement, KENDARI);
    expect(step.id).toContain('daftar ulang sebelum 13 Februari 2027 23.59 WITA');
    expect(step.dueAt).toEqual(dates.reRegistrationDeadline);
    const late = registrationNextStep('passed', dates, new Date('2027-02-14T00:00:00Z'), KENDARI);
    expect(late.dueAt).toBeUndefined();
  });

  it('interviewed: wait for the announcement, or for it to come when its date has passed', () => {
    const before = new Date('2027-02-07T00:00:00Z');
    expect(registrationNextStep('interviewed', dates, before, KENDARI).id).toBe(
      'Tunggu pengumuman hasil seleksi pada 9 Februari 2027 10.00 WITA, melalui e-mail dan Aktivitas.',
    );
    // The embargo is lifted by the announcement itself, not the clock: a candidate still
    // shown 'interviewed' after the planned date is told it comes shortly.
    expect(registrationNextStep('interviewed', dates, afterAnnouncement, KENDARI).id).toContain('segera diumumkan');
  });

  it('ended registrations point to other batches; training dates are calendar dates', () => {
    for (const s of ['incomplete', 'written_test_failed', 'not_passed', 'forfeited', 'withdrawn'] as const) {
      expect(registrationNextStep(s, dates, afterAnnouncement, KENDARI).id).toContain('gelombang lain');
    }
    expect(registrationNextStep('re_registered', dates, afterAnnouncement, KENDARI).id).toContain('16 Februari 2027');
    expect(registrationNextStep('handed_over', dates, afterAnnouncement, KENDARI).en).toContain('16 February 2027');
  });
});
