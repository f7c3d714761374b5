// What a candidate should do next, and by when, for each registration state. Shown in
// "Aktivitas", in the confirmation e-mail and (as the SOP schedule) on the receipt.
// The state given is the one the candidate may see: plenary outcomes stay a secret until
// the results are announced, which server/registrations/candidateRegistrationView.ts
// decides (from the batch's announcement, not the clock) before calling this.

import { formatDateId } from './calendar';
import type { RegistrationState } from './registrationStates';
import { ENGLISH_MONTHS, formatZonedDateTime } from './zonedTime';

/** The batch dates the next step depends on (instants, except the training's first day). */
export type NextStepDates = {
  assessmentDeadline: Date;
  interviewStartsAt: Date;
  interviewEndsAt: Date;
  plenaryAt: Date;
  announcementAt: Date;
  reRegistrationDeadline: Date;
  /** 'YYYY-MM-DD' */
  trainingStartsOn: string;
};

export type NextStep = {
  id: string;
  en: string;
  /** When the candidate must have done it; absent when the next move is not theirs. */
  dueAt?: Date;
};

function formatIsoDateEn(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[3])} ${ENGLISH_MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

const OTHER_BATCH = {
  id: 'Anda dapat mendaftar di gelombang lain yang sedang dibuka.',
  en: 'You may register for another batch that is open.',
};

/** The next step for a registration in `state`, with dates in `timeZone` (WITA for Kendari). */
export function registrationNextStep(
  state: RegistrationState,
  dates: NextStepDates,
  now: Date,
  timeZone: string,
): NextStep {
  const at = (d: Date) => ({ id: formatZonedDateTime(d, timeZone, 'id'), en: formatZonedDateTime(d, timeZone, 'en') });
  const passedDeadline = (d: Date) => now.getTime() >= d.getTime();
  const training = { id: formatDateId(dates.trainingStartsOn), en: formatIsoDateEn(dates.trainingStartsOn) };

  switch (state) {
    case 'registered': {
      if (passedDeadline(dates.assessmentDeadline)) {
        return {
          id: 'Batas waktu asesmen sudah lewat. Panitia sedang memeriksa asesmen Anda; hasilnya akan tampil di Aktivitas.',
          en: 'The assessment deadline has passed. The committee is checking your assessments; the result will appear under Activity.',
        };
      }
      const d = at(dates.assessmentDeadline);
      return {
        id: `Kerjakan tiga asesmen (Penilaian Diri, Potensi Diri, Siap Latih) sebelum ${d.id}. Asesmen Siap Latih adalah tes tulis seleksi.`,
        en: `Complete the three assessments (Self-Assessment, Potential Assessment, Training Readiness) before ${d.en}. The Training Readiness Assessment is the written selection test.`,
        dueAt: dates.assessmentDeadline,
      };
    }
    case 'assessed': {
      const d = at(dates.interviewStartsAt);
      return {
        id: `Tunggu pengumuman hasil tes tulis di Aktivitas. Yang lulus diundang wawancara, yang dimulai ${d.id}.`,
        en: `Wait for the written-test results under Activity. Those who pass are invited to an interview, starting ${d.en}.`,
      };
    }
    case 'incomplete':
      return {
        id: `Asesmen tidak diselesaikan sebelum batas waktu, sehingga pendaftaran ini berakhir. ${OTHER_BATCH.id}`,
        en: `The assessments were not completed before the deadline, so this registration has ended. ${OTHER_BATCH.en}`,
      };
    case 'written_test_passed': {
      const start = at(dates.interviewStartsAt);
      const end = at(dates.interviewEndsAt);
      return {
        id: `Anda lulus tes tulis. Tunggu undangan wawancara di Aktivitas dan e-mail; wawancara berlangsung ${start.id} sampai ${end.id}.`,
        en: `You passed the written test. Watch Activity and your e-mail for the interview invitation; interviews run from ${start.en} to ${end.en}.`,
      };
    }
    case 'written_test_failed':
      return {
        id: `Anda belum lulus tes tulis, sehingga pendaftaran ini berakhir. Asesmen dapat diikuti lagi enam bulan setelah asesmen terakhir. ${OTHER_BATCH.id}`,
        en: `You did not pass the written test, so this registration has ended. The assessments can be taken again six months after the last attempt. ${OTHER_BATCH.en}`,
      };
    case 'invited_to_interview': {
      if (passedDeadline(dates.interviewEndsAt)) {
        return {
          id: 'Masa wawancara sudah selesai. Tunggu panitia mencatat hasil wawancara Anda.',
          en: 'The interview period is over. Wait for the committee to record your interview.',
        };
      }
      const end = at(dates.interviewEndsAt);
      return {
        id: `Hadiri wawancara pada waktu dan tempat yang tertera di undangan (paling lambat ${end.id}). Bawa KTP dan ijazah asli.`,
        en: `Attend the interview at the time and place in your invitation (no later than ${end.en}). Bring your original ID card and diploma.`,
        dueAt: dates.interviewEndsAt,
      };
    }
    case 'interviewed': {
      if (passedDeadline(dates.announcementAt)) {
        return {
          id: 'Hasil seleksi segera diumumkan. Pantau e-mail dan Aktivitas.',
          en: 'The selection results will be announced shortly. Watch your e-mail and Activity.',
        };
      }
      const d = at(dates.announcementAt);
      return {
        id: `Tunggu pengumuman hasil seleksi pada ${d.id}, melalui e-mail dan Aktivitas.`,
        en: `Wait for the selection results on ${d.en}, by e-mail and under Activity.`,
      };
    }
    case 'passed': {
      if (passedDeadline(dates.reRegistrationDeadline)) {
        return {
          id: 'Batas daftar ulang sudah lewat. Panitia akan memproses status Anda.',
          en: 'The re-registration deadline has passed. The committee will process your status.',
        };
      }
      const d = at(dates.reRegistrationDeadline);
      return {
        id: `Selamat, Anda lulus seleksi. Lakukan daftar ulang sebelum ${d.id}; tanpa daftar ulang, tempat Anda diberikan kepada peserta cadangan.`,
        en: `Congratulations, you passed the selection. Re-register before ${d.en}; without re-registration your place goes to a reserve.`,
        dueAt: dates.reRegistrationDeadline,
      };
    }
    case 'reserve': {
      const d = at(dates.reRegistrationDeadline);
      return {
        id: `Anda masuk daftar cadangan. Bila ada peserta lulus yang tidak daftar ulang sebelum ${d.id}, Anda dapat dipanggil; pantau e-mail dan Aktivitas.`,
        en: `You are on the reserve list. If someone who passed does not re-register before ${d.en}, you may be called; watch your e-mail and Activity.`,
      };
    }
    case 'not_passed':
      return {
        id: `Anda belum lulus seleksi pada gelombang ini. ${OTHER_BATCH.id}`,
        en: `You were not selected in this batch. ${OTHER_BATCH.en}`,
      };
    case 're_registered':
      return {
        id: `Daftar ulang selesai. Pelatihan dimulai ${training.id}; data Anda akan diserahkan kepada penyelenggara pelatihan.`,
        en: `Re-registration is complete. Training starts on ${training.en}; your details will be handed to the training organiser.`,
      };
    case 'forfeited':
      return {
        id: `Anda tidak melakukan daftar ulang sebelum batas waktu, sehingga dinyatakan gugur. ${OTHER_BATCH.id}`,
        en: `You did not re-register before the deadline, so your place was forfeited. ${OTHER_BATCH.en}`,
      };
    case 'handed_over':
      return {
        id: `Anda terdaftar sebagai peserta pelatihan yang dimulai ${training.id}. Informasi selanjutnya disampaikan oleh penyelenggara pelatihan.`,
        en: `You are a participant in the training starting on ${training.en}. The training organiser will send further information.`,
      };
    case 'withdrawn':
      return {
        id: `Anda telah mengundurkan diri dari pendaftaran ini. ${OTHER_BATCH.id}`,
        en: `You have withdrawn from this registration. ${OTHER_BATCH.en}`,
      };
  }
}
