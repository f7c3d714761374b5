import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { formatZonedDateTime, FALLBACK_TIME_ZONE } from '../../domain/zonedTime'
import { GREY, pdfmake } from '../documents/pdf'
import type { AuditBy, PersonalDataExport } from './exportPersonalData'

// The candidate's data as a readable A4 PDF (decision 023): the same content as the JSON,
// in sections with plain Indonesian labels.

const BY: Record<AuditBy, string> = {
  self: 'Anda',
  kiosk_officer_for_you: 'Petugas kios untuk Anda',
  staff: 'Petugas BPVP',
  system: 'Sistem',
}
const CHANNEL: Record<string, string> = { self: 'dicentang sendiri saat membuat akun', kiosk: 'ditunjukkan petugas kios' }
const DOC_KIND: Record<string, string> = { photo: 'Pas foto', ktp: 'KTP', diploma: 'Ijazah terakhir' }
const SEX: Record<string, string> = { male: 'Laki-laki', female: 'Perempuan' }

const when = (iso: string | null | undefined, zone: string) => (iso ? formatZonedDateTime(new Date(iso), zone) : '—')
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v))

function rows(pairs: Array<[string, unknown]>): Content {
  return {
    table: { widths: [150, '*'], body: pairs.map(([k, v]): TableCell[] => [{ text: k, color: GREY }, text(v)]) },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  }
}

function heading(title: string): Content {
  return { text: title, bold: true, fontSize: 13, margin: [0, 12, 0, 4] }
}

function compactJson(value: unknown): string {
  if (value === null || value === undefined) return ''
  const s = JSON.stringify(value)
  return s.length > 300 ? `${s.slice(0, 300)}…` : s
}

/** CPU-bound: call it outside any transaction. */
export async function renderPersonalDataPdf(data: PersonalDataExport, timeZone = FALLBACK_TIME_ZONE): Promise<Buffer> {
  const p = data.profile
  const address = (a: PersonalDataExport['profile']['ktp']) =>
    [a.street, a.regions?.village, a.regions?.district, a.regions?.regency, a.regions?.province, a.postalCode].filter(Boolean).join(', ') || '—'

  const content: Content[] = [
    { text: 'Data pribadi Anda di Latih', bold: true, fontSize: 16 },
    { text: `Dibuat ${when(data.generatedAt, timeZone)} · Pemberitahuan Privasi versi ${data.noticeVersion}`, color: GREY, margin: [0, 2, 0, 8] },
    {
      text: 'Dokumen ini berisi seluruh data yang disimpan Latih tentang Anda, termasuk NIK lengkap. Simpan di tempat aman dan jangan dibagikan.',
      margin: [0, 0, 0, 6],
    },

    heading('Akun'),
    rows([
      ['E-mail', data.account.email],
      ['E-mail terverifikasi', data.account.emailVerifiedAt ? when(data.account.emailVerifiedAt, timeZone) : 'Belum'],
      ['Dibuat', when(data.account.createdAt, timeZone)],
      ['Dibuat di kios', data.account.createdAtKiosk ? 'Ya' : 'Tidak'],
      ['Bahasa', data.account.locale === 'en' ? 'English' : 'Bahasa Indonesia'],
    ]),
    heading('Persetujuan'),
    data.consents.length
      ? rows(data.consents.map((c): [string, unknown] => [when(c.consentedAt, timeZone), `Versi ${c.noticeVersion}, ${CHANNEL[c.channel] ?? c.channel}`]))
      : { text: 'Belum ada persetujuan tercatat (akun dibuat sebelum persetujuan dicatat).', margin: [0, 0, 0, 8] },

    heading('Profil'),
    rows([
      ['NIK', p.nik],
      ['Nama lengkap', p.fullName],
      ['Tempat lahir', p.birthPlace],
      ['Tanggal lahir', p.birthDate],
      ['Jenis kelamin', p.sex ? SEX[p.sex] : null],
      ['Status perkawinan', p.maritalStatus],
      ['Nomor HP', p.phone],
      ['Alamat KTP', address(p.ktp)],
      ['Alamat domisili', p.domicileSameAsKtp ? 'Sama dengan KTP' : address(p.domicile)],
      ['Pendidikan terakhir', p.educationLevel],
      ['Sekolah', p.schoolName],
      ['Jurusan', p.major],
      ['Tahun lulus', p.graduationYear],
      ['Status pekerjaan', p.employmentStatus],
      ['Disabilitas', p.disability],
      ['Terakhir diubah', when(p.updatedAt, timeZone)],
    ]),

    heading('Dokumen'),
    data.documents.length
      ? {
          table: {
            headerRows: 1,
            widths: ['auto', '*', 'auto', 'auto'],
            body: [
              ['Jenis', 'Nama berkas', 'Ukuran', 'Diunggah'].map((h) => ({ text: h, bold: true })),
              ...data.documents.map((d): TableCell[] => [DOC_KIND[d.kind] ?? d.kind, d.originalName || '—', `${Math.ceil(d.byteSize / 1024)} KB`, when(d.uploadedAt, timeZone)]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        }
      : { text: 'Belum ada dokumen.' },
    { text: 'Berkasnya dapat diunduh satu per satu dari halaman Profil → Dokumen.', color: GREY, fontSize: 9, margin: [0, 2, 0, 8] },

    heading('Pendaftaran'),
    ...(data.registrations.length
      ? data.registrations.flatMap((r): Content[] => [
          { text: `${r.number} — ${r.programme}, ${r.batch} (${r.institution})`, bold: true, margin: [0, 4, 0, 2] },
          rows([
            ['Status', r.stateLabel],
            ['Mendaftar', when(r.createdAt, timeZone)],
            ['Tes tulis', r.writtenTest ? `${r.writtenTest.score} (batas lulus ${r.writtenTest.passMark}) — ${r.writtenTest.passed ? 'lulus' : 'tidak lulus'}` : null],
          ]),
          {
            table: {
              widths: ['auto', '*'],
              body: r.events.map((e): TableCell[] => [when(e.at, timeZone), `${e.kind}${e.viaKiosk ? ' (oleh petugas kios)' : ''}${e.reason ? ` — ${e.reason}` : ''}`]),
            },
            layout: 'noBorders',
            fontSize: 9,
            margin: [0, 0, 0, 6],
          },
        ])
      : [{ text: 'Belum ada pendaftaran.' } as Content]),

    heading('Asesmen'),
    rows([
      ['Asesmen mandiri', data.assessments.selfAssessment ? `selesai ${when(data.assessments.selfAssessment.completedAt, timeZone)}; ${data.assessments.selfAssessment.scales.map((s) => `${s.name} ${s.mean.toFixed(2)}`).join(', ')}` : null],
      ['Profil potensi', data.assessments.potential ? `selesai ${when(data.assessments.potential.completedAt, timeZone)}` : null],
      [
        'Tes tulis',
        data.assessments.writtenTest
          ? data.assessments.writtenTest.published
            ? `nilai ${text(data.assessments.writtenTest.score)} (batas ${text(data.assessments.writtenTest.passMark)})`
            : `selesai ${when(data.assessments.writtenTest.completedAt, timeZone)}; nilai belum diumumkan`
          : null,
      ],
    ]),

    heading('Permintaan penutupan akun'),
    data.closureRequests.length
      ? rows(data.closureRequests.map((c): [string, unknown] => [when(c.requestedAt, timeZone), `${c.status === 'completed' ? 'Selesai' : 'Diajukan'} — ${c.reason}`]))
      : { text: 'Tidak ada.', margin: [0, 0, 0, 8] },

    heading('Jejak audit tentang Anda'),
    { text: 'Siapa melakukan apa pada akun, profil, dan dokumen Anda (termasuk siapa yang membuka KTP Anda), terbaru lebih dahulu.', color: GREY, fontSize: 9, margin: [0, 0, 0, 4] },
    data.audit.entries.length
      ? {
          table: {
            headerRows: 1,
            widths: ['auto', 'auto', 'auto', '*'],
            body: [
              ['Waktu', 'Oleh', 'Tindakan', 'Rincian'].map((h) => ({ text: h, bold: true })),
              ...data.audit.entries.map((a): TableCell[] => [when(a.at, timeZone), BY[a.by], a.action, compactJson(a.after ?? a.before)]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
        }
      : { text: 'Tidak ada.' },
    ...(data.audit.truncated ? [{ text: 'Hanya 2.000 catatan terbaru yang dimuat; minta salinan lengkap kepada BPVP Kendari.', color: GREY, fontSize: 9 } as Content] : []),
  ]

  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: 'Data pribadi Anda di Latih', author: 'Latih — BPVP Kendari' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    footer: (page, pages) => ({ text: `Halaman ${page} dari ${pages}`, alignment: 'center', fontSize: 8, color: GREY, margin: [0, 20, 0, 0] }),
    content,
  }
  return pdfmake.createPdf(doc).getBuffer()
}
