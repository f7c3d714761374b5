import { formatZonedDateTime } from '../../domain/zonedTime'
import { renderMail } from '../mail/render'
import type { MailMessage } from '../mail/transport'
import { publicLink } from '../links'

// Mails of re-registration (SOP step 10). They go out through the announcement's one
// function for announcement and reminder mails (enqueueAnnouncementMail), so mail
// categories and pacing change in one place.

/** A reserve promoted into a place: they passed now, and have their own deadline to re-register. */
export function reservePromotedMail(input: {
  to: string
  name: string
  registrationId: string
  registrationNumber: string
  programmeName: string
  batchLabel: string
  institutionName: string
  deadline: Date
  timeZone: string
}): MailMessage {
  const deadline = formatZonedDateTime(input.deadline, input.timeZone)
  return renderMail({
    to: input.to,
    subject: `Selamat, Anda naik dari cadangan menjadi lulus — ${input.programmeName}`,
    greeting: `Halo ${input.name},`,
    paragraphs: [
      `Ada tempat yang kosong pada ${input.programmeName}, ${input.batchLabel} di ${input.institutionName}. Sebagai calon cadangan berikutnya, Anda kini dinyatakan LULUS seleksi (nomor pendaftaran ${input.registrationNumber}).`,
      `Daftar ulang (wajib) paling lambat ${deadline}: konfirmasi kesediaan Anda di aplikasi Latih, lalu datang ke meja pendaftaran dengan membawa fotokopi KTP, fotokopi ijazah terakhir, dan tanda pendaftaran.`,
      'Bila tidak daftar ulang sampai batas waktu itu, tempat ini dinyatakan gugur dan diberikan kepada calon cadangan berikutnya.',
    ],
    action: { label: 'Daftar ulang sekarang', url: publicLink(`/aktivitas/${input.registrationId}/daftar-ulang`) },
    note: `Batas daftar ulang: ${deadline}.`,
  })
}
