import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/staf_.gelombang.$batchId.pleno._index'
import { formatScaled, OUTCOME_LABELS, RANKING_RULE, TIE_BREAK_CHAIN, type PlenaryOutcome } from '../../domain/ranking'
import { STATE_LABELS, isRegistrationState } from '../../domain/registrationStates'
import { timeZoneAbbreviation, toZonedDateTime } from '../../domain/zonedTime'
import { amendPlenary } from '../../server/plenary/amendPlenary'
import { getPlenary, type PlenaryRowView } from '../../server/plenary/getPlenary'
import { openPlenary } from '../../server/plenary/openPlenary'
import { removePlenaryOverride, setPlenaryOverride } from '../../server/plenary/setPlenaryOverride'
import { useFormat } from '../i18n/format'
import { defineText, useLocale, useText, type Locale } from '../i18n/text'
import { loaderFailure, staffContext } from '../lib/context.server'
import { failure, useCaseFailure } from '../lib/forms.server'
import { Field, FormErrors, SelectField, TextAreaField, type FormState } from '../ui/form'
import { Notice } from '../ui/Notice'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Pleno hasil seleksi${data ? ` ${data.page.batch.programmeName} ${data.page.batch.label}` : ''} — Latih` }]
}

// What-if values travel in the query string (GET): nothing is stored.
const WHAT_IF_PARAMS = { writtenTest: 'bobotTulis', interview: 'bobotWawancara', selfAssessment: 'bobotDiri', quota: 'kuota', reserveCount: 'cadangan' } as const
const GUEST_ROWS_EXTRA = 2

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await staffContext(request)
  const url = new URL(request.url)
  const asked = Object.values(WHAT_IF_PARAMS).some((k) => url.searchParams.has(k))
  const whatIf = asked
    ? Object.fromEntries(Object.entries(WHAT_IF_PARAMS).map(([field, key]) => [field, (url.searchParams.get(key) ?? '').slice(0, 20)]))
    : null
  const page = await getPlenary(ctx, { batchId: params.batchId, whatIf }).catch(loaderFailure)
  return { page, notice: url.searchParams.get('ok') }
}

const Intent = z.object({ intent: z.enum(['open', 'override', 'remove-override', 'amend']) })
const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '')

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await staffContext(request)
  const formData = await request.formData()
  const intent = Intent.safeParse({ intent: formData.get('intent') })
  if (!intent.success) return failure(formData, { '': ['Tindakan tidak dikenal. Muat ulang halaman, lalu coba lagi.'] })
  const base = `/staf/gelombang/${params.batchId}/pleno`
  const batchId = params.batchId
  try {
    switch (intent.data.intent) {
      case 'open': {
        const present = formData.getAll('present').map(str)
        const guests: Array<{ name: string; role: string }> = []
        for (let i = 0; i < 50 && (formData.has(`guests.${i}.name`) || formData.has(`guests.${i}.role`)); i++) {
          guests.push({ name: str(formData.get(`guests.${i}.name`)), role: str(formData.get(`guests.${i}.role`)) })
        }
        await openPlenary(ctx, {
          batchId,
          minutesNumber: str(formData.get('minutesNumber')),
          place: str(formData.get('place')),
          heldOn: str(formData.get('heldOn')),
          staff: present.map((userId) => ({ userId, role: str(formData.get(`role.${userId}`)) })),
          guests,
        })
        return redirect(`${base}?ok=dibuka`)
      }
      case 'override':
        await setPlenaryOverride(ctx, {
          batchId,
          registrationId: str(formData.get('registrationId')),
          outcome: str(formData.get('outcome')),
          reason: str(formData.get('reason')),
        })
        return redirect(`${base}?ok=diubah#perubahan`)
      case 'remove-override':
        await removePlenaryOverride(ctx, { batchId, registrationId: str(formData.get('registrationId')) })
        return redirect(`${base}?ok=dihapus#perubahan`)
      case 'amend': {
        const result = await amendPlenary(ctx, {
          batchId,
          changes: [{ registrationId: str(formData.get('registrationId')), outcome: str(formData.get('outcome')) }],
          reason: str(formData.get('reason')),
        })
        return redirect(`${base}?ok=${result.created ? 'amandemen' : 'tetap'}#riwayat`)
      }
    }
  } catch (error) {
    const response = useCaseFailure(formData, error)
    // Which form failed, so the page shows the messages there.
    const values = response.data.values
    values.intent = intent.data.intent
    // Ticked boxes share one name; keep each so the page can tick them again.
    for (const id of formData.getAll('present')) if (typeof id === 'string') values[`present:${id}`] = 'on'
    return response
  }
}

const text = defineText({
  id: {
    hub: '← Seleksi {code}, {label}',
    title: 'Pleno hasil seleksi',
    statusNone: 'Belum dibuka',
    statusOpen: 'Sedang berlangsung',
    statusFinal: 'Sudah difinalkan',
    opened: 'Data pleno disimpan.',
    overridden: 'Perubahan keputusan disimpan.',
    removed: 'Perubahan keputusan dihapus; usulan peringkat berlaku lagi.',
    finalised: 'Pleno difinalkan. Keputusan tersimpan dengan sidiknya; calon belum diberi tahu sampai pengumuman.',
    amended: 'Perubahan keputusan pleno disimpan sebagai versi baru dengan sidik baru.',
    unchanged: 'Tidak ada yang berubah: keputusan itu sudah berlaku.',
    problems: 'Isian belum dapat disimpan.',
    details: 'Data pleno',
    detailsLead: 'Nomor berita acara, tempat, tanggal, dan anggota panitia yang hadir.',
    editDetails: 'Ubah data pleno dan yang hadir',
    minutesNumber: 'Nomor berita acara',
    minutesHint: 'Usulan nomor sudah diisi; ubah bila perlu.',
    place: 'Tempat',
    placeHint: 'Mis. Ruang Rapat BPVP Kendari',
    heldOn: 'Tanggal dan jam pleno ({zone})',
    attendees: 'Yang hadir',
    attendeesLead: 'Centang anggota panitia yang hadir dan tulis perannya dalam pleno (mis. Ketua, Sekretaris, Anggota). Yang tidak memiliki akun dapat diketik di bawahnya.',
    roleOf: 'Peran {name}',
    guest: 'Nama yang hadir (tanpa akun) {n}',
    guestRole: 'Peran {n}',
    noAttendees: 'Belum ada yang dicatat hadir.',
    open: 'Buka pleno',
    save: 'Simpan data pleno',
    rules: 'Ketentuan yang diterapkan',
    weights: 'Bobot',
    weightsValue: 'tes tulis {w}%, wawancara {i}%',
    weightsSelf: ', asesmen penilaian diri {s}%',
    passMark: 'Batas lulus tes tulis',
    quota: 'Kuota',
    reserve: 'Cadangan',
    people: '{n} orang',
    chain: 'Urutan pemutus bila nilai total sama',
    proposal: 'Usulan peringkat',
    decision: 'Keputusan pleno',
    counts: 'Lulus {p} · cadangan {r} · tidak lulus {n}',
    pending: '{n} lembar penilaian wawancara belum dikirim (dibuka kembali atau belum selesai); nilainya belum dihitung.',
    none: 'Belum ada calon yang lulus tes tulis di gelombang ini.',
    rank: 'Peringkat',
    number: 'No. pendaftaran',
    name: 'Nama',
    written: 'Tes tulis',
    interview: 'Wawancara',
    self: 'Penilaian diri',
    total: 'Total',
    proposed: 'Usulan',
    final: 'Keputusan',
    reason: 'Alasan',
    state: 'Status',
    absent: 'tidak hadir',
    overriddenBy: 'diubah oleh {name}: {reason}',
    whatIf: 'Bagaimana jika…',
    whatIfLead: 'Coba bobot, kuota, atau jumlah cadangan lain untuk melihat siapa yang keputusannya berubah. Tidak ada yang disimpan.',
    wWritten: 'Bobot tes tulis (%)',
    wInterview: 'Bobot wawancara (%)',
    wSelf: 'Bobot asesmen penilaian diri (%)',
    tryIt: 'Coba',
    whatIfProblems: 'Nilai percobaan belum benar.',
    whatIfCounts: 'Dengan nilai ini: lulus {p}, cadangan {r}, tidak lulus {n}.',
    whatIfNone: 'Tidak ada calon yang keputusannya berubah.',
    whatIfChanges: 'Yang berubah',
    from: 'Sekarang',
    to: 'Menjadi',
    reset: 'Kembali ke ketentuan gelombang',
    overrides: 'Perubahan keputusan',
    overridesLead: 'Panitia dapat menetapkan keputusan lain dari usulan untuk calon mana pun, dengan alasan tertulis (wajib). Perubahan dapat dihapus selama pleno belum difinalkan.',
    candidate: 'Calon',
    choose: 'Pilih calon',
    outcome: 'Keputusan',
    chooseOutcome: 'Pilih keputusan',
    reasonLabel: 'Alasan (wajib)',
    reasonHint: 'Tuliskan alasan yang akan tercantum di berita acara.',
    addOverride: 'Simpan perubahan keputusan',
    noOverrides: 'Belum ada perubahan keputusan.',
    by: 'oleh {name}, {time}',
    remove: 'Hapus',
    removeLabel: 'Hapus perubahan keputusan untuk {name}',
    finalise: 'Finalkan pleno',
    finaliseLead: 'Sesudah difinalkan, keputusan disimpan beserta sidik SHA-256-nya dan status pendaftaran setiap calon diperbarui. Perubahan sesudahnya hanya lewat perubahan keputusan pleno (versi baru).',
    finaliseGo: 'Periksa dan finalkan…',
    notOpenYet: 'Buka pleno terlebih dahulu untuk mencatat perubahan keputusan dan memfinalkan.',
    documents: 'Berita acara',
    pdf: 'Unduh berita acara (PDF)',
    xlsx: 'Unduh berita acara (XLSX)',
    amend: 'Perubahan keputusan pleno (amandemen)',
    amendLead: 'Setiap perubahan sesudah finalisasi disimpan sebagai versi baru dengan alasannya dan sidik baru; versi sebelumnya tetap tersimpan. Keputusan «Tidak lulus» tidak dapat diubah lagi.',
    amendSave: 'Simpan perubahan sebagai versi baru',
    history: 'Riwayat keputusan',
    version: 'Versi',
    kind: 'Jenis',
    kindFinal: 'keputusan pleno',
    kindAmendment: 'perubahan',
    when: 'Waktu',
    hash: 'Sidik SHA-256',
    verify: 'Periksa sidik',
    downloadVersion: 'PDF versi {n}',
    readOnly: 'Anda dapat melihat pleno ini, tetapi keputusan diambil oleh panitia seleksi.',
    result: 'Hasil',
  },
  en: {
    hub: '← Selection {code}, {label}',
    title: 'Selection plenary',
    statusNone: 'Not opened',
    statusOpen: 'In session',
    statusFinal: 'Finalised',
    opened: 'Plenary details saved.',
    overridden: 'Override saved.',
    removed: 'Override removed; the proposed outcome applies again.',
    finalised: 'Plenary finalised. The decision is stored with its hash; candidates are not told until the announcement.',
    amended: 'The amendment was stored as a new version with a new hash.',
    unchanged: 'Nothing changed: that outcome already applies.',
    problems: 'The form could not be saved.',
    details: 'Plenary details',
    detailsLead: 'Minutes number, place, date and the committee members present.',
    editDetails: 'Edit the plenary details and attendees',
    minutesNumber: 'Minutes number',
    minutesHint: 'A number is proposed; change it if needed.',
    place: 'Place',
    placeHint: 'E.g. BPVP Kendari meeting room',
    heldOn: 'Date and time of the plenary ({zone})',
    attendees: 'Present',
    attendeesLead: 'Tick the committee members present and write their role at the meeting (e.g. Chair, Secretary, Member). People without an account can be typed below.',
    roleOf: 'Role of {name}',
    guest: 'Name of attendee (no account) {n}',
    guestRole: 'Role {n}',
    noAttendees: 'Nobody recorded as present yet.',
    open: 'Open the plenary',
    save: 'Save plenary details',
    rules: 'Rules applied',
    weights: 'Weights',
    weightsValue: 'written test {w}%, interview {i}%',
    weightsSelf: ', self-assessment {s}%',
    passMark: 'Written-test pass mark',
    quota: 'Quota',
    reserve: 'Reserves',
    people: '{n} people',
    chain: 'Tie-break order for equal totals',
    proposal: 'Proposed ranking',
    decision: 'Plenary decision',
    counts: 'Passed {p} · reserve {r} · not passed {n}',
    pending: '{n} interview scorecards are not submitted (reopened or unfinished); their scores do not count yet.',
    none: 'No candidate of this batch has passed the written test yet.',
    rank: 'Rank',
    number: 'Registration no.',
    name: 'Name',
    written: 'Written test',
    interview: 'Interview',
    self: 'Self-assessment',
    total: 'Total',
    proposed: 'Proposed',
    final: 'Decision',
    reason: 'Reason',
    state: 'State',
    absent: 'absent',
    overriddenBy: 'changed by {name}: {reason}',
    whatIf: 'What if…',
    whatIfLead: 'Try other weights, quota or reserve count to see whose outcome would change. Nothing is stored.',
    wWritten: 'Written-test weight (%)',
    wInterview: 'Interview weight (%)',
    wSelf: 'Self-assessment weight (%)',
    tryIt: 'Try',
    whatIfProblems: 'The values to try are not valid yet.',
    whatIfCounts: 'With these values: passed {p}, reserve {r}, not passed {n}.',
    whatIfNone: 'Nobody’s outcome would change.',
    whatIfChanges: 'Who changes',
    from: 'Now',
    to: 'Would be',
    reset: 'Back to the batch’s rules',
    overrides: 'Overrides',
    overridesLead: 'The committee may give any candidate another outcome than proposed, with a written reason (required). Overrides can be removed until the plenary is finalised.',
    candidate: 'Candidate',
    choose: 'Choose a candidate',
    outcome: 'Outcome',
    chooseOutcome: 'Choose an outcome',
    reasonLabel: 'Reason (required)',
    reasonHint: 'Write the reason that will appear in the minutes.',
    addOverride: 'Save override',
    noOverrides: 'No overrides yet.',
    by: 'by {name}, {time}',
    remove: 'Remove',
    removeLabel: 'Remove the override for {name}',
    finalise: 'Finalise the plenary',
    finaliseLead: 'Once finalised, the decision is stored with its SHA-256 hash and every candidate’s registration state is updated. Later changes are amendments (a new version).',
    finaliseGo: 'Review and finalise…',
    notOpenYet: 'Open the plenary first to record overrides and finalise.',
    documents: 'Minutes',
    pdf: 'Download the minutes (PDF)',
    xlsx: 'Download the minutes (XLSX)',
    amend: 'Amend the plenary decision',
    amendLead: 'Every change after finalisation is stored as a new version with its reason and a new hash; earlier versions are kept. A "Not passed" decision can no longer be changed.',
    amendSave: 'Save the change as a new version',
    history: 'Decision history',
    version: 'Version',
    kind: 'Kind',
    kindFinal: 'plenary decision',
    kindAmendment: 'amendment',
    when: 'When',
    hash: 'SHA-256 hash',
    verify: 'Verify the hash',
    downloadVersion: 'PDF version {n}',
    readOnly: 'You can view this plenary; decisions are taken by the selection committee.',
    result: 'Result',
  },
})

type Texts = (typeof text)['id']
const fill = (s: string, values: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

function score(h: number | null, locale: Locale, decimals = 2): string {
  return h === null ? '—' : formatScaled(h, decimals, locale === 'id' ? ',' : '.')
}

function OutcomeBadge({ outcome, locale }: { outcome: PlenaryOutcome; locale: Locale }) {
  const cls = outcome === 'passed' ? 'badge badge-ok' : outcome === 'reserve' ? 'badge badge-warn' : 'badge badge-bad'
  return <span className={cls}>{OUTCOME_LABELS[outcome][locale]}</span>
}

function dateTimeLocal(value: Date | string | null, timeZone: string): string {
  if (!value) return ''
  const z = toZonedDateTime(new Date(value), timeZone)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${p(z.year, 4)}-${p(z.month)}-${p(z.day)}T${p(z.hour)}:${p(z.minute)}`
}

function RowsTable({ rows, t, locale, withSelf, finalised }: { rows: PlenaryRowView[]; t: Texts; locale: Locale; withSelf: boolean; finalised: boolean }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="rows-title">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.rank}</th>
            <th scope="col">{t.number}</th>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.written}</th>
            <th scope="col">{t.interview}</th>
            {withSelf ? <th scope="col">{t.self}</th> : null}
            <th scope="col">{t.total}</th>
            <th scope="col">{t.proposed}</th>
            <th scope="col">{t.final}</th>
            <th scope="col">{t.reason}</th>
            {finalised ? <th scope="col">{t.state}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.registrationId}>
              <td>{r.rank ?? '—'}</td>
              <td style={{ whiteSpace: 'nowrap' }}>{r.number}</td>
              <th scope="row" style={{ minWidth: '9rem' }}>
                {r.fullName}
              </th>
              <td>{score(r.writtenTestH, locale)}</td>
              <td>
                {r.interviewAbsent ? t.absent : score(r.interviewH, locale)}
                {r.scorecards > 1 ? <span className="small muted"> ({r.scorecards}×)</span> : null}
              </td>
              {withSelf ? <td>{score(r.selfAssessmentH, locale)}</td> : null}
              <td>
                <strong>{score(r.totalScaled, locale, 4)}</strong>
              </td>
              <td>
                <OutcomeBadge outcome={r.proposed} locale={locale} />
              </td>
              <td>
                <OutcomeBadge outcome={r.final} locale={locale} />
              </td>
              <td className="small" style={{ minWidth: '16rem' }}>
                {r.reason}
                {r.override ? (
                  <>
                    <br />
                    <em>{fill(t.overriddenBy, { name: r.override.decidedByName, reason: r.override.reason })}</em>
                  </>
                ) : null}
              </td>
              {finalised ? <td className="small">{isRegistrationState(r.state) ? STATE_LABELS[r.state][locale] : r.state}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function CandidateChoice({ rows, state, t, locale, name = 'registrationId' }: { rows: PlenaryRowView[]; state: FormState | undefined; t: Texts; locale: Locale; name?: string }) {
  return (
    <SelectField
      name={name}
      label={t.candidate}
      placeholder={t.choose}
      state={state}
      options={rows.map((r) => ({ value: r.registrationId, label: `${r.number} — ${r.fullName} (${OUTCOME_LABELS[r.final][locale]})` }))}
    />
  )
}

export default function PlenaryPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const { page, notice } = loaderData
  const p = page.plenary
  const finalised = p?.status === 'finalised'
  const base = `/staf/gelombang/${page.batch.id}/pleno`
  const failedIntent = actionData?.values?.intent
  const stateFor = (intent: string): FormState | undefined => (failedIntent === intent ? actionData : undefined)
  const withSelf = page.rules.weights.selfAssessment > 0
  const pending = page.rows.reduce((n, r) => n + r.pendingScorecards, 0)
  const zone = timeZoneAbbreviation(format.timeZone)
  const notices: Record<string, string> = {
    dibuka: t.opened,
    diubah: t.overridden,
    dihapus: t.removed,
    final: t.finalised,
    amandemen: t.amended,
    tetap: t.unchanged,
  }

  const openState = stateFor('open')
  const savedGuests = (p?.attendees ?? []).filter((a) => a.userId === null)
  const guestRows = savedGuests.length + GUEST_ROWS_EXTRA
  const presentIds = new Set((p?.attendees ?? []).filter((a) => a.userId).map((a) => a.userId!))
  const roleOf = (userId: string) => p?.attendees.find((a) => a.userId === userId)?.role ?? ''

  const detailsForm = (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="open" />
      <FormErrors state={openState} title={t.problems} />
      <Field name="minutesNumber" label={t.minutesNumber} hint={t.minutesHint} defaultValue={p?.minutesNumber ?? page.proposedMinutesNumber} state={openState} required maxLength={100} />
      <div className="grid grid-2">
        <Field name="place" label={t.place} hint={t.placeHint} defaultValue={p?.place ?? ''} state={openState} required maxLength={200} />
        <Field
          name="heldOn"
          label={fill(t.heldOn, { zone })}
          type="datetime-local"
          defaultValue={dateTimeLocal(p?.heldOn ?? page.batch.plenaryAt, page.timeZone)}
          state={openState}
          required
        />
      </div>
      <fieldset>
        <legend>{t.attendees}</legend>
        <p className="hint">{t.attendeesLead}</p>
        {openState?.errors?.attendees ? <p className="error">{openState.errors.attendees[0]}</p> : null}
        {page.committee.map((m) => (
          <div key={m.userId} className="grid grid-2" style={{ alignItems: 'end' }}>
            <div className="field field-check">
              <input
                type="checkbox"
                id={`present-${m.userId}`}
                name="present"
                value={m.userId}
                defaultChecked={openState ? openState.values?.[`present:${m.userId}`] === 'on' : presentIds.has(m.userId)}
              />
              <label htmlFor={`present-${m.userId}`}>{m.name}</label>
            </div>
            <Field name={`role.${m.userId}`} label={fill(t.roleOf, { name: m.name })} defaultValue={roleOf(m.userId)} state={openState} maxLength={60} />
          </div>
        ))}
        {Array.from({ length: guestRows }, (_, i) => (
          <div key={i} className="grid grid-2">
            <Field name={`guests.${i}.name`} label={fill(t.guest, { n: i + 1 })} defaultValue={savedGuests[i]?.name ?? ''} state={openState} maxLength={120} />
            <Field name={`guests.${i}.role`} label={fill(t.guestRole, { n: i + 1 })} defaultValue={savedGuests[i]?.role ?? ''} state={openState} maxLength={60} />
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {p ? t.save : t.open}
        </button>
      </div>
    </Form>
  )

  const whatIf = page.whatIf
  const whatIfState: FormState | undefined = whatIf ? { errors: whatIf.errors, values: whatIf.values as unknown as Record<string, string> } : undefined
  const wDefault = (field: keyof typeof WHAT_IF_PARAMS, fallback: number) => search.get(WHAT_IF_PARAMS[field]) ?? String(fallback)

  return (
    <>
      <p className="small">
        <Link to={`/staf/gelombang/${page.batch.id}`}>
          {fill(t.hub, { code: page.batch.programmeCode, label: page.batch.label })}
        </Link>
      </p>
      <h1>
        {t.title} <span className="muted">— {page.batch.programmeName}, {page.batch.label}</span>
      </h1>
      <p>
        <span className={finalised ? 'badge badge-ok' : p ? 'badge badge-warn' : 'badge'}>
          {finalised ? t.statusFinal : p ? t.statusOpen : t.statusNone}
        </span>
      </p>
      {notice && notices[notice] && !actionData ? <Notice kind="success">{notices[notice]}</Notice> : null}
      {!page.canDecide ? <Notice kind="info">{t.readOnly}</Notice> : null}

      <h2 id="details-title">{t.details}</h2>
      {p ? (
        <dl className="facts card">
          <dt>{t.minutesNumber}</dt>
          <dd style={{ overflowWrap: 'anywhere' }}>{p.minutesNumber}</dd>
          <dt>{t.place}</dt>
          <dd>{p.place || '—'}</dd>
          <dt>{fill(t.heldOn, { zone })}</dt>
          <dd>{p.heldOn ? format.dateTime(p.heldOn) : '—'}</dd>
          <dt>{t.attendees}</dt>
          <dd>{p.attendees.length ? p.attendees.map((a) => `${a.name} (${a.role})`).join('; ') : t.noAttendees}</dd>
        </dl>
      ) : (
        <p>{t.detailsLead}</p>
      )}
      {page.canDecide && !finalised ? (
        p ? (
          <details open={Boolean(openState)}>
            <summary>{t.editDetails}</summary>
            {detailsForm}
          </details>
        ) : (
          detailsForm
        )
      ) : null}

      {finalised ? (
        <>
          <h2>{t.documents}</h2>
          <div className="actions">
            <a className="button" href={`${base}/berita-acara.pdf`} download>
              {t.pdf}
            </a>
            <a className="button secondary" href={`${base}/berita-acara.xlsx`} download>
              {t.xlsx}
            </a>
          </div>
        </>
      ) : null}

      <h2>{t.rules}</h2>
      <dl className="facts">
        <dt>{t.weights}</dt>
        <dd>
          {fill(t.weightsValue, { w: page.rules.weights.writtenTest, i: page.rules.weights.interview })}
          {withSelf ? fill(t.weightsSelf, { s: page.rules.weights.selfAssessment }) : ''}
        </dd>
        <dt>{t.passMark}</dt>
        <dd>{score(page.rules.passMarkH, locale)}</dd>
        <dt>{t.quota}</dt>
        <dd>{fill(t.people, { n: page.rules.quota })}</dd>
        <dt>{t.reserve}</dt>
        <dd>{fill(t.people, { n: page.rules.reserveCount })}</dd>
      </dl>
      <p className="small">{RANKING_RULE[locale]}</p>
      <h3 id="chain-title">{t.chain}</h3>
      <ol aria-labelledby="chain-title">
        {TIE_BREAK_CHAIN.map((s) => (
          <li key={s.step}>{s[locale]}</li>
        ))}
      </ol>

      <h2 id="rows-title">{finalised ? t.decision : t.proposal}</h2>
      <p>
        <strong>{fill(t.counts, { p: page.counts.final.passed, r: page.counts.final.reserve, n: page.counts.final.not_passed })}</strong>
      </p>
      {pending > 0 && !finalised ? <Notice kind="warning">{fill(t.pending, { n: pending })}</Notice> : null}
      {page.rows.length === 0 ? <p>{t.none}</p> : <RowsTable rows={page.rows} t={t} locale={locale} withSelf={withSelf} finalised={finalised} />}

      {!finalised && page.rows.length > 0 ? (
        <section aria-labelledby="whatif-title">
          <h2 id="whatif-title">{t.whatIf}</h2>
          <p className="small">{t.whatIfLead}</p>
          <Form method="get" noValidate preventScrollReset>
            <FormErrors state={whatIf && !whatIf.outcome ? whatIfState : undefined} title={t.whatIfProblems} />
            <div className="grid grid-3">
              <Field name={WHAT_IF_PARAMS.writtenTest} label={t.wWritten} inputMode="numeric" defaultValue={wDefault('writtenTest', page.rules.weights.writtenTest)} error={whatIf?.errors.writtenTest?.[0]} />
              <Field name={WHAT_IF_PARAMS.interview} label={t.wInterview} inputMode="numeric" defaultValue={wDefault('interview', page.rules.weights.interview)} error={whatIf?.errors.interview?.[0]} />
              <Field name={WHAT_IF_PARAMS.selfAssessment} label={t.wSelf} inputMode="numeric" defaultValue={wDefault('selfAssessment', page.rules.weights.selfAssessment)} error={whatIf?.errors.selfAssessment?.[0]} />
              <Field name={WHAT_IF_PARAMS.quota} label={t.quota} inputMode="numeric" defaultValue={wDefault('quota', page.rules.quota)} error={whatIf?.errors.quota?.[0]} />
              <Field name={WHAT_IF_PARAMS.reserveCount} label={t.reserve} inputMode="numeric" defaultValue={wDefault('reserveCount', page.rules.reserveCount)} error={whatIf?.errors.reserveCount?.[0]} />
            </div>
            <div className="actions">
              <button type="submit" className="secondary">
                {t.tryIt}
              </button>
              {whatIf ? <Link to={base}>{t.reset}</Link> : null}
            </div>
          </Form>
          {whatIf?.outcome ? (
            <div className="card" id="whatif-result" role="status">
              <p>{fill(t.whatIfCounts, { p: whatIf.outcome.counts.passed, r: whatIf.outcome.counts.reserve, n: whatIf.outcome.counts.not_passed })}</p>
              {whatIf.outcome.changes.length === 0 ? (
                <p>{t.whatIfNone}</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="whatif-changes">
                  <table>
                    <caption id="whatif-changes">{t.whatIfChanges}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.name}</th>
                        <th scope="col">{t.from}</th>
                        <th scope="col">{t.to}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {whatIf.outcome.changes.map((c) => (
                        <tr key={c.registrationId}>
                          <th scope="row">
                            {c.fullName} <span className="small muted">{c.number}</span>
                          </th>
                          <td>
                            <OutcomeBadge outcome={c.from} locale={locale} /> {c.rankFrom ? `#${c.rankFrom}` : ''}
                          </td>
                          <td>
                            <OutcomeBadge outcome={c.to} locale={locale} /> {c.rankTo ? `#${c.rankTo}` : ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ) : null}
        </section>
      ) : null}

      {!finalised ? (
        <section aria-labelledby="overrides-title" id="perubahan">
          <h2 id="overrides-title">{t.overrides}</h2>
          <p className="small">{t.overridesLead}</p>
          {page.rows.some((r) => r.override) ? (
            <ul>
              {page.rows
                .filter((r) => r.override)
                .map((r) => (
                  <li key={r.registrationId} className="card">
                    <strong>
                      {r.number} — {r.fullName}
                    </strong>
                    : <OutcomeBadge outcome={r.proposed} locale={locale} /> → <OutcomeBadge outcome={r.final} locale={locale} />
                    <br />
                    {r.override!.reason}
                    <br />
                    <span className="small muted">{fill(t.by, { name: r.override!.decidedByName, time: format.dateTime(r.override!.decidedAt) })}</span>
                    {page.canDecide ? (
                      <Form method="post" style={{ display: 'inline' }}>
                        <input type="hidden" name="intent" value="remove-override" />
                        <input type="hidden" name="registrationId" value={r.registrationId} />{' '}
                        <button type="submit" className="link-button" aria-label={fill(t.removeLabel, { name: r.fullName })} disabled={busy}>
                          {t.remove}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
            </ul>
          ) : (
            <p>{t.noOverrides}</p>
          )}
          {page.canDecide && p && page.rows.length > 0 ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="override" />
              <FormErrors state={stateFor('override')} title={t.problems} />
              <div className="grid grid-2">
                <CandidateChoice rows={page.rows} state={stateFor('override')} t={t} locale={locale} />
                <SelectField
                  name="outcome"
                  label={t.outcome}
                  placeholder={t.chooseOutcome}
                  state={stateFor('override')}
                  options={(['passed', 'reserve', 'not_passed'] as const).map((o) => ({ value: o, label: OUTCOME_LABELS[o][locale] }))}
                />
              </div>
              <TextAreaField name="reason" label={t.reasonLabel} hint={t.reasonHint} state={stateFor('override')} rows={3} maxLength={1000} required />
              <div className="actions">
                <button type="submit" className="secondary" disabled={busy}>
                  {t.addOverride}
                </button>
              </div>
            </Form>
          ) : null}
          {page.canDecide ? (
            <>
              <h2>{t.finalise}</h2>
              {p ? (
                <>
                  <p className="small">{t.finaliseLead}</p>
                  <p>
                    <Link className="button primary" to={`${base}/finalkan`}>
                      {t.finaliseGo}
                    </Link>
                  </p>
                </>
              ) : (
                <p>{t.notOpenYet}</p>
              )}
            </>
          ) : null}
        </section>
      ) : (
        <>
          {page.canDecide ? (
            <section aria-labelledby="amend-title">
              <h2 id="amend-title">{t.amend}</h2>
              <p className="small">{t.amendLead}</p>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="amend" />
                <FormErrors state={stateFor('amend')} title={t.problems} />
                <div className="grid grid-2">
                  <CandidateChoice rows={page.rows.filter((r) => r.final !== 'not_passed')} state={stateFor('amend')} t={t} locale={locale} />
                  <SelectField
                    name="outcome"
                    label={t.outcome}
                    placeholder={t.chooseOutcome}
                    state={stateFor('amend')}
                    options={(['passed', 'reserve', 'not_passed'] as const).map((o) => ({ value: o, label: OUTCOME_LABELS[o][locale] }))}
                  />
                </div>
                <TextAreaField name="reason" label={t.reasonLabel} hint={t.reasonHint} state={stateFor('amend')} rows={3} maxLength={1000} required />
                <div className="actions">
                  <button type="submit" className="secondary" disabled={busy}>
                    {t.amendSave}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
          <section aria-labelledby="history-title" id="riwayat">
            <h2 id="history-title">{t.history}</h2>
            <ol style={{ listStyle: 'none', padding: 0 }}>
              {page.snapshots.map((s) => (
                <li key={s.version} className="card">
                  <h3 style={{ margin: '0 0 4px' }}>
                    {t.version} {s.version} <span className="muted">({s.kind === 'final' ? t.kindFinal : t.kindAmendment})</span>
                  </h3>
                  <dl className="facts">
                    <dt>{t.when}</dt>
                    <dd>
                      {format.dateTime(s.createdAt)}, {s.createdByName}
                    </dd>
                    {s.reason ? (
                      <>
                        <dt>{t.reason}</dt>
                        <dd>{s.reason}</dd>
                      </>
                    ) : null}
                    <dt>{t.result}</dt>
                    <dd>{fill(t.counts, { p: s.passedCount, r: s.reserveCount, n: s.notPassedCount })}</dd>
                    <dt>{t.hash}</dt>
                    <dd>
                      <code style={{ overflowWrap: 'anywhere' }}>{s.hash}</code>
                    </dd>
                  </dl>
                  <p className="small" style={{ margin: 0 }}>
                    <Link to={`/verifikasi/pleno/${s.hash}`}>{t.verify}</Link> ·{' '}
                    <a href={`${base}/berita-acara.pdf?versi=${s.version}`} download>
                      {fill(t.downloadVersion, { n: s.version })}
                    </a>
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  )
}

