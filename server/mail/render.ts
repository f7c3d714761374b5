import type { MailMessage } from './transport'

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

export interface MailContent {
  to: string
  subject: string
  greeting: string
  /** Worded for both parts: say "tautan di bawah" (a link), never "tombol" (a button). */
  paragraphs: string[]
  action?: { label: string; url: string }
  /** Shown under the action, e.g. how long a link stays valid. */
  note?: string
}

/** Who answers questions about a mail: shown in every footer, replies go to replyTo. */
export interface MailContact {
  institutionName: string
  address: string
  phone: string | null
  helpDeskHours: string | null
  /** A monitored mailbox; null when replies are not read. */
  replyTo: string | null
}

const HTML_END = '</body></html>'

/**
 * One plain layout for every mail: readable as text, simple HTML for phones. The footer
 * with the institution's contact is added by finishMail when the mail is enqueued.
 */
export function renderMail(content: MailContent): MailMessage {
  const textParts = [content.greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])]
  if (content.action) textParts.push(`${content.action.label} — buka tautan berikut:`, content.action.url, '')
  if (content.note) textParts.push(content.note, '')

  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px;margin:auto;padding:16px">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:13px;color:#555">Jika tombol tidak berfungsi, salin tautan ini: ${escapeHtml(content.action.url)}</p>`
    : ''
}
${content.note ? `<p style="font-size:13px;color:#555">${escapeHtml(content.note)}</p>` : ''}
${HTML_END}`
  return { to: content.to, subject: content.subject, text: textParts.join('\n'), html }
}

/** The footer's lines: who sent it, where and when to ask, and whether a reply is read. */
export function footerLines(contact: MailContact | null): string[] {
  if (!contact) return ['Latih', 'E-mail ini dikirim otomatis oleh Latih; balasan ke alamat pengirim tidak dibaca.']
  const lines = [`Latih · ${contact.institutionName}`]
  if (contact.address.trim()) lines.push(contact.address.trim())
  if (contact.phone) lines.push(`Telepon: ${contact.phone}`)
  if (contact.helpDeskHours) lines.push(`Layanan bantuan: ${contact.helpDeskHours}`)
  lines.push(
    contact.replyTo
      ? `E-mail ini dikirim otomatis. Untuk bertanya, balas e-mail ini atau tulis ke ${contact.replyTo}.`
      : `E-mail ini dikirim otomatis; balasan tidak dibaca. Untuk bertanya, hubungi ${contact.institutionName}${contact.phone ? ' lewat telepon di atas' : ''}${contact.address.trim() ? ' atau datang ke alamat di atas' : ''}.`,
  )
  return lines
}

/**
 * Adds the footer (the institution's contact) and Reply-To to a rendered mail. Every mail
 * goes through here once, in enqueueMail.
 */
export function finishMail(message: MailMessage, contact: MailContact | null): MailMessage {
  const lines = footerLines(contact)
  const text = `${message.text.replace(/\n+$/, '')}\n\n—\n${lines.join('\n')}\n`
  const footer = `<hr><p style="font-size:12px;color:#555">${lines.map(escapeHtml).join('<br>')}</p>\n`
  const html = message.html.endsWith(HTML_END)
    ? `${message.html.slice(0, -HTML_END.length)}${footer}${HTML_END}`
    : `${message.html}${footer}`
  return { ...message, text, html, ...(contact?.replyTo ? { replyTo: contact.replyTo } : {}) }
}
