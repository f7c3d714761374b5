import type { ReadSheetSpec } from '../../documents/spreadsheet/reader'
import { writeWorkbook, type SheetSpec, type WorkbookInfo } from '../../documents/spreadsheet/writer'
import type { BankScale } from '../../db/schema'
import { KIND_LABEL, LIKERT_OPTIONS, SCALED_OPTIONS, TEMPLATE_TYPE_NAME, TYPE_OF_KIND, type AssessmentKind } from './options'
import { QUESTION_COLUMNS, type QuestionColumn } from './questionRules'
import { MAX_IMPORT_ROWS } from './limits'
import { SCALE_COLUMNS, type ScaleColumn } from './scaleRules'

/**
 * The XLSX template of a question bank (documented in docs/question-bank-template.md).
 * Export writes it through the spreadsheet writer and import reads it through the
 * spreadsheet reader, so an exported file imports unchanged.
 */
export const QUESTIONS_SHEET = 'Soal'
export const GUIDE_SHEET = 'Petunjuk'
export const SCALES_SHEET = 'Skala'

/** Rows that get the drop-down lists for tipe, kunci and terbalik. */
const VALIDATED_ROWS = 500

const QUESTION_WIDTHS: Record<QuestionColumn, number> = {
  kode: 12,
  tipe: 14,
  pertanyaan: 60,
  opsi_a: 28,
  opsi_b: 28,
  opsi_c: 28,
  opsi_d: 28,
  opsi_e: 28,
  kunci: 7,
  skala: 9,
  terbalik: 9,
  gambar: 30,
}

const COLUMN_GUIDE: Record<QuestionColumn, string> = {
  kode:
    'Kode tetap soal di bank ini, mis. UMUM-001 (huruf, angka, titik, garis bawah, tanda hubung; maks. 40). Wajib. Kode yang sudah ada memperbarui soal itu (versi baru hanya bila isinya berubah); kode baru menambah soal.',
  tipe: 'likert (Asesmen Penilaian Diri), skala (Asesmen Potensi Diri) atau pilihan_ganda (Asesmen Siap Latih). Wajib dan harus sesuai jenis bank.',
  pertanyaan: 'Teks pernyataan atau pertanyaan. Wajib, maks. 2000 karakter.',
  opsi_a: 'Pilihan ganda: teks opsi A (wajib). Likert dan skala: kosongkan.',
  opsi_b: 'Pilihan ganda: teks opsi B (wajib). Likert dan skala: kosongkan.',
  opsi_c: 'Pilihan ganda: teks opsi C (wajib). Likert dan skala: kosongkan.',
  opsi_d: 'Pilihan ganda: teks opsi D (wajib). Likert dan skala: kosongkan.',
  opsi_e: 'Pilihan ganda: teks opsi E (boleh kosong; soal berisi 4 atau 5 opsi). Likert dan skala: kosongkan.',
  kunci: 'Pilihan ganda: huruf jawaban benar A–E; harus menunjuk opsi yang terisi. Likert dan skala: kosongkan.',
  skala:
    'Kode skala dari lembar Skala. Wajib untuk tipe skala, boleh untuk likert (mis. DSP untuk disiplin). Pilihan ganda: kosongkan.',
  terbalik:
    'ya atau tidak. "ya" berarti skor dibalik (pernyataan negatif: Sangat Sesuai bernilai 1, bukan 5). Hanya untuk likert dan skala; kosong sama dengan tidak.',
  gambar:
    'Boleh kosong. Kunci gambar yang sudah ada di Latih (mis. questions/….png), tampil di halaman soal setelah gambar diunggah. Gambar baru diunggah lewat formulir soal, bukan lewat berkas ini.',
}

const SCALE_WIDTHS: Record<ScaleColumn, number> = { kode: 10, nama: 30, deskripsi: 60, bidang_disarankan: 50 }

export interface TemplateQuestionRow extends Record<QuestionColumn, string> {}

/** The sheets the import reads: every column is text, so a date or formula in one is refused. */
export const QUESTIONS_READ: ReadSheetSpec<QuestionColumn> = {
  name: QUESTIONS_SHEET,
  columns: QUESTION_COLUMNS.map((name) => ({ name, type: 'text' as const })),
  maxRows: MAX_IMPORT_ROWS,
}
export const SCALES_READ: ReadSheetSpec<ScaleColumn> = {
  name: SCALES_SHEET,
  columns: SCALE_COLUMNS.map((name) => ({ name, type: 'text' as const })),
  maxRows: 100,
}

type Bank = { kind: AssessmentKind; code: string; title: string; scales: readonly BankScale[] }

/** The template's sheets: Soal (the one people edit, first), Petunjuk, and Skala for banks with scales. */
export function bankTemplateSheets(bank: Bank, rows: readonly TemplateQuestionRow[]): SheetSpec[] {
  const type = TEMPLATE_TYPE_NAME[TYPE_OF_KIND[bank.kind]]
  const soal: SheetSpec<TemplateQuestionRow> = {
    name: QUESTIONS_SHEET,
    // Every column is text (format @): typing 007 or 4/12 into the template keeps it as typed.
    columns: QUESTION_COLUMNS.map((c) => ({
      header: c,
      type: 'text' as const,
      width: QUESTION_WIDTHS[c],
      value: (r: TemplateQuestionRow) => r[c],
      list:
        c === 'tipe'
          ? { values: [type], message: `Tipe soal bank ini: ${type}.` }
          : c === 'kunci' && type === 'pilihan_ganda'
            ? { values: ['A', 'B', 'C', 'D', 'E'], message: 'Huruf jawaban benar A–E.' }
            : c === 'terbalik' && type !== 'pilihan_ganda'
              ? { values: ['ya', 'tidak'], message: 'ya atau tidak.' }
              : undefined,
    })),
    rows,
    validatedRows: VALIDATED_ROWS,
    wrapText: true,
  }
  const guide: SheetSpec<[string, string]> = {
    name: GUIDE_SHEET,
    columns: [
      { header: 'kolom', type: 'text', width: 18, value: (r) => r[0] },
      { header: 'penjelasan', type: 'text', width: 110, value: (r) => r[1] },
    ],
    rows: [...QUESTION_COLUMNS.map((c): [string, string] => [c, COLUMN_GUIDE[c]]), ['', ''], ...guideNotes(bank, type)],
    wrapText: true,
  }
  const sheets: SheetSpec[] = [soal, guide]
  if (bank.kind === 'self_assessment' || bank.kind === 'potential') {
    const skala: SheetSpec<BankScale> = {
      name: SCALES_SHEET,
      columns: [
        { header: 'kode', type: 'text', width: SCALE_WIDTHS.kode, value: (s) => s.code },
        { header: 'nama', type: 'text', width: SCALE_WIDTHS.nama, value: (s) => s.name },
        { header: 'deskripsi', type: 'text', width: SCALE_WIDTHS.deskripsi, value: (s) => s.description },
        { header: 'bidang_disarankan', type: 'text', width: SCALE_WIDTHS.bidang_disarankan, value: (s) => s.suggestedFields.join('; ') },
      ],
      rows: bank.scales,
      wrapText: true,
    }
    sheets.push(skala)
  }
  return sheets
}

function guideNotes(bank: Bank, type: string): Array<[string, string]> {
  return [
    ['Bank', `${bank.code} — ${bank.title} (${KIND_LABEL[bank.kind]}). Tipe soal yang diterima: ${type}.`],
    ['Jawaban likert', `Pilihan baku: ${LIKERT_OPTIONS.map((o) => `${o.text} (${o.key})`).join(', ')}.`],
    ['Jawaban skala', `Pilihan baku: ${SCALED_OPTIONS.map((o) => o.text).join(', ')} (nilai 5 sampai 1).`],
    [
      'Impor',
      'Impor dua langkah: setelah berkas diunggah, Latih menampilkan pratinjau (soal yang ditambah, yang berubah dari isi lama ke isi baru, dan setiap baris yang ditolak). Tidak ada yang disimpan sampai Anda menekan Terapkan. Bila ada satu saja baris yang ditolak, berkas tidak dapat diterapkan; setiap kesalahan disebut baris dan kolomnya (mis. "Baris 7, kolom D (opsi_b): wajib diisi untuk pilihan ganda."). Baris kosong dilewati.',
    ],
    [
      'Jangan lewat CSV',
      'Sunting berkas ini langsung di Excel atau LibreOffice Calc dan simpan sebagai .xlsx. Bila disimpan sebagai CSV lalu dibuka lagi, program lembar kerja mengubah isi: 4/12 atau 7/8 menjadi tanggal, 007 menjadi 7, 1,5 menjadi 1.5, dan teks yang diawali = menjadi rumus. Latih menolak sel berisi tanggal atau rumus di kolom teks, tetapi angka yang berubah (007 menjadi 7) hanya terlihat di pratinjau: periksa pratinjau sebelum menerapkan.',
    ],
    [
      'Teks diawali =, +, - atau @',
      "Di berkas ekspor, teks seperti itu ditulis dengan tanda petik (') di depannya agar tidak dijalankan sebagai rumus; saat diimpor, tanda petik itu dibuang lagi.",
    ],
    [
      'Versi',
      'Mengubah soal lewat impor atau formulir membuat versi baru; asesmen yang sudah dikerjakan tetap memakai versi lamanya. Soal yang tidak ada di berkas tidak dihapus; arsipkan lewat halaman soal.',
    ],
    [
      'Lembar Skala',
      'Untuk bank Asesmen Penilaian Diri dan Asesmen Potensi Diri: bila lembar Skala ada, isinya menggantikan daftar skala bank. Kolom bidang_disarankan berisi bidang kejuruan dipisah titik koma (;), mis. Las; Otomotif.',
    ],
    [
      'Lembar',
      'Jangan mengganti judul kolom. Urutan kolom boleh berubah; kolom lain diabaikan. Lembar Soal dicari menurut namanya; berkas dengan satu lembar (mis. CSV yang diubah ke XLSX) dibaca apa pun nama lembarnya. Berkas CSV (pemisah koma atau titik koma, UTF-8 atau Windows-1252) juga diterima untuk lembar Soal.',
    ],
  ]
}

/** The template as XLSX bytes (export, and the empty template of a new bank). */
export async function writeBankWorkbook(
  bank: Bank,
  rows: readonly TemplateQuestionRow[],
  info: Omit<WorkbookInfo, 'title' | 'infoSheet'>,
): Promise<Buffer> {
  const bytes = await writeWorkbook(
    { ...info, title: `Bank soal ${bank.code} — ${bank.title}`, infoSheet: 'last', details: [['Jenis', KIND_LABEL[bank.kind]], ...(info.details ?? [])] },
    bankTemplateSheets(bank, rows),
  )
  return bytes!
}
