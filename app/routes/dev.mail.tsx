import { desc } from 'drizzle-orm'
import { data } from 'react-router'
import type { Route } from './+types/dev.mail'
import { localMail } from '../../server/db/schema'
import { env } from '../../server/env'
import { runtime } from '../../server/runtime'

// Development only: mail kept locally when no SMTP server is configured.
export async function loader() {
  const config = env()
  if (config.SMTP_URL || (config.NODE_ENV === 'production' && config.DATABASE_URL)) {
    throw data('Not found', { status: 404 })
  }
  const { db } = await runtime()
  const mails = await db.select().from(localMail).orderBy(desc(localMail.id)).limit(50)
  return { mails: mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }
}

export default function DevMail({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Kotak surat pengembangan</h1>
      <p className="muted">E-mail yang dikirim aplikasi ketika SMTP belum diatur. Halaman ini tidak ada di produksi.</p>
      {loaderData.mails.length === 0 ? <p>Belum ada e-mail.</p> : null}
      {loaderData.mails.map((m) => (
        <article className="card" key={m.id}>
          <h2>{m.subject}</h2>
          <p className="small muted">
            Kepada: {m.to} · {m.createdAt}
          </p>
          <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{linkify(m.text)}</pre>
        </article>
      ))}
    </>
  )
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  )
}
