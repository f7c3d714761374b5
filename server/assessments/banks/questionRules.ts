import type { BankScale, QuestionOption } from '../../db/schema'
import {
  fixedOptionsFor,
  KIND_LABEL,
  MIN_CHOICES,
  MULTIPLE_CHOICE_KEYS,
  TEMPLATE_TYPE_NAME,
  TYPE_OF_KIND,
  type AssessmentKind,
  type QuestionType,
} from './options'
import { isQuestionImageKey } from './images'

/**
 * The rules a question must satisfy, shared by the question form and the XLSX import.
 * Fields are named like the template's columns, so an import error and a form error
 * point at the same thing ("opsi_b", "kunci", …).
 */
export const QUESTION_COLUMNS = [
  'kode',
  'tipe',
  'pertanyaan',
  'opsi_a',
  'opsi_b',
  'opsi_c',
  'opsi_d',
  'opsi_e',
  'kunci',
  'skala',
  'terbalik',
  'gambar',
] as const
export type QuestionColumn = (typeof QUESTION_COLUMNS)[number]

export const OPTION_COLUMNS = ['opsi_a', 'opsi_b', 'opsi_c', 'opsi_d', 'opsi_e'] as const

export type QuestionFields = Partial<Record<QuestionColumn, string | undefined>>

export interface QuestionDraft {
  type: QuestionType
  stem: string
  imageKey: string | null
  options: QuestionOption[]
  correctOptionKey: string | null
  scaleCode: string | null
  reverseScored: boolean
}

export type FieldErrors = Partial<Record<QuestionColumn, string[]>>

export const MAX_STEM = 2000
export const MAX_OPTION = 500
export const MAX_CODE = 40

const CODE = /^[A-Z0-9][A-Z0-9._-]*$/

const clean = (v: string | undefined) => (v ?? '').replace(/\r\n?/g, '\n').trim()

const TYPE_BY_NAME: Record<string, QuestionType> = {
  likert: 'likert',
  skala: 'scaled',
  scaled: 'scaled',
  pilihan_ganda: 'multiple_choice',
  'pilihan ganda': 'multiple_choice',
  multiple_choice: 'multiple_choice',
}

/** A question code as stored: trimmed, upper case. Returns an error message or the code. */
export function checkQuestionCode(raw: string | undefined): { code: string } | { error: string } {
  const code = clean(raw).toUpperCase()
  if (!code) return { error: 'wajib diisi.' }
  if (code.length > MAX_CODE) return { error: `paling banyak ${MAX_CODE} karakter.` }
  if (!CODE.test(code)) return { error: 'hanya huruf, angka, titik, garis bawah, atau tanda hubung, diawali huruf atau angka.' }
  return { code }
}

function parseYesNo(raw: string): boolean | null | 'invalid' {
  const v = raw.toLowerCase()
  if (v === '') return null
  if (['ya', 'y', 'yes', 'true', '1', 'on'].includes(v)) return true
  if (['tidak', 't', 'no', 'false', '0', 'off'].includes(v)) return false
  return 'invalid'
}

/**
 * Check one question against its bank. Returns the normalised draft when there are no
 * errors. `imageKey` existence is checked by the caller (it needs the database).
 */
export function checkQuestion(
  bank: { kind: AssessmentKind; scales: readonly BankScale[] },
  fields: QuestionFields,
): { ok: true; draft: QuestionDraft } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const add = (column: QuestionColumn, message: string) => {
    ;(errors[column] ??= []).push(message)
  }
  const expected = TYPE_OF_KIND[bank.kind]

  const typeName = clean(fields.tipe).toLowerCase()
  let type: QuestionType = expected
  if (fields.tipe !== undefined) {
    const given = TYPE_BY_NAME[typeName]
    if (!typeName) add('tipe', 'wajib diisi (likert, skala, atau pilihan_ganda).')
    else if (!given) add('tipe', 'harus likert, skala, atau pilihan_ganda.')
    else if (given !== expected) {
      add('tipe', `bank ${KIND_LABEL[bank.kind]} hanya menerima tipe ${TEMPLATE_TYPE_NAME[expected]}.`)
    } else type = given
  }

  const stem = clean(fields.pertanyaan)
  if (!stem) add('pertanyaan', 'wajib diisi.')
  else if (stem.length > MAX_STEM) add('pertanyaan', `paling banyak ${MAX_STEM} karakter (sekarang ${stem.length}).`)

  const optionTexts = OPTION_COLUMNS.map((c) => clean(fields[c]))
  const keyRaw = clean(fields.kunci).toUpperCase()
  const scaleRaw = clean(fields.skala).toUpperCase()
  const reverse = parseYesNo(clean(fields.terbalik))
  if (reverse === 'invalid') add('terbalik', 'isi "ya" atau "tidak" (atau kosongkan).')

  let options: QuestionOption[] = []
  let correctOptionKey: string | null = null
  let scaleCode: string | null = null

  if (type === 'multiple_choice') {
    OPTION_COLUMNS.forEach((column, i) => {
      const text = optionTexts[i]!
      if (i < MIN_CHOICES && !text) add(column, 'wajib diisi untuk pilihan ganda.')
      if (text.length > MAX_OPTION) add(column, `paling banyak ${MAX_OPTION} karakter.`)
    })
    // Options must be distinct, or two keys would read the same.
    const seen = new Map<string, number>()
    optionTexts.forEach((text, i) => {
      if (!text) return
      const norm = text.toLowerCase().replace(/\s+/g, ' ')
      const first = seen.get(norm)
      if (first !== undefined) add(OPTION_COLUMNS[i]!, `sama dengan ${OPTION_COLUMNS[first]}; setiap opsi harus berbeda.`)
      else seen.set(norm, i)
    })
    options = optionTexts
      .map((text, i) => ({ key: MULTIPLE_CHOICE_KEYS[i]!, text }))
      .filter((o) => o.text !== '')
    if (!keyRaw) add('kunci', 'wajib diisi untuk pilihan ganda (A–E).')
    else if (!(MULTIPLE_CHOICE_KEYS as readonly string[]).includes(keyRaw)) add('kunci', 'harus salah satu huruf A–E.')
    else if (!optionTexts[MULTIPLE_CHOICE_KEYS.indexOf(keyRaw as 'A')]) {
      add('kunci', `menunjuk opsi_${keyRaw.toLowerCase()} yang kosong.`)
    } else correctOptionKey = keyRaw
    if (scaleRaw) add('skala', 'kosongkan untuk pilihan ganda; skala hanya untuk likert dan skala.')
    if (reverse === true) add('terbalik', 'hanya untuk likert dan skala; kosongkan untuk pilihan ganda.')
  } else {
    const fixed = fixedOptionsFor(type)!
    optionTexts.forEach((text, i) => {
      if (text) {
        add(
          OPTION_COLUMNS[i]!,
          `kosongkan untuk tipe ${TEMPLATE_TYPE_NAME[type]}; pilihan jawabannya sudah baku (${fixed.map((o) => o.text).join(', ')}).`,
        )
      }
    })
    options = fixed.map((o) => ({ ...o }))
    if (keyRaw) add('kunci', `kosongkan untuk tipe ${TEMPLATE_TYPE_NAME[type]}; tidak ada jawaban benar.`)
    const known = bank.scales.map((s) => s.code)
    if (!scaleRaw) {
      if (type === 'scaled') add('skala', 'wajib diisi dengan kode skala bank ini.')
    } else if (!known.includes(scaleRaw)) {
      add(
        'skala',
        known.length
          ? `kode skala "${scaleRaw}" tidak dikenal; pilih salah satu: ${known.join(', ')}.`
          : `kode skala "${scaleRaw}" tidak dikenal; bank ini belum punya skala.`,
      )
    } else scaleCode = scaleRaw
  }

  const image = clean(fields.gambar)
  if (image && !isQuestionImageKey(image)) {
    add('gambar', 'bukan kunci gambar Latih (bentuknya questions/<kode>.png atau .jpg); unggah gambar lewat halaman soal.')
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    draft: {
      type,
      stem,
      imageKey: image || null,
      options,
      correctOptionKey,
      scaleCode,
      reverseScored: reverse === true,
    },
  }
}

/** The code after the highest '<bank>-NNN' among `codes`, e.g. 'UMUM-031'. */
export function nextCodeFrom(bankCode: string, codes: readonly string[]): string {
  const prefix = `${bankCode}-`
  let top = 0
  for (const code of codes) {
    if (!code.startsWith(prefix)) continue
    const n = Number(code.slice(prefix.length))
    if (Number.isInteger(n) && n > top) top = n
  }
  return `${prefix}${String(top + 1).padStart(3, '0')}`
}

/** True when a stored version already says exactly what the draft says. */
export function sameContent(
  version: {
    type: QuestionType
    stem: string
    imageKey: string | null
    options: readonly QuestionOption[]
    correctOptionKey: string | null
    scaleCode: string | null
    reverseScored: boolean
  },
  draft: QuestionDraft,
): boolean {
  return (
    version.type === draft.type &&
    version.stem === draft.stem &&
    (version.imageKey ?? null) === draft.imageKey &&
    (version.correctOptionKey ?? null) === draft.correctOptionKey &&
    (version.scaleCode ?? null) === draft.scaleCode &&
    version.reverseScored === draft.reverseScored &&
    version.options.length === draft.options.length &&
    version.options.every((o, i) => o.key === draft.options[i]!.key && o.text === draft.options[i]!.text)
  )
}

/** The template's cells for a stored version (the inverse of checkQuestion). */
export function fieldsOfVersion(
  code: string,
  version: {
    type: QuestionType
    stem: string
    imageKey: string | null
    options: readonly QuestionOption[]
    correctOptionKey: string | null
    scaleCode: string | null
    reverseScored: boolean
  },
): Record<QuestionColumn, string> {
  const option = (key: string) =>
    version.type === 'multiple_choice' ? (version.options.find((o) => o.key === key)?.text ?? '') : ''
  return {
    kode: code,
    tipe: TEMPLATE_TYPE_NAME[version.type],
    pertanyaan: version.stem,
    opsi_a: option('A'),
    opsi_b: option('B'),
    opsi_c: option('C'),
    opsi_d: option('D'),
    opsi_e: option('E'),
    kunci: version.correctOptionKey ?? '',
    skala: version.scaleCode ?? '',
    terbalik: version.type === 'multiple_choice' ? '' : version.reverseScored ? 'ya' : 'tidak',
    gambar: version.imageKey ?? '',
  }
}
