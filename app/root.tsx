import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useMatches, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/root'
import { getActor } from './lib/session.server'
import { getLocale } from './lib/locale.server'
import { defaultTimeZone } from '../server/institutions/defaultTimeZone'
import { runtime } from '../server/runtime'
import { SiteHeader, SiteFooter } from './ui/Layout'
import { useNonce } from './lib/nonce'
import { defineText, useText } from './i18n/text'
import './styles.css'

export async function loader({ request }: Route.LoaderArgs) {
  const { db } = await runtime()
  const [actor, locale, timeZone] = await Promise.all([getActor(request), getLocale(request), defaultTimeZone(db)])
  return {
    locale,
    timeZone,
    user: actor
      ? {
          kind: actor.kind,
          displayName: actor.displayName,
          roles: [...new Set(actor.roles.map((r) => r.role))],
          assisting: actor.assisted ? true : false,
        }
      : null,
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>

export function meta() {
  return [{ title: 'Latih — Pendaftaran Pelatihan BPVP Kendari' }]
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData('root') as RootData | undefined
  const nonce = useNonce()
  // A route exporting `handle = { hydrate: false }` is served as plain HTML: no framework
  // JavaScript (the public results page everyone opens at once on announcement day).
  const hydrate = !useMatches().some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false)
  return (
    <html lang={data?.locale ?? 'id'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5cad" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? <ScrollRestoration nonce={nonce} /> : null}
        {hydrate ? <Scripts nonce={nonce} /> : null}
      </body>
    </html>
  )
}

export default function App() {
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <a className="skip-link" href="#main">
        {data.locale === 'en' ? 'Skip to content' : 'Langsung ke isi'}
      </a>
      <SiteHeader user={data.user} />
      <main id="main" className="container">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  )
}

const text = defineText({
  id: { oops: 'Terjadi kesalahan', notFound: 'Halaman tidak ditemukan', back: 'Kembali ke beranda', forbidden: 'Akses ditolak' },
  en: { oops: 'Something went wrong', notFound: 'Page not found', back: 'Back to home', forbidden: 'Access denied' },
})

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useText(text)
  const data = useRouteLoaderData('root') as RootData | undefined
  let title = t.oops
  let detail = ''
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? t.notFound : error.status === 403 ? t.forbidden : `${error.status}`
    // Only messages we wrote for people; never the router's internal error text.
    detail = error.status !== 404 && typeof error.data === 'string' && !error.data.startsWith('Error:') ? error.data : ''
  } else if (import.meta.env.DEV && error instanceof Error) {
    detail = error.message
  }
  return (
    <>
      <SiteHeader user={data?.user ?? null} />
      <main id="main" className="container">
        <h1>{title}</h1>
        {detail ? <p>{detail}</p> : null}
        <p>
          <a href="/">{t.back}</a>
        </p>
      </main>
      <SiteFooter />
    </>
  )
}
