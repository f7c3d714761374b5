// The institution an administrator of several is looking at (?lembaga=); nothing for one.
import { Form } from 'react-router'
import { defineText, useText } from '../../i18n/text'

const text = defineText({
  id: { institution: 'Lembaga', show: 'Tampilkan' },
  en: { institution: 'Institution', show: 'Show' },
})

export function InstitutionPicker({
  institutions,
  currentId,
}: {
  institutions: ReadonlyArray<{ id: string; name: string }>
  currentId: string
}) {
  const t = useText(text)
  if (institutions.length < 2) return null
  return (
    <Form method="get" className="actions">
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="lembaga">{t.institution}</label>
        <select id="lembaga" name="lembaga" defaultValue={currentId}>
          {institutions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        {t.show}
      </button>
    </Form>
  )
}
