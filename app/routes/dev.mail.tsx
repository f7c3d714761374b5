import { desc } from 'drizzle-orm'
import { data } from 'react-router'
import type { Route } from './+types/dev.mail'
import { hasRole } from '../../server/auth/permissions'
import { localMail } from '../../server/db/schema'
import { env, localMailboxEnabled } from '../../server/env'
import { runtime } from '../../server/runtime'
import { getActor } from '../lib/session.server'

// The mail kept locally when no SMTP server is configured: only in development and the
// demo, and only for a signed-in administrator there (the mails hold password links).
// Everyone else gets the same 404 as for a page that does not exist.
export async function loader({ request }: Route.LoaderArgs) {
  if (!localMailboxEnabled(env())) throw data('Not found', { status: 404 })
  const actor = await getActor(request)
  if (!hasRole(actor, 'administrator')) throw data('Not found', { status: 404 })
  const { db } = await runtime()
  const mails = await db.select().from(localMail).orderBy(desc(localMail.id)).limit(50)
  return { mails: mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }
}

export default function DevMail({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Kotak surat pengembangan</h1>
      <p className="muted">E-mail yang dikirim aplikasi ketika SMTP belum diatur (demo dan pengembangan). Halaman ini hanya untuk administrator dan tidak ada di produksi.</p>
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
