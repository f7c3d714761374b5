import { formatZonedDateTime } from '../../domain/zonedTime'
import { renderMail } from '../mail/render'
import type { MailMessage } from '../mail/transport'
import { publicLink } from '../links'

// The e-mail each candidate gets when the written-test results are published (SOP
// step 6): the result, the score against the pass mark, what comes next, and a link to
// Aktivitas, where the same result stays.

const percent = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(n)

export function writtenTestResultMail(input: {
  to: string
  name: string
  registrationId: string
  registrationNumber: string
  programmeName: string
  batchLabel: string
  score: number
  passMark: number
  passed: boolean
  interviewStartsAt: Date
  interviewEndsAt: Date
  timeZone: string
}): MailMessage {
  const url = publicLink(`/aktivitas/${input.registrationId}`)
  const where = `${input.programmeName}, ${input.batchLabel} (nomor pendaftaran ${input.registrationNumber})`
  const scoreLine = `Nilai tes tulis (Asesmen Siap Latih) Anda: ${percent(input.score)}. Nilai batas lulus: ${percent(input.passMark)}.`
  const paragraphs = input.passed
    ? [
        `Selamat, Anda lulus tes tulis seleksi ${where}.`,
        scoreLine,
        `Langkah berikutnya adalah wawancara, yang berlangsung ${formatZonedDateTime(input.interviewStartsAt, input.timeZone)} sampai ${formatZonedDateTime(input.interviewEndsAt, input.timeZone)}. Panggilan wawancara (waktu, tempat, dan apa yang perlu dibawa) dikirim melalui Aktivitas dan e-mail; pantau keduanya.`,
      ]
    : [
        `Terima kasih telah mengikuti seleksi ${where}. Anda belum lulus tes tulis.`,
        scoreLine,
        'Pendaftaran ini berakhir, sehingga Anda dapat mendaftar di gelombang lain yang sedang dibuka. Asesmen dapat diikuti lagi enam bulan setelah asesmen terakhir; hasil yang masih berlaku dipakai kembali.',
      ]
  return renderMail({
    to: input.to,
    subject: input.passed
      ? `Hasil tes tulis: Anda lulus — ${input.programmeName}`
      : `Hasil tes tulis — ${input.programmeName}`,
    greeting: `Halo ${input.name},`,
    paragraphs,
    action: { label: 'Lihat di Aktivitas', url },
  })
}
