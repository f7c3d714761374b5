import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kios.daftar-ulang._index'
import { STATE_LABELS } from '../../domain/registrationStates'
import { getAssistedCandidate } from '../../server/kiosk/getAssistedCandidate'
import { startAssistedSession } from '../../server/kiosk/startAssistedSession'
import { findForDesk } from '../../server/reRegistration/findForDesk'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { parseForm, readFormData, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { requireKioskOfficer } from './kios.server'

export function meta() {
  return [{ title: 'Daftar ulang di meja — Kios — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireKioskOfficer(request)
  const panel = await getAssistedCandidate(ctx)
  return { panel }
}

const Schema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('search'), query: z.string({ error: 'Ketik nomor pendaftaran atau NIK.' }) }),
    z.object({
      intent: z.literal('start'),
      candidateId: z.string({ error: 'Calon peserta tidak ditemukan.' }),
      searchToken: z.string().default(''),
      registrationId: z.uuid({ error: 'Pendaftaran tidak ditemukan.' }),
    }),
  ],
  { error: 'Tindakan tidak dikenal.' },
)

// The search is a POST so a NIK never lands in the shared desk's address bar or history.
export async function action({ request }: Route.ActionArgs) {
  const { ctx, institutionId } = await requireKioskOfficer(request)
  const formData = await readFormData(request)
  const parsed = parseForm(formData, Schema)
  if (!parsed.ok) return parsed.response
  try {
    if (parsed.value.intent === 'search') {
      const matches = await findForDesk(ctx, { institutionId, query: parsed.value.query })
      return { ok: true as const, query: parsed.value.query, matches }
    }
    await startAssistedSession(ctx, {
      institutionId,
      candidateId: parsed.value.candidateId,
      searchToken: parsed.value.searchToken,
    })
    return redirect(`/kios/daftar-ulang/${parsed.value.registrationId}`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    kiosk: 'Kios',
    title: 'Daftar ulang di meja pendaftaran',
    lead: 'Cari calon peserta yang lulus dengan nomor pendaftaran (pada tanda pendaftaran) atau NIK (pada KTP), mulai sesi bantuan, lalu periksa setiap dokumen yang dibawa.',
    query: 'Nomor pendaftaran atau NIK',
    queryHint: 'Misalnya KDI-LAS-2026.1-0001, atau 16 digit NIK.',
    search: 'Cari',
    formError: 'Pencarian belum dapat dilakukan.',
    none: 'Tidak ada calon peserta yang sedang daftar ulang dengan nomor atau NIK ini di lembaga ini.',
    number: 'Nomor pendaftaran',
    nik: 'NIK',
    birthDate: 'Tanggal lahir',
    programme: 'Program',
    state: 'Status',
    deadline: 'Batas daftar ulang',
    confirmed: 'Konfirmasi daring',
    yes: 'Sudah',
    no: 'Belum',
    checkKtp: 'Cocokkan nama, NIK dan tanggal lahir dengan KTP asli sebelum memulai.',
    start: 'Mulai pemeriksaan dokumen',
    sessionTitle: 'Sesi bantuan sedang terbuka',
    session: 'Anda sedang membantu {name}.',
    open: 'Buka pemeriksaan dokumen',
    noRr: 'Calon peserta ini tidak sedang daftar ulang.',
    end: 'Akhiri sesi bantuan',
  },
  en: {
    kiosk: 'Kiosk',
    title: 'Re-registration at the desk',
    lead: 'Find a candidate who passed by registration number (on the receipt) or NIK (on the ID card), start an assistance session, then check each document they brought.',
    query: 'Registration number or NIK',
    queryHint: 'For example KDI-LAS-2026.1-0001, or the 16-digit NIK.',
    search: 'Search',
    formError: 'The search could not be done.',
    none: 'No candidate re-registering at this centre has this number or NIK.',
    number: 'Registration number',
    nik: 'NIK',
    birthDate: 'Date of birth',
    programme: 'Programme',
    state: 'Status',
    deadline: 'Re-registration deadline',
    confirmed: 'Confirmed online',
    yes: 'Yes',
    no: 'Not yet',
    checkKtp: 'Check the name, NIK and date of birth against the original ID card before you start.',
    start: 'Start the document check',
    sessionTitle: 'An assistance session is open',
    session: 'You are helping {name}.',
    open: 'Open the document check',
    noRr: 'This candidate is not re-registering.',
    end: 'End assistance session',
  },
})

export default function DeskSearch({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const f = useFormat()
  const locale = useLocale()
  const { panel } = loaderData
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const result = actionData && actionData.ok ? actionData : undefined
  if (panel) {
    const reg = panel.activeRegistration
    return (
      <>
        <p className="small">
          <Link to="/kios">{t.kiosk}</Link>
        </p>
        <h1>{t.title}</h1>
        <section className="card" aria-labelledby="desk-session">
          <h2 id="desk-session">{t.sessionTitle}</h2>
          <p>{t.session.replace('{name}', panel.fullName)}</p>
          {reg ? (
            <p>
              <Link className="button" to={`/kios/daftar-ulang/${reg.id}`}>
                {t.open}
              </Link>
            </p>
          ) : (
            <p>{t.noRr}</p>
          )}
          <Form method="post" action="/kios/akhiri">
            <button type="submit" className="secondary">
              {t.end}
            </button>
          </Form>
        </section>
      </>
    )
  }
  return (
    <>
      <p className="small">
        <Link to="/kios">{t.kiosk}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormErrors state={failed} title={t.formError} />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="search" />
        <Field
          key={result?.query ?? 'search'}
          name="query"
          label={t.query}
          hint={t.queryHint}
          state={failed}
          defaultValue={result?.query}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t.search}
          </button>
        </div>
      </Form>
      {result && result.matches.length === 0 ? <Notice kind="warning">{t.none}</Notice> : null}
      {result?.matches.map((m) => (
        <section key={m.registrationId} className="card" aria-labelledby={`m-${m.registrationId}`}>
          <h2 id={`m-${m.registrationId}`}>{m.fullName}</h2>
          <dl className="facts">
            <dt>{t.number}</dt>
            <dd>{m.number}</dd>
            <dt>{t.nik}</dt>
            <dd>{m.nikMasked}</dd>
            <dt>{t.birthDate}</dt>
            <dd>{m.birthDate ? f.date(m.birthDate) : '—'}</dd>
            <dt>{t.programme}</dt>
            <dd>
              {m.programmeName}, {m.batchLabel}
            </dd>
            <dt>{t.state}</dt>
            <dd>
              <span className="badge">{STATE_LABELS[m.state][locale]}</span>
            </dd>
            <dt>{t.deadline}</dt>
            <dd>{f.dateTime(m.deadline)}</dd>
            <dt>{t.confirmed}</dt>
            <dd>{m.confirmedAt ? t.yes : t.no}</dd>
          </dl>
          <p className="hint">{t.checkKtp}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <input type="hidden" name="candidateId" value={m.candidateId} />
            <input type="hidden" name="searchToken" value={m.startToken} />
            <input type="hidden" name="registrationId" value={m.registrationId} />
            <div className="actions">
              <button type="submit" className="primary">
                {t.start}
                <span className="visually-hidden"> ({m.fullName})</span>
              </button>
            </div>
          </Form>
        </section>
      ))}
    </>
  )
}
