import { Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/gelombang.$batchId.daftar'
import { educationRequirementLabel, isEducationLevel } from '../../domain/eligibility'
import { batchLabel } from '../../server/registrations/batchLabel'
import { checkRegistration } from '../../server/registrations/checkRegistration'
import { registerCandidate } from '../../server/registrations/registerCandidate'
import { useCaseFailure } from '../lib/forms.server'
import { useFormat } from '../i18n/format'
import { defineText, useText } from '../i18n/text'
import { FormErrors } from '../ui/form'
import { Notice } from '../ui/Notice'
import { ProfileMeter } from '../ui/ProfileMeter'
import { candidateContext, loaderFailure } from '../lib/context.server'

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Daftar ${data.programme.name} — Latih` : 'Daftar pelatihan — Latih' }]
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const check = await checkRegistration(ctx, { candidateId, batchId: params.batchId }).catch(loaderFailure)
  const { programme: p, batch: b, institution: i } = check.batch
  return {
    programme: {
      name: p.name,
      vocationalField: p.vocationalField,
      location: p.location,
      durationHours: p.durationHours,
      minEducation: isEducationLevel(p.minEducation) ? educationRequirementLabel(p.minEducation) : null,
      minAge: p.minAge,
      maxAge: p.maxAge,
      requiredDocuments: p.requiredDocuments,
    },
    batch: {
      id: b.id,
      label: batchLabel(b),
      quota: b.quota,
      registrationOpensAt: b.registrationOpensAt.toISOString(),
      registrationClosesAt: b.registrationClosesAt.toISOString(),
      assessmentDeadline: b.assessmentDeadline.toISOString(),
      trainingStartsOn: b.trainingStartsOn,
      trainingEndsOn: b.trainingEndsOn,
    },
    institutionName: i.name,
    phase: check.period.phase,
    profile: check.profile,
    eligibility: check.eligibility,
    existing: check.existing ? { id: check.existing.id, number: check.existing.number } : null,
    elsewhere: check.elsewhere
      ? { id: check.elsewhere.registration.id, message: check.elsewhere.message }
      : null,
    canRegister: check.canRegister,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  try {
    const result = await registerCandidate(ctx, { candidateId, batchId: params.batchId })
    return redirect(`/aktivitas/${result.registration.id}${result.created ? '?baru=1' : ''}`)
  } catch (error) {
    return useCaseFailure(formData, error)
  }
}

const text = defineText({
  id: {
    title: 'Konfirmasi pendaftaran',
    back: 'Kembali ke gelombang',
    summary: 'Program dan gelombang',
    programme: 'Program',
    field: 'Kejuruan',
    batch: 'Gelombang',
    institution: 'Lembaga',
    location: 'Tempat',
    duration: 'Durasi',
    hours: '{n} jam pelatihan',
    quota: 'Kuota',
    people: '{n} peserta',
    period: 'Masa pendaftaran',
    until: 's.d.',
    training: 'Pelatihan',
    assessments: 'Batas asesmen',
    checks: 'Pemeriksaan sebelum mendaftar',
    periodOk: 'Pendaftaran gelombang ini sedang dibuka.',
    upcoming: 'Pendaftaran gelombang ini belum dibuka. Pendaftaran dibuka pada {date}.',
    closed: 'Pendaftaran gelombang ini sudah ditutup pada {date}.',
    archived: 'Program pelatihan ini sudah tidak menerima pendaftaran.',
    requirements: 'Syarat program',
    education: 'Pendidikan terakhir minimal {level}',
    ageRange: 'Usia {min}–{max} tahun pada hari pertama pelatihan',
    ageMin: 'Usia minimal {min} tahun pada hari pertama pelatihan',
    ageMax: 'Usia paling tinggi {max} tahun pada hari pertama pelatihan',
    noRequirements: 'Tidak ada syarat pendidikan atau usia.',
    eligible: 'Anda memenuhi syarat program ini.',
    notEligible: 'Anda belum memenuhi syarat program ini:',
    checkProfile: 'Periksa data profil Anda',
    documents: 'Dokumen yang dibawa saat seleksi',
    alreadyTitle: 'Anda sudah terdaftar di gelombang ini',
    already: 'Nomor pendaftaran Anda: {number}.',
    seeRegistration: 'Lihat pendaftaran dan tanda pendaftaran',
    seeActive: 'Lihat pendaftaran aktif Anda',
    submitTitle: 'Kirim pendaftaran',
    submitHint:
      'Dengan menekan tombol ini, Anda menyatakan data profil Anda benar. Setelah mendaftar, kerjakan tiga asesmen sebelum batas asesmen; nomor dan tanda pendaftaran tampil di menu Aktivitas.',
    confirm: 'Konfirmasi pendaftaran',
    sending: 'Mengirim…',
    disabled: 'Tombol konfirmasi belum dapat digunakan: selesaikan dulu hal yang ditandai di atas.',
    formError: 'Pendaftaran belum dapat dikirim.',
  },
  en: {
    title: 'Confirm registration',
    back: 'Back to the batch',
    summary: 'Programme and batch',
    programme: 'Programme',
    field: 'Vocational field',
    batch: 'Batch',
    institution: 'Centre',
    location: 'Location',
    duration: 'Duration',
    hours: '{n} training hours',
    quota: 'Quota',
    people: '{n} participants',
    period: 'Registration period',
    until: 'to',
    training: 'Training',
    assessments: 'Assessment deadline',
    checks: 'Checks before you register',
    periodOk: 'Registration for this batch is open.',
    upcoming: 'Registration for this batch is not open yet. It opens on {date}.',
    closed: 'Registration for this batch closed on {date}.',
    archived: 'This training programme no longer accepts registrations.',
    requirements: 'Programme requirements',
    education: 'Minimum education: {level}',
    ageRange: 'Aged {min}–{max} on the first day of training',
    ageMin: 'At least {min} years old on the first day of training',
    ageMax: 'At most {max} years old on the first day of training',
    noRequirements: 'No education or age requirements.',
    eligible: 'You meet this programme’s requirements.',
    notEligible: 'You do not meet this programme’s requirements yet:',
    checkProfile: 'Check your profile',
    documents: 'Documents to bring to the selection',
    alreadyTitle: 'You are already registered for this batch',
    already: 'Your registration number: {number}.',
    seeRegistration: 'See the registration and its receipt',
    seeActive: 'See your active registration',
    submitTitle: 'Send the registration',
    submitHint:
      'By pressing this button you confirm that your profile is correct. After registering, complete the three assessments before the assessment deadline; your number and receipt appear under Activity.',
    confirm: 'Confirm registration',
    sending: 'Sending…',
    disabled: 'The confirm button cannot be used yet: first resolve what is marked above.',
    formError: 'The registration could not be sent.',
  },
})

export default function ConfirmRegistration({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const d = loaderData
  const p = d.programme
  const requirements = [
    p.minEducation ? t.education.replace('{level}', p.minEducation) : null,
    p.minAge !== null && p.maxAge !== null
      ? t.ageRange.replace('{min}', String(p.minAge)).replace('{max}', String(p.maxAge))
      : p.minAge !== null
        ? t.ageMin.replace('{min}', String(p.minAge))
        : p.maxAge !== null
          ? t.ageMax.replace('{max}', String(p.maxAge))
          : null,
  ].filter((r): r is string => r !== null)

  return (
    <>
      <p>
        <Link to={`/gelombang/${d.batch.id}`}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t.summary}</h2>
        <dl className="facts">
          <dt>{t.programme}</dt>
          <dd>{p.name}</dd>
          <dt>{t.field}</dt>
          <dd>{p.vocationalField}</dd>
          <dt>{t.batch}</dt>
          <dd>{d.batch.label}</dd>
          <dt>{t.institution}</dt>
          <dd>{d.institutionName}</dd>
          <dt>{t.location}</dt>
          <dd>{p.location}</dd>
          <dt>{t.duration}</dt>
          <dd>{t.hours.replace('{n}', format.number(p.durationHours))}</dd>
          <dt>{t.quota}</dt>
          <dd>{t.people.replace('{n}', format.number(d.batch.quota))}</dd>
          <dt>{t.period}</dt>
          <dd>
            {format.dateTime(d.batch.registrationOpensAt)} {t.until} {format.dateTime(d.batch.registrationClosesAt)}
          </dd>
          <dt>{t.assessments}</dt>
          <dd>{format.dateTime(d.batch.assessmentDeadline)}</dd>
          <dt>{t.training}</dt>
          <dd>
            {format.date(d.batch.trainingStartsOn)} {t.until} {format.date(d.batch.trainingEndsOn)}
          </dd>
        </dl>
      </section>

      <h2>{t.checks}</h2>
      {d.existing ? (
        <Notice kind="success">
          <p>
            <strong>{t.alreadyTitle}</strong>
          </p>
          <p>{t.already.replace('{number}', d.existing.number)}</p>
          <p>
            <Link to={`/aktivitas/${d.existing.id}`}>{t.seeRegistration}</Link>
          </p>
        </Notice>
      ) : null}
      {d.elsewhere ? (
        <Notice kind="warning">
          <p>
            <strong>{d.elsewhere.message}</strong>
          </p>
          <p>
            <Link to={`/aktivitas/${d.elsewhere.id}`}>{t.seeActive}</Link>
          </p>
        </Notice>
      ) : null}
      {d.phase === 'open' ? (
        <Notice kind="info">
          <p>{t.periodOk}</p>
        </Notice>
      ) : (
        <Notice kind="warning">
          <p>
            {d.phase === 'upcoming'
              ? t.upcoming.replace('{date}', format.dateTime(d.batch.registrationOpensAt))
              : d.phase === 'closed'
                ? t.closed.replace('{date}', format.dateTime(d.batch.registrationClosesAt))
                : t.archived}
          </p>
        </Notice>
      )}

      <ProfileMeter percent={d.profile.percent} complete={d.profile.complete} missing={d.profile.missing} />

      <section className="card" aria-labelledby="requirements-title">
        <h2 id="requirements-title">{t.requirements}</h2>
        {requirements.length > 0 ? (
          <ul>
            {requirements.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <p>{t.noRequirements}</p>
        )}
        {d.eligibility.ok ? (
          <p>
            <strong>{t.eligible}</strong>
          </p>
        ) : (
          <>
            <p>
              <strong>{t.notEligible}</strong>
            </p>
            <ul>
              {d.eligibility.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p>
              <Link to="/profil">{t.checkProfile}</Link>
            </p>
          </>
        )}
        {p.requiredDocuments.length > 0 ? (
          <>
            <h3>{t.documents}</h3>
            <ul>
              {p.requiredDocuments.map((doc) => (
                <li key={doc}>{doc}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {d.existing ? null : (
        <section className="card" aria-labelledby="submit-title">
          <h2 id="submit-title">{t.submitTitle}</h2>
          <FormErrors state={actionData} title={t.formError} />
          <p>{t.submitHint}</p>
          <Form method="post">
            {d.canRegister ? null : (
              <p id="confirm-disabled" className="error">
                {t.disabled}
              </p>
            )}
            <button
              type="submit"
              className="primary"
              disabled={!d.canRegister || busy}
              aria-describedby={d.canRegister ? undefined : 'confirm-disabled'}
            >
              {busy ? t.sending : t.confirm}
            </button>
          </Form>
        </section>
      )}
    </>
  )
}
