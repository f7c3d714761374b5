// The labels of the question-bank forms: a new bank and its edit page.
import { defineText } from '../../i18n/text'

export const bankFormText = defineText({
  id: {
    problems: 'Bank soal belum dapat disimpan.',
    kind: 'Jenis asesmen',
    kindHint: 'Menentukan tipe soalnya: likert (penilaian diri), skala (potensi diri), atau pilihan ganda (tes tertulis). Tidak dapat diubah nanti.',
    choose: 'Pilih jenis asesmen',
    code: 'Kode bank',
    codeHint: 'Huruf, angka, dan tanda hubung, mis. SL-LAS. Dipakai sebagai awalan kode soal; tidak dapat diubah nanti.',
    title: 'Judul',
    description: 'Keterangan',
    descriptionHint: 'Boleh kosong. Ditampilkan kepada staf.',
    field: 'Bidang kejuruan (khusus tes tertulis)',
    fieldHint: 'Sama dengan bidang kejuruan program, mis. Las. Kosongkan untuk bagian kemampuan umum dan untuk asesmen lain.',
  },
  en: {
    problems: 'The question bank could not be saved.',
    kind: 'Assessment',
    kindHint: 'Sets the question type: Likert (self-assessment), scaled (potential assessment) or multiple choice (written test). Cannot be changed later.',
    choose: 'Choose an assessment',
    code: 'Bank code',
    codeHint: 'Letters, digits and hyphens, e.g. SL-LAS. Prefixes the question codes; cannot be changed later.',
    title: 'Title',
    description: 'Description',
    descriptionHint: 'Optional. Shown to staff.',
    field: 'Vocational field (written test only)',
    fieldHint: 'The same as the programme’s vocational field, e.g. Las. Leave empty for the general aptitude part and for the other assessments.',
  },
})
