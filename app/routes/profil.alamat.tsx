import { useEffect, useState } from 'react'
import { Form, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/profil.alamat'
import { defineText, useText } from '../i18n/text'
import { Field, FormErrors } from '../ui/form'
import { RegionPicker } from '../ui/RegionPicker'
import { getProfile } from '../../server/profiles/getProfile'
import { addressSchema } from '../../server/profiles/schemas'
import { fieldErrorsFromIssues } from '../../server/validation'
import { updateAddress } from '../../server/profiles/updateAddress'
import { choiceFromVillageCode } from '../../server/regions/regions'
import { addressFailure, addressFormState, addressPartChoice } from './profil.alamat.server'
import { candidateContext } from '../lib/context.server'

export async function loader({ request }: Route.LoaderArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const { db } = ctx
  const p = await getProfile(ctx, { candidateId })
  const [ktp, domicile] = await Promise.all([
    addressPartChoice(db, choiceFromVillageCode(p.ktp.villageCode)),
    addressPartChoice(db, choiceFromVillageCode(p.domicile.villageCode)),
  ])
  return {
    regions: { ktp, domicile },
    values: {
      ktpStreet: p.ktp.street ?? '',
      ktpPostalCode: p.ktp.postalCode ?? '',
      domicileStreet: p.domicile.street ?? '',
      domicilePostalCode: p.domicile.postalCode ?? '',
    },
    domicileSameAsKtp: p.domicileSameAsKtp,
  }
}

export async function action({ request }: Route.ActionArgs) {
  const { candidateId, ctx } = await candidateContext(request)
  const formData = await request.formData()
  const { db } = ctx
  // "Show region choices" (the no-JavaScript way to fill the next select): re-render
  // with what was typed, save nothing.
  if (formData.get('intent') === 'refresh') return addressFormState(db, formData, {}, 200)
  const parsed = addressSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return addressFormState(db, formData, fieldErrorsFromIssues(parsed.error.issues), 400)
  try {
    await updateAddress(ctx, { candidateId, ...parsed.data })
  } catch (error) {
    return addressFailure(db, formData, error)
  }
  return redirect('/profil?tersimpan=alamat')
}

export function meta() {
  return [{ title: 'Alamat — Profil — Latih' }]
}

const text = defineText({
  id: {
    title: 'Alamat',
    lead: 'Pilih wilayah dari provinsi sampai desa/kelurahan, lalu tulis nama jalan, nomor rumah dan RT/RW.',
    failed: 'Alamat belum tersimpan.',
    ktp: 'Alamat sesuai KTP',
    domicile: 'Alamat domisili (tempat tinggal sekarang)',
    domicileHint: 'Isi hanya jika tempat tinggal Anda sekarang berbeda dengan alamat KTP.',
    same: 'Domisili sama dengan alamat KTP',
    street: 'Jalan, nomor rumah, RT/RW',
    streetHint: 'Contoh: Jl. Ahmad Yani No. 10, RT 002/RW 001',
    postal: 'Kode pos',
    postalHint: '5 digit angka.',
    save: 'Simpan alamat',
    saving: 'Menyimpan…',
  },
  en: {
    title: 'Address',
    lead: 'Choose the region from province down to village, then write the street, house number and RT/RW.',
    failed: 'Your address was not saved.',
    ktp: 'Address on the KTP',
    domicile: 'Domicile (where you live now)',
    domicileHint: 'Fill this in only if you now live somewhere other than the KTP address.',
    same: 'My domicile is the KTP address',
    street: 'Street, house number, RT/RW',
    streetHint: 'Example: Jl. Ahmad Yani No. 10, RT 002/RW 001',
    postal: 'Postal code',
    postalHint: '5 digits.',
    save: 'Save address',
    saving: 'Saving…',
  },
})

export default function AddressPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useText(text)
  const busy = useNavigation().state === 'submitting'
  const regions = actionData?.regions ?? loaderData.regions
  // After a refresh or a failed save, everything comes back from what was posted.
  const state = actionData ?? { values: loaderData.values }
  const initialSame = actionData ? actionData.values.domicileSameAsKtp === 'on' : loaderData.domicileSameAsKtp
  const [same, setSame] = useState(initialSame)
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  useEffect(() => setSame(initialSame), [initialSame])

  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormErrors state={actionData && Object.keys(actionData.errors).length > 0 ? actionData : undefined} title={t.failed} />
      <Form method="post" className="stack" noValidate>
        {/* Enter in a text field saves (the first submit button is the default one). */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t.save}
        </button>
        <fieldset>
          <legend>{t.ktp}</legend>
          <RegionPicker prefix="ktp" choice={regions.ktp.choice} options={regions.ktp.options} state={actionData} />
          <Field name="ktpStreet" label={t.street} hint={t.streetHint} state={state} autoComplete="street-address" maxLength={200} />
          <Field name="ktpPostalCode" label={t.postal} hint={t.postalHint} state={state} inputMode="numeric" autoComplete="postal-code" maxLength={5} />
        </fieldset>

        <Field
          name="domicileSameAsKtp"
          label={t.same}
          type="checkbox"
          checked={same}
          onChange={(e) => setSame(e.currentTarget.checked)}
          state={undefined}
        />

        <fieldset hidden={enhanced && same}>
          <legend>{t.domicile}</legend>
          <p className="hint">{t.domicileHint}</p>
          <RegionPicker prefix="domicile" choice={regions.domicile.choice} options={regions.domicile.options} state={actionData} />
          <Field name="domicileStreet" label={t.street} hint={t.streetHint} state={state} maxLength={200} />
          <Field name="domicilePostalCode" label={t.postal} hint={t.postalHint} state={state} inputMode="numeric" maxLength={5} />
        </fieldset>

        <div className="actions">
          <button type="submit" name="intent" value="save" className="primary" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
        </div>
      </Form>
    </>
  )
}
