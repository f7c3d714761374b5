import { renderMail } from '../mail/render'
import type { MailMessage } from '../mail/transport'
import { publicLink } from '../links'

function link(path: string, token: string): string {
  return publicLink(path, { token })
}

export function verificationMail(input: { to: string; name: string; token: string }): MailMessage {
  return renderMail({
    to: input.to,
    subject: 'Verifikasi e-mail akun Latih Anda',
    greeting: `Halo ${input.name},`,
    paragraphs: [
      'Terima kasih telah membuat akun Latih untuk mendaftar pelatihan di BPVP Kendari.',
      'Buka tautan di bawah untuk memastikan alamat e-mail ini milik Anda. Kami memakai e-mail ini untuk mengirim informasi pendaftaran dan hasil seleksi.',
    ],
    action: { label: 'Verifikasi e-mail', url: link('/verifikasi-email', input.token) },
    note: 'Tautan ini berlaku 3 hari dan hanya bisa dipakai sekali. Jika Anda tidak merasa membuat akun Latih, abaikan e-mail ini.',
  })
}

export function passwordResetMail(input: { to: string; name: string; token: string }): MailMessage {
  return renderMail({
    to: input.to,
    subject: 'Atur ulang kata sandi akun Latih Anda',
    greeting: `Halo ${input.name},`,
    paragraphs: [
      'Kami menerima permintaan untuk mengatur ulang kata sandi akun Latih Anda.',
      'Buka tautan di bawah, lalu buat kata sandi baru.',
    ],
    action: { label: 'Atur kata sandi baru', url: link('/atur-sandi', input.token) },
    note: 'Tautan ini berlaku 1 jam dan hanya bisa dipakai sekali. Jika Anda tidak memintanya, abaikan e-mail ini; kata sandi Anda tidak berubah.',
  })
}
