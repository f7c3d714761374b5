import type { Route } from './+types/verifikasi.$number'
import { verifyReceipt } from '../../server/registrations/verifyReceipt'
import { runtime } from '../../server/runtime'
import { formatDateTime } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Notice } from '../ui/Notice'

// Public: whoever holds a receipt (an employer, the organiser, the candidate) scans its
// QR code to check it. No sign-in, not indexed by search engines.
export function meta() {
  return [{ title: 'Verifikasi tanda pendaftaran — Latih' }, { name: 'robots', content: 'noindex, nofollow' }]
}

export function headers() {
  return { 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db } = await runtime()
  const signature = new URL(request.url).searchParams.get('s')
  const receipt = await verifyReceipt({ db }, { number: params.number, signature })
  return {
    receipt: receipt
      ? {
          number: receipt.number,
          fullName: receipt.fullName,
          programmeName: receipt.programmeName,
          batchLabel: receipt.batchLabel,
          institutionName: receipt.institutionName,
          registeredAt: receipt.registeredAt.toISOString(),
          timeZone: receipt.timeZone,
          withdrawn: receipt.withdrawn,
          withdrawnAt: receipt.withdrawnAt?.toISOString() ?? null,
        }
      : null,
  }
}

const text = defineText({
  id: {
    title: 'Verifikasi tanda pendaftaran',
    valid: 'Tanda pendaftaran ini asli.',
    validHint: 'Data di bawah tercatat di sistem Latih. Cocokkan dengan tanda pendaftaran yang Anda pegang.',
    invalid: 'Tanda pendaftaran tidak dapat diverifikasi.',
    invalidHint:
      'Alamat ini tidak cocok dengan tanda pendaftaran mana pun. Pindai ulang kode QR pada tanda pendaftaran, atau salin alamat yang tercetak di bawahnya dengan lengkap.',
    number: 'Nomor pendaftaran',
    name: 'Nama',
    withdrawn: 'Pendaftaran ini telah dibatalkan (mundur).',
    withdrawnAt: 'Dibatalkan pada {date}. Tanda pendaftaran ini asli, tetapi tidak berlaku lagi.',
    withdrawnHint: 'Tanda pendaftaran ini asli, tetapi tidak berlaku lagi.',
    programme: 'Program pelatihan',
    batch: 'Gelombang',
    institution: 'Lembaga',
    registeredAt: 'Tanggal pendaftaran',
  },
  en: {
    title: 'Registration receipt verification',
    valid: 'This registration receipt is genuine.',
    validHint: 'The details below are on record in Latih. Compare them with the receipt you hold.',
    invalid: 'This registration receipt cannot be verified.',
    invalidHint:
      'This address does not match any registration receipt. Scan the QR code on the receipt again, or copy the full address printed under it.',
    number: 'Registration number',
    name: 'Name',
    withdrawn: 'This registration was withdrawn.',
    withdrawnAt: 'Cancelled on {date}. The receipt is genuine, but no longer valid.',
    withdrawnHint: 'The receipt is genuine, but no longer valid.',
    programme: 'Training programme',
    batch: 'Batch',
    institution: 'Centre',
    registeredAt: 'Registration date',
  },
})

export default function VerifyReceipt({ loaderData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const r = loaderData.receipt
  return (
    <>
      <h1>{t.title}</h1>
      {r ? (
        <>
          {r.withdrawn ? (
            <Notice kind="warning">
              <p>
                <strong>{t.withdrawn}</strong>
              </p>
              <p>
                {r.withdrawnAt
                  ? t.withdrawnAt.replace('{date}', formatDateTime(r.withdrawnAt, locale, r.timeZone))
                  : t.withdrawnHint}
              </p>
            </Notice>
          ) : (
            <Notice kind="success">
              <p>
                <strong>{t.valid}</strong>
              </p>
              <p>{t.validHint}</p>
            </Notice>
          )}
          <dl className="facts card">
            <dt>{t.number}</dt>
            <dd>{r.number}</dd>
            <dt>{t.name}</dt>
            <dd>{r.fullName}</dd>
            <dt>{t.programme}</dt>
            <dd>{r.programmeName}</dd>
            <dt>{t.batch}</dt>
            <dd>{r.batchLabel}</dd>
            <dt>{t.institution}</dt>
            <dd>{r.institutionName}</dd>
            <dt>{t.registeredAt}</dt>
            {/* In the zone of the centre that issued it, as printed on the receipt. */}
            <dd>{formatDateTime(r.registeredAt, locale, r.timeZone)}</dd>
          </dl>
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
