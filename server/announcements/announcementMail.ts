import type { PlenaryOutcome } from '../../domain/ranking'
import { formatZonedDateTime } from '../../domain/zonedTime'
import type { DbOrTx } from '../db/client'
import { renderMail } from '../mail/render'
import { enqueueMail, type MailAbout } from '../mail/sendMail'
import type { MailMessage } from '../mail/transport'
import { publicLink } from '../links'

// The e-mail each candidate of the plenary gets when the results are announced (SOP
// step 9): their outcome, and for those who passed what to do next and by when.

/**
 * Every announcement (and, later, reminder) mail goes out through here, so mail
 * categories and pacing for bulk mail are one change in one place.
 */
export async function enqueueAnnouncementMail(
  tx: DbOrTx,
  message: MailMessage,
  now: Date,
  about: Omit<MailAbout, 'category'> = {},
): Promise<void> {
  // Bulk: the paced queue, so transactional mail never waits behind a batch's results.
  await enqueueMail(tx, message, now, { ...about, category: 'announcement' })
}

export function resultsAnnouncedMail(input: {
  to: string
  name: string
  registrationId: string
  registrationNumber: string
  programmeName: string
  batchLabel: string
  institutionName: string
  outcome: PlenaryOutcome
  reservePlace: number | null
  reRegistrationDeadline: Date
  timeZone: string
}): MailMessage {
  const where = `${input.programmeName}, ${input.batchLabel} (nomor pendaftaran ${input.registrationNumber})`
  const aktivitas = publicLink(`/aktivitas/${input.registrationId}`)
  if (input.outcome === 'passed') {
    const deadline = formatZonedDateTime(input.reRegistrationDeadline, input.timeZone)
    return renderMail({
      to: input.to,
      subject: `Selamat, Anda lulus seleksi — ${input.programmeName}`,
      greeting: `Halo ${input.name},`,
      paragraphs: [
        `Selamat! Berdasarkan rapat pleno panitia seleksi ${input.institutionName}, Anda dinyatakan LULUS seleksi ${where}.`,
        `Langkah berikutnya: daftar ulang (wajib) paling lambat ${deadline}. Konfirmasi kesediaan Anda di aplikasi Latih, lalu datang ke meja pendaftaran dengan membawa fotokopi KTP, fotokopi ijazah terakhir, dan tanda pendaftaran.`,
        'Bila tidak daftar ulang sampai batas waktu itu, tempat Anda dinyatakan gugur dan diberikan kepada calon cadangan.',
      ],
      action: { label: 'Daftar ulang sekarang', url: `${aktivitas}/daftar-ulang` },
      note: `Batas daftar ulang: ${deadline}.`,
    })
  }
  if (input.outcome === 'reserve') {
    return renderMail({
      to: input.to,
      subject: `Hasil seleksi: Anda calon cadangan — ${input.programmeName}`,
      greeting: `Halo ${input.name},`,
      paragraphs: [
        `Berdasarkan rapat pleno panitia seleksi ${input.institutionName}, Anda ditetapkan sebagai CALON CADANGAN urutan ke-${input.reservePlace ?? '?'} pada seleksi ${where}.`,
        'Bila ada peserta lulus yang tidak daftar ulang atau mengundurkan diri, calon cadangan dipanggil sesuai urutan. Kami akan memberi tahu Anda melalui e-mail dan Aktivitas; pantau keduanya.',
      ],
      action: { label: 'Lihat di Aktivitas', url: aktivitas },
    })
  }
  return renderMail({
    to: input.to,
    subject: `Hasil seleksi — ${input.programmeName}`,
    greeting: `Halo ${input.name},`,
    paragraphs: [
      `Terima kasih telah mengikuti seleksi ${where}. Berdasarkan rapat pleno panitia seleksi ${input.institutionName}, Anda belum lulus seleksi kali ini.`,
      'Pendaftaran ini berakhir, sehingga Anda dapat mendaftar di gelombang atau program lain yang sedang dibuka. Tetap semangat!',
    ],
    action: { label: 'Lihat di Aktivitas', url: aktivitas },
  })
}
