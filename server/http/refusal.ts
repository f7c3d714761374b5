import type { Response } from 'express'

/** What the server answers itself, before React Router, in both languages of the site. */
export const REFUSALS = {
  tooLarge: {
    status: 413,
    id: 'Kiriman terlalu besar. Kembali, lalu kirim isian yang lebih pendek atau berkas yang lebih kecil.',
    en: 'What was sent is too large. Go back and send shorter text or a smaller file.',
  },
  notAForm: {
    status: 415,
    id: 'Halaman ini hanya menerima isian formulir.',
    en: 'This page only accepts form submissions.',
  },
  malformed: {
    status: 400,
    id: 'Isian formulir tidak dapat dibaca. Kembali, lalu kirim lagi.',
    en: 'The form could not be read. Go back and send it again.',
  },
  badCharacter: {
    status: 400,
    id: 'Isian berisi karakter yang tidak diizinkan (karakter kosong/NUL). Hapus karakter itu, lalu kirim lagi.',
    en: 'The form contains a character that is not allowed (NUL). Remove it and send again.',
  },
  badAddress: {
    status: 400,
    id: 'Alamat halaman tidak valid.',
    en: 'The page address is not valid.',
  },
} as const

export type RefusalKind = keyof typeof REFUSALS

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Answer with a small page of our own (no React: this runs before the router). Data
 * requests of the JavaScript client (`*.data`) get the message as plain text.
 */
export function sendRefusal(res: Response, kind: RefusalKind): void {
  const refusal = REFUSALS[kind]
  res.status(refusal.status)
  if (res.req.path.endsWith('.data')) {
    res.type('text/plain; charset=utf-8').send(`${refusal.id}\n${refusal.en}\n`)
    return
  }
  res.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${refusal.status} — Latih</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main><h1>${escape(refusal.id)}</h1><p lang="en">${escape(refusal.en)}</p><p><a href="/">Kembali ke beranda</a></p></main></body></html>
`)
}
