import { writeWorkbook } from '../documents/spreadsheet/writer'
import type { NominativeList } from './getNominativeList'
import type { Participant } from './participants'

/** The nominative list as a workbook, through the one writer (NIK and phone as text, the birth date a date cell). */
export async function renderNominativeListXlsx(list: NominativeList, out?: NodeJS.WritableStream): Promise<Buffer | undefined> {
  return writeWorkbook(
    {
      title: `Daftar Nominatif Peserta — ${list.programme.name}, ${list.batch.label}`,
      institutionName: list.institution.name,
      timeZone: list.institution.timeZone,
      generatedAt: list.generatedAt,
      generatedBy: list.generatedBy,
      details: [
        ['Program', `${list.programme.name} (${list.programme.code})`],
        ['Gelombang', list.batch.label],
        ['Jumlah peserta', String(list.participants.length)],
      ],
    },
    [
      {
        name: 'Daftar nominatif',
        columns: [
          { header: 'No.', type: 'integer', value: (p: Participant) => p.no, width: 6 },
          { header: 'No. pendaftaran', type: 'text', value: (p: Participant) => p.number, width: 22 },
          { header: 'Nama lengkap', type: 'text', value: (p: Participant) => p.fullName, width: 30 },
          { header: 'NIK', type: 'text', value: (p: Participant) => p.nik, width: 20 },
          { header: 'Jenis kelamin', type: 'text', value: (p: Participant) => p.sex, width: 14 },
          { header: 'Tempat lahir', type: 'text', value: (p: Participant) => p.birthPlace, width: 18 },
          { header: 'Tanggal lahir', type: 'date', value: (p: Participant) => p.birthDate, width: 14 },
          { header: 'Alamat', type: 'text', value: (p: Participant) => p.address, width: 60 },
          { header: 'Pendidikan terakhir', type: 'text', value: (p: Participant) => p.education, width: 22 },
          { header: 'Nomor HP', type: 'text', value: (p: Participant) => p.phone, width: 18 },
        ],
        rows: list.participants,
      },
    ],
    out,
  )
}
