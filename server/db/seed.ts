import { eq } from 'drizzle-orm'
import type { StaffRole } from '../auth/actor'
import type { Db } from './client'
import { createBatch, createInstitution, createProgramme, createStaff } from './factories'
import { institution } from './schema'
import { seedDemoAssessments } from './seedAssessments'
import { seedSelectionWrittenTest } from './seedSelectionWrittenTest'
import { seedSelectionInterviews } from './seedSelectionInterviews'
import { seedSelectionPlenary } from './seedSelectionPlenary'
import { seedWholeSop } from './seedWholeSop'

export const DEMO_PASSWORD = 'Latih-Demo-2026'

const DEMO_STAFF: Array<{ role: StaffRole; email: string; name: string }> = [
  { role: 'administrator', email: 'admin@bpvp-kendari.test', name: 'Admin BPVP Kendari' },
  { role: 'kiosk_officer', email: 'petugas@bpvp-kendari.test', name: 'Petugas Kios Sari' },
  { role: 'selection_committee', email: 'panitia@bpvp-kendari.test', name: 'Panitia Seleksi Andi' },
  { role: 'interviewer', email: 'pewawancara@bpvp-kendari.test', name: 'Pewawancara Rahmat' },
  { role: 'organiser', email: 'penyelenggara@bpvp-kendari.test', name: 'Penyelenggara Wulan' },
]

const DEMO_PROGRAMMES = [
  {
    code: 'LAS',
    name: 'Pengelasan SMAW Posisi 3G',
    vocationalField: 'Las',
    description:
      'Pelatihan pengelasan busur manual (SMAW) pelat posisi vertikal 3G sesuai SKKNI, dari keselamatan kerja sampai uji visual hasil las.',
    durationHours: 240,
    location: 'Workshop Las, BPVP Kendari',
    minEducation: 'SMP',
    minAge: 17,
    maxAge: 45,
  },
  {
    code: 'TSM',
    name: 'Perawatan dan Perbaikan Sepeda Motor Injeksi',
    vocationalField: 'Otomotif',
    description:
      'Servis berkala, diagnosis sistem injeksi (PGM-FI/EFI), kelistrikan, dan perbaikan mesin sepeda motor.',
    durationHours: 280,
    location: 'Workshop Otomotif, BPVP Kendari',
    minEducation: 'SMP',
    minAge: 17,
    maxAge: 40,
  },
  {
    code: 'DGR',
    name: 'Desain Grafis Muda',
    vocationalField: 'Teknologi Informasi dan Komunikasi',
    description:
      'Desain untuk media cetak dan media sosial: tata letak, tipografi, warna, pengolahan foto, dan portofolio.',
    durationHours: 200,
    location: 'Lab Komputer TIK, BPVP Kendari',
    minEducation: 'SMA',
    minAge: 17,
    maxAge: 35,
  },
  {
    code: 'JHT',
    name: 'Menjahit Pakaian Wanita',
    vocationalField: 'Garmen Apparel',
    description: 'Mengukur badan, membuat pola, memotong dan menjahit blus, rok, dan gamis dengan mesin jahit industri.',
    durationHours: 240,
    location: 'Workshop Garmen, BPVP Kendari',
    minEducation: 'SD',
    minAge: 17,
    maxAge: 50,
  },
]

/**
 * Demo data for a first start: BPVP Kendari, one staff account per role, four
 * programmes each with an open batch (quota 16, 2 reserves). Returns null when the
 * institution already exists (the seed runs once).
 */
export async function seedDemo(db: Db, now: Date) {
  const existing = await db.select({ id: institution.id }).from(institution).where(eq(institution.code, 'KDI'))
  if (existing.length > 0) return null
  return db.transaction(async (tx) => {
    const kdi = await createInstitution(tx)
    for (const s of DEMO_STAFF) {
      await createStaff(tx, {
        institutionId: kdi.id,
        email: s.email,
        displayName: s.name,
        roles: [s.role],
        password: DEMO_PASSWORD,
      })
    }
    // Registration opened a week ago, so every demo batch is open now.
    const opensAt = new Date(now.getTime() - 7 * 86_400_000)
    opensAt.setUTCHours(0, 0, 0, 0) // 08:00 WITA
    for (const p of DEMO_PROGRAMMES) {
      const programme = await createProgramme(tx, { institutionId: kdi.id, ...p })
      await createBatch(tx, {
        programmeId: programme.id,
        institutionId: kdi.id,
        year: now.getUTCFullYear(),
        number: 1,
        opensAt,
      })
    }
    // Question banks (SOP step 5) and each demo batch's assessment configuration.
    await seedDemoAssessments(tx, kdi.id, now)
    // SOP step 6: a LAS batch past its assessment deadline, ready to publish.
    await seedSelectionWrittenTest(tx, kdi.id, now)
    // SOP step 7: a TSM batch with published written-test results, ready for interview slots.
    await seedSelectionInterviews(tx, kdi.id, now)
    // SOP step 8: two DGR batches with their interviews done and the plenary today.
    await seedSelectionPlenary(tx, kdi.id, now)
    // The whole SOP from today: an OKM batch open for registration with six assessed candidates.
    await seedWholeSop(tx, kdi.id, now)
    return {
      institutionId: kdi.id,
      logins: DEMO_STAFF.map((s) => ({ role: s.role, email: s.email, password: DEMO_PASSWORD })),
    }
  })
}
