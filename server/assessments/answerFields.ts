/** The fields of a posted form: FormData, or URLSearchParams for a URL-encoded body. */
export type FormFields = Iterable<[string, FormDataEntryValue]> & { get(name: string): FormDataEntryValue | null }

/**
 * Answers of a question page's form (or of its background save): fields named
 * q<position> holding an option key. Empty and non-text values are left out.
 */
export function answersFromForm(form: FormFields): Array<{ position: number; answer: string }> {
  const answers: Array<{ position: number; answer: string }> = []
  for (const [name, value] of form) {
    const match = /^q(\d{1,4})$/.exec(name)
    if (match && typeof value === 'string' && value !== '') answers.push({ position: Number(match[1]), answer: value })
  }
  return answers
}
