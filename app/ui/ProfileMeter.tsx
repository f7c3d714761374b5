import { Link } from 'react-router'
import { defineText, useLocale, useText } from '../i18n/text'

type Section = 'identity' | 'address' | 'education' | 'other' | 'documents' | 'account'

/** Where each profile section is filled in. */
export const PROFILE_SECTION_PATHS: Record<Section, string> = {
  identity: '/profil/identitas',
  address: '/profil/alamat',
  education: '/profil/pendidikan',
  other: '/profil/lainnya',
  documents: '/profil/dokumen',
  account: '/profil#verifikasi',
}

const text = defineText({
  id: {
    title: 'Kelengkapan profil',
    percent: '{n}% lengkap',
    complete: 'Profil Anda sudah lengkap.',
    missing: 'Yang belum dilengkapi:',
  },
  en: {
    title: 'Profile completeness',
    percent: '{n}% complete',
    complete: 'Your profile is complete.',
    missing: 'Still missing:',
  },
})

// English names of the completeness items (the domain rule labels them in Indonesian).
const FIELD_LABELS_EN: Record<string, string> = {
  fullName: 'Full name',
  nik: 'NIK',
  birthPlace: 'Place of birth',
  birthDate: 'Date of birth',
  sex: 'Sex',
  maritalStatus: 'Marital status',
  phone: 'Mobile number',
  ktpStreet: 'KTP address (street, RT/RW)',
  ktpVillageCode: 'KTP address (village)',
  ktpPostalCode: 'KTP postal code',
  domicileSameAsKtp: 'Domicile (same as KTP or not)',
  domicileStreet: 'Domicile address (street, RT/RW)',
  domicileVillageCode: 'Domicile address (village)',
  domicilePostalCode: 'Domicile postal code',
  educationLevel: 'Last education level',
  schoolName: 'School/university',
  major: 'Major/study programme',
  graduationYear: 'Graduation year',
  employmentStatus: 'Employment status',
  disability: 'Disability',
  hasPhoto: 'Photo',
  hasKtpScan: 'ID card (KTP) scan',
  hasDiplomaScan: 'Last diploma',
  emailVerified: 'E-mail verification',
}

export interface ProfileMeterProps {
  percent: number
  complete: boolean
  missing: ReadonlyArray<{ field: string; label: string; section: Section }>
}

/** The completeness bar and the list of what is still missing, each linking to its section. */
export function ProfileMeter({ percent, complete, missing }: ProfileMeterProps) {
  const t = useText(text)
  const locale = useLocale()
  const headingId = 'profile-meter-title'
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.title}</h2>
      <p>
        <strong>{t.percent.replace('{n}', String(percent))}</strong>
      </p>
      <div
        className="meter"
        role="progressbar"
        aria-labelledby={headingId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t.percent.replace('{n}', String(percent))}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {complete ? (
        <p>{t.complete}</p>
      ) : (
        <>
          <p>{t.missing}</p>
          <ul>
            {missing.map((m) => (
              <li key={m.field}>
                <Link to={PROFILE_SECTION_PATHS[m.section]}>{locale === 'en' ? (FIELD_LABELS_EN[m.field] ?? m.label) : m.label}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
