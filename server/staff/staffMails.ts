import type { StaffRole } from '../auth/actor'
import { renderMail } from '../mail/render'
import type { MailMessage } from '../mail/transport'
import { roleList } from './roles'
import { publicLink } from '../links'

/** The one-time link an invited staff member (or a first administrator) sets a password with. */
export function setPasswordLink(token: string): string {
  return publicLink('/atur-sandi', { token })
}

export function staffInvitationMail(input: {
  to: string
  name: string
  institutionName: string
  roles: readonly StaffRole[]
  invitedBy: string | null
  link: string
}): MailMessage {
  return renderMail({
    to: input.to,
    subject: `Undangan staf Latih ${input.institutionName}`,
    greeting: `Halo ${input.name},`,
    paragraphs: [
      input.invitedBy
        ? `${input.invitedBy} mengundang Anda menjadi staf ${input.institutionName} di Latih, dengan peran: ${roleList(input.roles)}.`
        : `Anda didaftarkan sebagai staf ${input.institutionName} di Latih, dengan peran: ${roleList(input.roles)}.`,
      'Buat kata sandi Anda melalui tautan di bawah. Setelah itu Anda langsung masuk dan dapat membuka menu sesuai peran Anda.',
      'Jangan berikan kata sandi Anda kepada siapa pun.',
    ],
    action: { label: 'Buat kata sandi', url: input.link },
    note: `Tautan ini berlaku 7 hari dan hanya dapat dipakai sekali. Jika Anda tidak mengenal undangan ini, abaikan e-mail ini atau hubungi ${input.institutionName}.`,
  })
}

export function staffAccessMail(input: {
  to: string
  name: string
  institutionName: string
  roles: readonly StaffRole[]
  invitedBy: string | null
}): MailMessage {
  return renderMail({
    to: input.to,
    subject: `Anda kini staf ${input.institutionName} di Latih`,
    greeting: `Halo ${input.name},`,
    paragraphs: [
      `${input.invitedBy ?? 'Administrator'} memberi akun Latih Anda peran di ${input.institutionName}: ${roleList(input.roles)}.`,
      'Masuk dengan e-mail dan kata sandi Anda yang sudah ada; menu untuk peran baru tampil di beranda staf.',
    ],
    action: { label: 'Masuk ke Latih', url: publicLink('/masuk') },
  })
}
