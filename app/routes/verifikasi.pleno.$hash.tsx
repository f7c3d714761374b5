import { data } from 'react-router'
import type { Route } from './+types/verifikasi.pleno.$hash'
import { verifyPlenaryHash } from '../../server/plenary/verifyPlenaryHash'
import { runtime } from '../../server/runtime'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'

// Public: whoever holds the plenary minutes scans its QR code to check that the hash
// printed on them belongs to a finalised plenary. No sign-in, no names, not indexed.
export function meta() {
  return [{ title: 'Verifikasi keputusan pleno — Latih' }, { name: 'robots', content: 'noindex, nofollow' }]
}

export function headers() {
  return { 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }
}

export async function loader({ params }: Route.LoaderArgs) {
  const { db } = await runtime()
  const v = await verifyPlenaryHash({ db }, { hash: params.hash })
  const hash = String(params.hash ?? '').slice(0, 80)
  if (!v) return data({ hash, verified: null }, { status: 404 })
  return {
    hash,
    verified: {
      hash: v.hash,
      institutionName: v.institutionName,
      programmeName: v.programmeName,
      batchLabel: v.batchLabel,
      minutesNumber: v.minutesNumber,
      heldOn: v.heldOn?.toISOString() ?? null,
      timeZone: v.timeZone,
      version: v.version,
      kind: v.kind,
      createdAt: v.createdAt.toISOString(),
      counts: v.counts,
      newer: v.newer ? { version: v.newer.version, createdAt: v.newer.createdAt.toISOString() } : null,
    },
  }
}

const text = defineText({
  id: {
    title: 'Verifikasi keputusan pleno',
    valid: 'Sidik ini milik keputusan pleno hasil seleksi yang sudah difinalkan.',
    validHint: 'Data di bawah tercatat di sistem Latih. Cocokkan dengan berita acara yang Anda pegang.',
    newer: 'Keputusan ini sudah diubah sesudahnya: versi terbaru adalah versi {n} ({time}). Mintalah berita acara versi terbaru kepada lembaga.',
    latest: 'Ini versi terbaru keputusan pleno.',
    invalid: 'Sidik ini tidak dikenal.',
    invalidHint:
      'Tidak ada keputusan pleno dengan sidik ini. Pindai ulang kode QR pada berita acara, atau salin sidik SHA-256 (64 karakter) yang tercetak di bawahnya dengan lengkap.',
    institution: 'Lembaga',
    programme: 'Program pelatihan',
    batch: 'Gelombang',
    minutes: 'Nomor berita acara',
    heldOn: 'Tanggal pleno',
    version: 'Versi',
    final: 'keputusan pleno',
    amendment: 'perubahan',
    decidedAt: 'Ditetapkan',
    passed: 'Lulus',
    reserve: 'Cadangan',
    notPassed: 'Tidak lulus',
    people: '{n} orang',
    hash: 'Sidik SHA-256',
    privacy: 'Halaman ini tidak menampilkan nama calon.',
  },
  en: {
    title: 'Plenary decision verification',
    valid: 'This hash belongs to a finalised selection plenary decision.',
    validHint: 'The details below are on record in Latih. Compare them with the minutes you hold.',
    newer: 'This decision has been amended since: the latest is version {n} ({time}). Ask the centre for the latest minutes.',
    latest: 'This is the latest version of the plenary decision.',
    invalid: 'This hash is not known.',
    invalidHint:
      'No plenary decision has this hash. Scan the QR code on the minutes again, or copy the full SHA-256 hash (64 characters) printed under it.',
    institution: 'Centre',
    programme: 'Training programme',
    batch: 'Batch',
    minutes: 'Minutes number',
    heldOn: 'Date of the plenary',
    version: 'Version',
    final: 'plenary decision',
    amendment: 'amendment',
    decidedAt: 'Decided',
    passed: 'Passed',
    reserve: 'Reserve',
    notPassed: 'Not passed',
    people: '{n} people',
    hash: 'SHA-256 hash',
    privacy: 'This page shows no candidate names.',
  },
})

export default function VerifyPlenary({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const v = loaderData.verified
  const when = (iso: string, tz: string) => formatDateTime(iso, locale, tz)
  const people = (n: number) => t.people.replace('{n}', String(n))
  return (
    <>
      <h1>{t.title}</h1>
      {v ? (
        <>
          <Notice kind="success">
            <p>
              <strong>{t.valid}</strong>
            </p>
            <p>{t.validHint}</p>
          </Notice>
          {v.newer ? (
            <Notice kind="warning">{t.newer.replace('{n}', String(v.newer.version)).replace('{time}', when(v.newer.createdAt, v.timeZone))}</Notice>
          ) : (
            <p>{t.latest}</p>
          )}
          <dl className="facts card">
            <dt>{t.institution}</dt>
            <dd>{v.institutionName}</dd>
            <dt>{t.programme}</dt>
            <dd>{v.programmeName}</dd>
            <dt>{t.batch}</dt>
            <dd>{v.batchLabel}</dd>
            <dt>{t.minutes}</dt>
            <dd style={{ overflowWrap: 'anywhere' }}>{v.minutesNumber}</dd>
            <dt>{t.heldOn}</dt>
            <dd>{v.heldOn ? when(v.heldOn, v.timeZone) : '—'}</dd>
            <dt>{t.version}</dt>
            <dd>
              {v.version} ({v.kind === 'final' ? t.final : t.amendment})
            </dd>
            <dt>{t.decidedAt}</dt>
            <dd>{when(v.createdAt, v.timeZone)}</dd>
            <dt>{t.passed}</dt>
            <dd>{people(v.counts.passed)}</dd>
            <dt>{t.reserve}</dt>
            <dd>{people(v.counts.reserve)}</dd>
            <dt>{t.notPassed}</dt>
            <dd>{people(v.counts.notPassed)}</dd>
            <dt>{t.hash}</dt>
            <dd>
              <code style={{ wordBreak: 'break-all' }}>{v.hash}</code>
            </dd>
          </dl>
          <p className="small muted">{t.privacy}</p>
        </>
      ) : (
        <Notice kind="error">
          <p>
            <strong>{t.invalid}</strong>
          </p>
          <p>{t.invalidHint}</p>
        </Notice>
      )}
    </>
  )
}
