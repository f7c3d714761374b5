import type { MailMessage } from './transport'

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

export interface MailContent {
  to: string
  subject: string
  greeting: string
  paragraphs: string[]
  action?: { label: string; url: string }
  /** Shown under the action, e.g. how long a link stays valid. */
  note?: string
}

/** One plain layout for every mail: readable as text, simple HTML for phones. */
export function renderMail(content: MailContent): MailMessage {
  const textParts = [content.greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])]
  if (content.action) textParts.push(`${content.action.label}:`, content.action.url, '')
  if (content.note) textParts.push(content.note, '')
  textParts.push('—', 'Latih · BPVP Kendari', 'E-mail ini dikirim otomatis; mohon tidak dibalas.')

  const html = `<!doctype html><html lang="id"><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px;margin:auto;padding:16px">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:13px;color:#555">Jika tombol tidak berfungsi, salin tautan ini: ${escapeHtml(content.action.url)}</p>`
    : ''
}
${content.note ? `<p style="font-size:13px;color:#555">${escapeHtml(content.note)}</p>` : ''}
<hr><p style="font-size:12px;color:#777">Latih · BPVP Kendari. E-mail ini dikirim otomatis; mohon tidak dibalas.</p>
</body></html>`
  return { to: content.to, subject: content.subject, text: textParts.join('\n'), html }
}
