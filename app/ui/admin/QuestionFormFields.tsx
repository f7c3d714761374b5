// The question form's fields, for a new question (/admin/bank-soal/:bankId/soal/baru)
// and for an edit (/admin/bank-soal/:bankId/soal/:questionId).
import { MAX_IMAGE_BYTES, questionImageUrl } from '../../../server/assessments/banks/images'
import { IMAGE_FIELD } from '../../../server/assessments/banks/limits'
import { LIKERT_OPTIONS, MULTIPLE_CHOICE_KEYS, SCALED_OPTIONS, TYPE_OF_KIND, type AssessmentKind } from '../../../server/assessments/banks/options'
import { OPTION_COLUMNS } from '../../../server/assessments/banks/questionRules'
import type { BankScale } from '../../../server/db/schema'
import { defineText, useText } from '../../i18n/text'
import { Field, FieldShell, FormErrors, SelectField, TextAreaField, type FormState } from '../form'

export const questionFormText = defineText({
  id: {
    problems: 'Soal belum dapat disimpan.',
    code: 'Kode soal',
    codeHint: 'Boleh kosong: kode berikutnya dibuat otomatis ({example}).',
    stem: 'Pertanyaan',
    stemLikert: 'Pernyataan',
    stemScaled: 'Kegiatan atau pernyataan',
    option: 'Opsi {k}',
    optionalE: 'Boleh kosong (soal 4 opsi).',
    key: 'Kunci jawaban',
    chooseKey: 'Pilih opsi yang benar',
    fixedOptions: 'Pilihan jawaban sudah baku: {options}.',
    scale: 'Skala',
    noScale: '(tanpa skala)',
    chooseScale: 'Pilih skala',
    scaleHint: 'Jawaban dihitung ke skala ini.',
    reverse: 'Skor terbalik (pernyataan negatif: jawaban pertama bernilai terendah)',
    image: 'Gambar (opsional)',
    imageHint: 'JPEG atau PNG, paling besar {mb} MB. Gambar baru menggantikan gambar lama.',
    currentImage: 'Gambar soal saat ini',
    removeImage: 'Hapus gambar',
    upload: 'Unggah gambar',
  },
  en: {
    problems: 'The question could not be saved.',
    code: 'Question code',
    codeHint: 'Optional: the next code is made automatically ({example}).',
    stem: 'Question',
    stemLikert: 'Statement',
    stemScaled: 'Activity or statement',
    option: 'Option {k}',
    optionalE: 'Optional (4-option question).',
    key: 'Correct answer',
    chooseKey: 'Choose the correct option',
    fixedOptions: 'The answer options are fixed: {options}.',
    scale: 'Scale',
    noScale: '(no scale)',
    chooseScale: 'Choose a scale',
    scaleHint: 'The answer counts towards this scale.',
    reverse: 'Reverse-scored (negative statement: the first answer scores lowest)',
    image: 'Image (optional)',
    imageHint: 'JPEG or PNG, at most {mb} MB. A new image replaces the old one.',
    currentImage: 'Current question image',
    removeImage: 'Remove the image',
    upload: 'Upload an image',
  },
})

const MB = String(MAX_IMAGE_BYTES / 1024 / 1024)

/** The fields of the question form, for a new question and for an edit. */
export function QuestionFormFields({
  kind,
  scales,
  state,
  defaults,
  imageKey,
  codeExample,
}: {
  kind: AssessmentKind
  scales: readonly BankScale[]
  state: FormState | undefined
  defaults: Record<string, string>
  imageKey: string | null
  /** Shown for a new question: the code field with an example. */
  codeExample?: string
}) {
  const t = useText(questionFormText)
  const type = TYPE_OF_KIND[kind]
  const checked = (name: string) => (state?.values ? state.values[name] === 'ya' : defaults[name] === 'ya')
  return (
    <>
      <FormErrors state={state} title={t.problems} />
      {codeExample ? (
        <Field name="kode" label={t.code} hint={t.codeHint.replace('{example}', codeExample)} state={state} maxLength={40} autoCapitalize="characters" />
      ) : null}
      <TextAreaField
        name="pertanyaan"
        label={type === 'likert' ? t.stemLikert : type === 'scaled' ? t.stemScaled : t.stem}
        defaultValue={defaults.pertanyaan}
        state={state}
        rows={4}
        required
        maxLength={2000}
      />
      {type === 'multiple_choice' ? (
        <>
          {OPTION_COLUMNS.map((c, i) => (
            <Field
              key={c}
              name={c}
              label={t.option.replace('{k}', MULTIPLE_CHOICE_KEYS[i]!)}
              hint={c === 'opsi_e' ? t.optionalE : undefined}
              defaultValue={defaults[c]}
              state={state}
              required={c !== 'opsi_e'}
              maxLength={500}
            />
          ))}
          <SelectField
            name="kunci"
            label={t.key}
            placeholder={t.chooseKey}
            options={MULTIPLE_CHOICE_KEYS.map((k) => ({ value: k, label: t.option.replace('{k}', k) }))}
            defaultValue={defaults.kunci}
            state={state}
            required
          />
        </>
      ) : (
        <>
          <p className="hint">
            {t.fixedOptions.replace('{options}', (type === 'likert' ? LIKERT_OPTIONS : SCALED_OPTIONS).map((o) => o.text).join(', '))}
          </p>
          <SelectField
            name="skala"
            label={t.scale}
            hint={t.scaleHint}
            placeholder={type === 'likert' ? t.noScale : t.chooseScale}
            options={scales.map((s) => ({ value: s.code, label: `${s.code} — ${s.name}` }))}
            defaultValue={defaults.skala}
            state={state}
            required={type === 'scaled'}
          />
          <FieldShell id="f-terbalik" label={t.reverse} error={state?.errors?.terbalik?.[0]} check>
            {(control) => <input {...control} type="checkbox" name="terbalik" value="ya" defaultChecked={checked('terbalik')} />}
          </FieldShell>
        </>
      )}
      <fieldset>
        <legend>{t.image}</legend>
        {imageKey ? (
          <>
            <input type="hidden" name="gambar" value={imageKey} />
            <p>
              <img src={questionImageUrl(imageKey)} alt={t.currentImage} style={{ maxWidth: '100%', maxHeight: 240 }} />
            </p>
            <div className="field field-check">
              <label htmlFor="f-hapus-gambar">{t.removeImage}</label>
              <input id="f-hapus-gambar" type="checkbox" name="hapus_gambar" value="ya" defaultChecked={checked('hapus_gambar')} />
            </div>
          </>
        ) : null}
        {state?.errors?.gambar ? (
          <p className="error" role="alert">
            {state.errors.gambar[0]}
          </p>
        ) : null}
        <Field
          name={IMAGE_FIELD}
          label={t.upload}
          hint={t.imageHint.replace('{mb}', MB)}
          type="file"
          accept="image/png,image/jpeg"
          state={state}
        />
      </fieldset>
    </>
  )
}
