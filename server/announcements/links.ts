import { publicLink } from '../links'

// Public addresses of the results, for the committee's page, the caption and the
// WhatsApp share link.

export const publicResultsUrl = (batchId: string) => publicLink(`/hasil/${batchId}`)
export const publicLookupUrl = () => publicLink('/hasil/cek')

/** The caption posted with the Instagram pages (and shared on WhatsApp). */
export function resultsCaption(input: {
  institutionName: string
  programmeName: string
  batchLabel: string
  batchId: string
  reRegistrationDeadline: string
}): string {
  return [
    `PENGUMUMAN HASIL SELEKSI`,
    `${input.programmeName} — ${input.batchLabel}`,
    input.institutionName,
    '',
    'Selamat kepada calon peserta yang dinyatakan lulus! Nama ditulis disingkat; cocokkan dengan nomor pendaftaran Anda.',
    `Yang lulus wajib daftar ulang paling lambat ${input.reRegistrationDeadline}: konfirmasi di aplikasi Latih (menu Aktivitas), lalu datang ke meja pendaftaran membawa fotokopi KTP, fotokopi ijazah terakhir, dan tanda pendaftaran.`,
    'Calon cadangan dipanggil sesuai urutan bila ada tempat yang kosong.',
    '',
    `Daftar lengkap: ${publicResultsUrl(input.batchId)}`,
    `Cek hasil Anda (nomor pendaftaran + tanggal lahir): ${publicLookupUrl()}`,
    '',
    '#PelatihanVokasi #Kemnaker #BPVP',
  ].join('\n')
}

/** A wa.me link that opens WhatsApp with the results page's address typed in. */
export function whatsAppShareUrl(input: { programmeName: string; batchLabel: string; batchId: string }): string {
  const text = `Pengumuman hasil seleksi ${input.programmeName} ${input.batchLabel}: ${publicResultsUrl(input.batchId)}`
  return `https://wa.me/?text=${encodeURIComponent(text)}`
}
