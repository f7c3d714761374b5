import type { ReactNode } from 'react'
import { Form, Link, useRouteLoaderData, useSearchParams } from 'react-router'
import type { ProfileLayoutData } from './profil'
import { defineText, useLocale, useText } from '../i18n/text'
import { useFormat } from '../i18n/format'
import { Notice } from '../ui/Notice'
import { ProfileMeter } from '../ui/ProfileMeter'
import { formatMobileNumber } from '../../domain/phone'
import {
  DISABILITY_LABELS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  EDUCATION_LEVEL_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  MARITAL_STATUS_LABELS,
  SEX_LABELS,
} from '../../server/profiles/options'

const text = defineText({
  id: {
    title: 'Profil saya',
    titleAssisted: 'Profil calon peserta',
    created: 'Akun dibuat. Kami mengirim tautan verifikasi ke e-mail Anda. Lengkapi profil Anda agar dapat mendaftar pelatihan.',
    saved: 'Perubahan tersimpan.',
    unverified: 'E-mail belum diverifikasi',
    unverifiedHelp: 'Buka tautan yang kami kirim ke {email}. Tidak menerima e-mail? Periksa folder spam, atau kirim ulang tautannya.',
    resend: 'Kirim ulang tautan verifikasi',
    ready: 'Profil Anda lengkap. Anda dapat mendaftar pelatihan.',
    choose: 'Pilih program pelatihan',
    edit: 'Ubah',
    identity: 'Identitas',
    address: 'Alamat',
    education: 'Pendidikan',
    other: 'Lainnya',
    documents: 'Dokumen',
    nik: 'NIK',
    fullName: 'Nama lengkap',
    birth: 'Tempat, tanggal lahir',
    sex: 'Jenis kelamin',
    marital: 'Status perkawinan',
    phone: 'Nomor HP',
    email: 'E-mail',
    ktpAddress: 'Alamat sesuai KTP',
    domicile: 'Alamat domisili',
    sameAsKtp: 'Sama dengan alamat KTP',
    level: 'Pendidikan terakhir',
    school: 'Sekolah/perguruan tinggi',
    major: 'Jurusan',
    year: 'Tahun lulus',
    employment: 'Status pekerjaan',
    disability: 'Disabilitas',
    uploaded: 'Diunggah {date}',
    view: 'Lihat berkas',
    notUploaded: 'Belum diunggah',
    empty: 'Belum diisi',
    postal: 'Kode pos',
  },
  en: {
    title: 'My profile',
    titleAssisted: "Candidate's profile",
    created: 'Account created. We sent a verification link to your e-mail. Complete your profile so you can register for training.',
    saved: 'Changes saved.',
    unverified: 'E-mail not verified yet',
    unverifiedHelp: 'Open the link we sent to {email}. No e-mail? Check your spam folder, or send the link again.',
    resend: 'Send the verification link again',
    ready: 'Your profile is complete. You can register for training.',
    choose: 'Choose a training programme',
    edit: 'Edit',
    identity: 'Identity',
    address: 'Address',
    education: 'Education',
    other: 'Other',
    documents: 'Documents',
    nik: 'NIK',
    fullName: 'Full name',
    birth: 'Place and date of birth',
    sex: 'Sex',
    marital: 'Marital status',
    phone: 'Mobile number',
    email: 'E-mail',
    ktpAddress: 'Address on the KTP',
    domicile: 'Domicile',
    sameAsKtp: 'Same as the KTP address',
    level: 'Last education',
    school: 'School/university',
    major: 'Major',
    year: 'Graduation year',
    employment: 'Employment status',
    disability: 'Disability',
    uploaded: 'Uploaded {date}',
    view: 'View file',
    notUploaded: 'Not uploaded yet',
    empty: 'Not filled in',
    postal: 'Postal code',
  },
})

function label<K extends string>(labels: { id: Record<K, string>; en: Record<K, string> }, locale: 'id' | 'en', value: string | null) {
  if (!value) return null
  return (labels[locale] as Record<string, string>)[value] ?? value
}

function Section({ id, title, edit, to, children }: { id: string; title: string; edit: string; to: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
        <h2 id={id}>{title}</h2>
        <Link to={to}>
          {edit}
          <span className="visually-hidden"> {title}</span>
        </Link>
      </div>
      {children}
    </section>
  )
}

export default function ProfileOverview() {
  const data = useRouteLoaderData('routes/profil') as ProfileLayoutData
  const { profile: p, assisting } = data
  const t = useText(text)
  const locale = useLocale()
  const format = useFormat()
  const [params] = useSearchParams()
  const value = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? <span className="muted">{t.empty}</span> : v)

  const address = (a: typeof p.ktp) =>
    a.villageCode && a.regions ? (
      <>
        {a.street}
        <br />
        {[a.regions.village, a.regions.district, a.regions.regency, a.regions.province].filter(Boolean).join(', ')}
        {a.postalCode ? ` ${a.postalCode}` : ''}
      </>
    ) : (
      value(a.street)
    )

  return (
    <>
      <h1>{assisting ? `${t.titleAssisted}: ${p.fullName}` : t.title}</h1>
      {params.get('baru') === '1' ? <Notice kind="success">{t.created}</Notice> : null}
      {params.get('tersimpan') ? <Notice kind="success">{t.saved}</Notice> : null}
      {!p.emailVerified ? (
        <div className="alert alert-warning" id="verifikasi">
          <p>
            <strong>{t.unverified}</strong>
          </p>
          <p>{t.unverifiedHelp.replace('{email}', p.email)}</p>
          <Form method="post" action="/kirim-ulang-verifikasi">
            <button type="submit" className="secondary">
              {t.resend}
            </button>
          </Form>
        </div>
      ) : null}

      {p.completeness.complete ? (
        <div className="alert alert-success">
          <p>
            <strong>{t.ready}</strong>
          </p>
          <p>
            <Link className="button" to="/program">
              {t.choose}
            </Link>
          </p>
        </div>
      ) : null}

      <ProfileMeter percent={p.completeness.percent} complete={p.completeness.complete} missing={p.completeness.missing} />

      <Section id="sec-identity" title={t.identity} edit={t.edit} to="/profil/identitas">
        <dl className="facts" style={{ overflowWrap: 'anywhere' }}>
          <dt>{t.nik}</dt>
          <dd>{p.nik}</dd>
          <dt>{t.fullName}</dt>
          <dd>{value(p.fullName)}</dd>
          <dt>{t.birth}</dt>
          <dd>{p.birthPlace || p.birthDate ? [p.birthPlace, p.birthDate ? format.date(p.birthDate) : null].filter(Boolean).join(', ') : value(null)}</dd>
          <dt>{t.sex}</dt>
          <dd>{value(label(SEX_LABELS, locale, p.sex))}</dd>
          <dt>{t.marital}</dt>
          <dd>{value(label(MARITAL_STATUS_LABELS, locale, p.maritalStatus))}</dd>
          <dt>{t.phone}</dt>
          <dd>{formatMobileNumber(p.phone)}</dd>
          <dt>{t.email}</dt>
          <dd>{p.email}</dd>
        </dl>
      </Section>

      <Section id="sec-address" title={t.address} edit={t.edit} to="/profil/alamat">
        <dl className="facts">
          <dt>{t.ktpAddress}</dt>
          <dd>{address(p.ktp)}</dd>
          <dt>{t.domicile}</dt>
          <dd>{p.domicileSameAsKtp ? t.sameAsKtp : address(p.domicile)}</dd>
        </dl>
      </Section>

      <Section id="sec-education" title={t.education} edit={t.edit} to="/profil/pendidikan">
        <dl className="facts">
          <dt>{t.level}</dt>
          <dd>{value(label(EDUCATION_LEVEL_LABELS, locale, p.educationLevel))}</dd>
          <dt>{t.school}</dt>
          <dd>{value(p.schoolName)}</dd>
          {p.educationLevel !== 'SD' && p.educationLevel !== 'SMP' ? (
            <>
              <dt>{t.major}</dt>
              <dd>{value(p.major)}</dd>
            </>
          ) : null}
          <dt>{t.year}</dt>
          <dd>{value(p.graduationYear)}</dd>
        </dl>
      </Section>

      <Section id="sec-other" title={t.other} edit={t.edit} to="/profil/lainnya">
        <dl className="facts">
          <dt>{t.employment}</dt>
          <dd>{value(label(EMPLOYMENT_STATUS_LABELS, locale, p.employmentStatus))}</dd>
          <dt>{t.disability}</dt>
          <dd>{value(label(DISABILITY_LABELS, locale, p.disability))}</dd>
        </dl>
      </Section>

      <Section id="sec-documents" title={t.documents} edit={t.edit} to="/profil/dokumen">
        <dl className="facts">
          {DOCUMENT_KINDS.map((kind) => {
            const doc = p.documents.find((d) => d.kind === kind)
            return (
              <div key={kind} style={{ display: 'contents' }}>
                <dt>{DOCUMENT_KIND_LABELS[locale][kind]}</dt>
                <dd>
                  {doc ? (
                    <>
                      <span className="badge badge-ok">{t.uploaded.replace('{date}', format.date(doc.uploadedAt))}</span>{' '}
                      <a href={`/profil/dokumen/${kind}`}>
                        {t.view}
                        <span className="visually-hidden"> {DOCUMENT_KIND_LABELS[locale][kind]}</span>
                      </a>
                    </>
                  ) : (
                    <span className="badge badge-warn">{t.notUploaded}</span>
                  )}
                </dd>
              </div>
            )
          })}
        </dl>
      </Section>
    </>
  )
}
