import type { ReactNode } from 'react'
import { Form, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kios._index'
import { STATE_LABELS } from '../../domain/registrationStates'
import { findCandidateByNik } from '../../server/kiosk/findCandidateByNik'
import { getAssistedCandidate } from '../../server/kiosk/getAssistedCandidate'
import { parseForm, useCaseFailure } from '../lib/forms.server'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText } from '../i18n/text'
import { Field, FormErrors, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'
import { requireKioskOfficer } from './kios.server'

export function meta() {
  return [{ title: 'Kios pendaftaran — Latih' }]
}

export async function loader({ request }: Route.LoaderArgs) {
  const { ctx } = await requireKioskOfficer(request)
  const url = new URL(request.url)
  const panel = await getAssistedCandidate(ctx)
  return {
    panel,
    finished: !panel && url.searchParams.get('selesai') === '1',
    created: !!panel && url.searchParams.get('akun') === 'baru',
    reassigned: !!panel && url.searchParams.get('akun') === 'dialihkan',
  }
}

const SearchSchema = z.object({ nik: z.string({ error: 'NIK wajib diisi.' }) })

// The search is a POST so the NIK never lands in the address bar or the shared
// computer's browser history.
export async function action({ request }: Route.ActionArgs) {
  const { ctx, institutionId } = await requireKioskOfficer(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, SearchSchema)
  if (!parsed.ok) return parsed.response
  try {
    const match = await findCandidateByNik(ctx, { institutionId, nik: parsed.value.nik })
    return { ok: true as const, nik: parsed.value.nik.replace(/\s+/g, ''), match }
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    title: 'Bantu pendaftaran calon peserta',
    finished: 'Sesi bantuan selesai. Data calon peserta tidak lagi ditampilkan di layar ini.',
    guideTitle: 'Sebelum membantu',
    guide1: 'Minta KTP asli calon peserta, lalu cocokkan NIK dan nama di layar dengan KTP tersebut.',
    guide2:
      'Calon peserta harus punya alamat e-mail yang bisa ia buka sekarang: tautan untuk membuat kata sandi dan memverifikasi e-mail dikirim ke sana.',
    guide3: 'Jangan pernah menanyakan, mengetik, atau mencatat kata sandi calon peserta.',
    guide4: 'Bantu satu calon peserta dalam satu waktu, dan akhiri sesi bantuan setelah selesai.',
    searchTitle: 'Cari akun dengan NIK',
    nik: 'NIK (16 digit, sesuai KTP)',
    nikHint: 'Boleh diketik dengan spasi, misalnya 7471 0101 0101 0001.',
    search: 'Cari',
    searching: 'Mencari…',
    formError: 'Pencarian belum dapat dilakukan.',
    foundTitle: 'Akun ditemukan',
    name: 'Nama',
    nikLabel: 'NIK',
    birthDate: 'Tanggal lahir',
    email: 'E-mail',
    password: 'Kata sandi',
    passwordSet: 'Sudah dibuat',
    passwordMissing: 'Belum dibuat',
    emailStatus: 'Verifikasi e-mail',
    verified: 'Terverifikasi',
    notVerified: 'Belum diverifikasi',
    checkKtp: 'Pastikan nama dan tanggal lahir sama dengan KTP asli sebelum memulai.',
    start: 'Mulai sesi bantuan',
    notTheirsTitle: 'Akun ini bukan milik orang di depan Anda?',
    notTheirsHint:
      'Jika nama atau tanggal lahir akun ini tidak cocok dengan KTP asli orang di depan Anda, NIK-nya mungkin dipakai orang lain. Setelah memeriksa KTP asli, Anda dapat mengalihkan NIK kepadanya.',
    notTheirs: 'NIK ini milik orang yang ada di depan saya',
    reassigned:
      'NIK telah dialihkan: akun lama dikunci dan diberi tahu. Akun baru dibuat; e-mail berisi tautan untuk membuat kata sandi telah dikirim ke {email}.',
    notFoundTitle: 'NIK tidak ditemukan',
    notFound: 'Belum ada akun Latih dengan NIK ini. Periksa sekali lagi dengan KTP; jika sudah benar, buatkan akun.',
    create: 'Buat akun untuk calon peserta ini',
    // Assisted-session panel
    sessionTitle: 'Sesi bantuan kios',
    created: 'Akun dibuat. E-mail berisi tautan untuk membuat kata sandi telah dikirim ke {email}.',
    startedAt: 'Sesi dimulai',
    passwordHint:
      'Calon peserta belum membuat kata sandi. Minta ia membuka e-mail dari Latih ({email}) dan menekan tombol «Buat kata sandi» di HP-nya sendiri; tautan itu sekaligus memverifikasi e-mail.',
    verifyHint:
      'E-mail calon peserta belum diverifikasi. Minta ia membuka e-mail dari Latih ({email}) dan menekan tautan verifikasi; program baru bisa didaftar setelah e-mail terverifikasi.',
    completeness: 'Kelengkapan profil',
    percent: '{n}% lengkap',
    complete: 'Profil sudah lengkap.',
    missing: 'Yang belum dilengkapi:',
    registrationTitle: 'Pendaftaran aktif',
    noRegistration: 'Belum ada pendaftaran aktif.',
    number: 'Nomor pendaftaran',
    programme: 'Program',
    batch: 'Gelombang',
    state: 'Status',
    stepsTitle: 'Langkah pendaftaran',
    step1: 'Lengkapi profil',
    step2: 'Unggah dokumen',
    step3: 'Pilih program',
    step4: 'Aktivitas & tanda pendaftaran',
    done: 'Selesai',
    todo: 'Belum',
    print: 'Cetak tanda pendaftaran',
    endTitle: 'Selesai membantu?',
    endHint: 'Setelah sesi diakhiri, data calon peserta ini tidak lagi ditampilkan di layar.',
    end: 'Akhiri sesi bantuan',
  },
  en: {
    title: 'Help candidates register',
    finished: 'Assistance session ended. The candidate’s data is no longer shown on this screen.',
    guideTitle: 'Before you help',
    guide1: 'Ask for the candidate’s original ID card (KTP) and check the NIK and name on screen against it.',
    guide2:
      'The candidate needs an e-mail address they can open now: the link to create a password and verify the e-mail is sent there.',
    guide3: 'Never ask for, type or write down the candidate’s password.',
    guide4: 'Help one candidate at a time, and end the assistance session when done.',
    searchTitle: 'Find the account by NIK',
    nik: 'NIK (16 digits, as on the ID card)',
    nikHint: 'Spaces are fine, e.g. 7471 0101 0101 0001.',
    search: 'Search',
    searching: 'Searching…',
    formError: 'The search could not be done.',
    foundTitle: 'Account found',
    name: 'Name',
    nikLabel: 'NIK',
    birthDate: 'Date of birth',
    email: 'E-mail',
    password: 'Password',
    passwordSet: 'Set',
    passwordMissing: 'Not set yet',
    emailStatus: 'E-mail verification',
    verified: 'Verified',
    notVerified: 'Not verified',
    checkKtp: 'Make sure the name and date of birth match the original ID card before you start.',
    start: 'Start assistance session',
    notTheirsTitle: 'Not the account of the person in front of you?',
    notTheirsHint:
      'If this account’s name or date of birth does not match the original ID card of the person in front of you, someone else may be using their NIK. After checking the original ID card, you can reassign the NIK to them.',
    notTheirs: 'This NIK belongs to the person in front of me',
    reassigned:
      'The NIK was reassigned: the old account is locked and was told. A new account was created; an e-mail with a link to create a password was sent to {email}.',
    notFoundTitle: 'NIK not found',
    notFound: 'There is no Latih account with this NIK. Check it once more against the ID card; if it is right, create an account.',
    create: 'Create an account for this candidate',
    sessionTitle: 'Kiosk assistance session',
    created: 'Account created. An e-mail with a link to create a password was sent to {email}.',
    startedAt: 'Session started',
    passwordHint:
      'The candidate has not created a password yet. Ask them to open the e-mail from Latih ({email}) and press “Buat kata sandi” on their own phone; that link also verifies the e-mail.',
    verifyHint:
      'The candidate’s e-mail is not verified yet. Ask them to open the e-mail from Latih ({email}) and follow the verification link; they can register for a programme once it is verified.',
    completeness: 'Profile completeness',
    percent: '{n}% complete',
    complete: 'The profile is complete.',
    missing: 'Still missing:',
    registrationTitle: 'Active registration',
    noRegistration: 'No active registration yet.',
    number: 'Registration number',
    programme: 'Programme',
    batch: 'Batch',
    state: 'Status',
    stepsTitle: 'Registration steps',
    step1: 'Complete the profile',
    step2: 'Upload documents',
    step3: 'Choose a programme',
    step4: 'Activity & registration receipt',
    done: 'Done',
    todo: 'To do',
    print: 'Print the registration receipt',
    endTitle: 'Finished helping?',
    endHint: 'Once the session ends, this candidate’s data is no longer shown on the screen.',
    end: 'End assistance session',
  },
})

type Text = (typeof text)['id']
type Panel = NonNullable<Route.ComponentProps['loaderData']['panel']>

export default function Kiosk({ loaderData, actionData }: Route.ComponentProps) {
  return loaderData.panel ? (
    <AssistedPanel panel={loaderData.panel} created={loaderData.created} reassigned={loaderData.reassigned} />
  ) : (
    <Search finished={loaderData.finished} actionData={actionData} />
  )
}

function Search({ finished, actionData }: { finished: boolean; actionData: Route.ComponentProps['actionData'] }) {
  const t = useText(text)
  const f = useFormat()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formAction === '/kios'
  const failed = actionData && !actionData.ok ? (actionData as FormState) : undefined
  const result = actionData && actionData.ok ? actionData : undefined
  return (
    <>
      <h1>{t.title}</h1>
      {finished ? <Notice kind="success">{t.finished}</Notice> : null}

      <section className="card" aria-labelledby="kiosk-guide">
        <h2 id="kiosk-guide">{t.guideTitle}</h2>
        <ul>
          <li>{t.guide1}</li>
          <li>{t.guide2}</li>
          <li>{t.guide3}</li>
          <li>{t.guide4}</li>
        </ul>
      </section>

      <h2>{t.searchTitle}</h2>
      <FormErrors state={failed} title={t.formError} />
      <Form method="post" className="stack">
        <Field
          // A new key after each search so the field shows what was searched, not stale text.
          key={result?.nik ?? 'search'}
          name="nik"
          label={t.nik}
          hint={t.nikHint}
          state={failed}
          defaultValue={result?.nik}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.searching : t.search}
          </button>
        </div>
      </Form>

      {result?.match ? (
        <section className="card" aria-labelledby="kiosk-found">
          <h2 id="kiosk-found">{t.foundTitle}</h2>
          <dl className="facts">
            <dt>{t.name}</dt>
            <dd>{result.match.fullName}</dd>
            <dt>{t.nikLabel}</dt>
            <dd>{result.match.nikMasked}</dd>
            <dt>{t.birthDate}</dt>
            <dd>{result.match.birthDate ? f.date(result.match.birthDate) : '—'}</dd>
            <dt>{t.email}</dt>
            <dd>{result.match.emailMasked}</dd>
            <dt>{t.password}</dt>
            <dd>
              <StatusBadge ok={result.match.hasPassword} yes={t.passwordSet} no={t.passwordMissing} />
            </dd>
            <dt>{t.emailStatus}</dt>
            <dd>
              <StatusBadge ok={result.match.emailVerified} yes={t.verified} no={t.notVerified} />
            </dd>
          </dl>
          <p className="hint">{t.checkKtp}</p>
          <Form method="post" action="/kios/mulai">
            <input type="hidden" name="candidateId" value={result.match.candidateId} />
            <input type="hidden" name="searchToken" value={result.match.startToken} />
            <div className="actions">
              <button type="submit" className="primary">
                {t.start}
              </button>
            </div>
          </Form>
          <h3>{t.notTheirsTitle}</h3>
          <p className="hint">{t.notTheirsHint}</p>
          {/* A POST: the whole NIK must not stay in the shared desk's browser history. */}
          <Form method="post" action="/kios/alih-nik">
            <input type="hidden" name="intent" value="prefill" />
            <input type="hidden" name="holderId" value={result.match.candidateId} />
            <input type="hidden" name="searchToken" value={result.match.startToken} />
            <input type="hidden" name="nik" value={result.nik} />
            <button type="submit" className="link-button">
              {t.notTheirs}
            </button>
          </Form>
        </section>
      ) : null}

      {result && !result.match ? (
        <Notice kind="warning">
          <p>
            <strong>{t.notFoundTitle}</strong>
          </p>
          <p>{t.notFound}</p>
          <p>
            {/* A POST, not a link with ?nik=: the whole NIK must not stay in the shared
                desk's browser history. */}
            <Form method="post" action="/kios/akun-baru">
              <input type="hidden" name="intent" value="prefill" />
              <input type="hidden" name="nik" value={result.nik} />
              <button type="submit" className="link-button">
                {t.create}
              </button>
            </Form>
          </p>
        </Notice>
      ) : null}
    </>
  )
}

function StatusBadge({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <span className={`badge ${ok ? 'badge-ok' : 'badge-warn'}`}>{ok ? yes : no}</span>
}

function AssistedPanel({ panel, created, reassigned }: { panel: Panel; created: boolean; reassigned: boolean }) {
  const t = useText(text)
  const f = useFormat()
  const locale = useLocale()
  const missing = panel.completeness.missing
  const profileDone = !missing.some((m) => ['identity', 'address', 'education', 'other'].includes(m.section))
  const documentsDone = !missing.some((m) => m.section === 'documents')
  const registration = panel.activeRegistration
  return (
    <>
      <h1>{t.sessionTitle}</h1>
      {created ? <Notice kind="success">{fill(t.created, { email: panel.emailMasked })}</Notice> : null}
      {reassigned ? <Notice kind="success">{fill(t.reassigned, { email: panel.emailMasked })}</Notice> : null}

      <section className="card" aria-labelledby="kiosk-candidate">
        <h2 id="kiosk-candidate">{panel.fullName}</h2>
        <dl className="facts">
          <dt>{t.nikLabel}</dt>
          <dd>{panel.nikMasked}</dd>
          <dt>{t.email}</dt>
          <dd>{panel.emailMasked}</dd>
          <dt>{t.password}</dt>
          <dd>
            <StatusBadge ok={panel.hasPassword} yes={t.passwordSet} no={t.passwordMissing} />
          </dd>
          <dt>{t.emailStatus}</dt>
          <dd>
            <StatusBadge ok={panel.emailVerified} yes={t.verified} no={t.notVerified} />
          </dd>
          <dt>{t.startedAt}</dt>
          <dd>{f.dateTime(panel.startedAt)}</dd>
        </dl>
        {!panel.hasPassword ? (
          <Notice kind="warning">{fill(t.passwordHint, { email: panel.emailMasked })}</Notice>
        ) : !panel.emailVerified ? (
          <Notice kind="warning">{fill(t.verifyHint, { email: panel.emailMasked })}</Notice>
        ) : null}
      </section>

      <section className="card" aria-labelledby="kiosk-completeness">
        <h2 id="kiosk-completeness">{t.completeness}</h2>
        <p>
          <strong>{fill(t.percent, { n: f.number(panel.completeness.percent) })}</strong>
        </p>
        <div className="meter" aria-hidden="true">
          <span style={{ width: `${panel.completeness.percent}%` }} />
        </div>
        {panel.completeness.complete ? (
          <p>{t.complete}</p>
        ) : (
          <>
            <p>{t.missing}</p>
            <ul>
              {missing.map((m) => (
                <li key={m.field}>{m.label}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="kiosk-registration">
        <h2 id="kiosk-registration">{t.registrationTitle}</h2>
        {registration ? (
          <dl className="facts">
            <dt>{t.number}</dt>
            <dd>{registration.number}</dd>
            <dt>{t.programme}</dt>
            <dd>{registration.programmeName}</dd>
            <dt>{t.batch}</dt>
            <dd>
              {registration.batchNumber}/{registration.batchYear}
            </dd>
            <dt>{t.state}</dt>
            <dd>
              <span className="badge">{STATE_LABELS[registration.state][locale]}</span>
            </dd>
          </dl>
        ) : (
          <p>{t.noRegistration}</p>
        )}
      </section>

      <section className="card" aria-labelledby="kiosk-steps">
        <h2 id="kiosk-steps">{t.stepsTitle}</h2>
        <ol>
          <Step done={profileDone} t={t}>
            <Link to="/profil">{t.step1}</Link>
          </Step>
          <Step done={documentsDone} t={t}>
            <Link to="/profil/dokumen">{t.step2}</Link>
          </Step>
          <Step done={!!registration} t={t}>
            <Link to="/program">{t.step3}</Link>
          </Step>
          <li>
            <Link to="/aktivitas">{t.step4}</Link>
            {registration ? (
              <>
                {' · '}
                <a href={`/aktivitas/${registration.id}/tanda-pendaftaran`}>{t.print}</a>
              </>
            ) : null}
          </li>
        </ol>
      </section>

      <section className="card" aria-labelledby="kiosk-end">
        <h2 id="kiosk-end">{t.endTitle}</h2>
        <p>{t.endHint}</p>
        <Form method="post" action="/kios/akhiri">
          <button type="submit" className="primary">
            {t.end}
          </button>
        </Form>
      </section>
    </>
  )
}

function Step({ done, t, children }: { done: boolean; t: Text; children: ReactNode }) {
  return (
    <li>
      {children} <span className={`badge ${done ? 'badge-ok' : 'badge-warn'}`}>{done ? t.done : t.todo}</span>
    </li>
  )
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '')
}
