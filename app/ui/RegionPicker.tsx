import { useEffect, useId, useRef, useState } from 'react'
import { defineText, useText } from '../i18n/text'
import { FieldShell, type FormState } from './form'

/** A region as a choice (mirrors server/regions/regions.ts, which the browser must not import). */
export interface RegionOption {
  code: string
  name: string
}
export interface RegionChoiceCodes {
  provinceCode: string
  regencyCode: string
  districtCode: string
  villageCode: string
}
export interface RegionOptionLists {
  provinces: RegionOption[]
  regencies: RegionOption[]
  districts: RegionOption[]
  villages: RegionOption[]
}

const text = defineText({
  id: {
    province: 'Provinsi',
    regency: 'Kabupaten/kota',
    district: 'Kecamatan',
    village: 'Desa/kelurahan',
    choose: '— Pilih —',
    chooseAbove_regency: 'Pilih provinsi dulu',
    chooseAbove_district: 'Pilih kab./kota dulu',
    chooseAbove_village: 'Pilih kecamatan dulu',
    loading: 'Memuat pilihan…',
    refresh: 'Tampilkan pilihan wilayah',
    refreshHint: 'Setelah memilih, tekan tombol ini untuk menampilkan pilihan berikutnya. Isian Anda tidak hilang.',
    failed: 'Pilihan wilayah gagal dimuat. Tekan "Tampilkan pilihan wilayah".',
  },
  en: {
    province: 'Province',
    regency: 'Regency/city',
    district: 'District (kecamatan)',
    village: 'Village (desa/kelurahan)',
    choose: '— Choose —',
    chooseAbove_regency: 'Choose the province first',
    chooseAbove_district: 'Choose the regency first',
    chooseAbove_village: 'Choose the district first',
    loading: 'Loading choices…',
    refresh: 'Show region choices',
    refreshHint: 'After choosing, press this button to show the next choices. What you typed is kept.',
    failed: 'Could not load the region choices. Press "Show region choices".',
  },
})

const LEVELS = [
  { key: 'provinceCode', list: 'provinces', label: 'province' },
  { key: 'regencyCode', list: 'regencies', label: 'regency' },
  { key: 'districtCode', list: 'districts', label: 'district' },
  { key: 'villageCode', list: 'villages', label: 'village' },
] as const

const FIELD_SUFFIX = { provinceCode: 'ProvinceCode', regencyCode: 'RegencyCode', districtCode: 'DistrictCode', villageCode: 'VillageCode' } as const

/**
 * Province → regency/city → district → village, as four selects named
 * `<prefix>ProvinceCode` … `<prefix>VillageCode`. Without JavaScript the page re-renders
 * the next level through the "Tampilkan pilihan wilayah" submit button (name="intent"
 * value="refresh"); with JavaScript a change fetches the next level from /wilayah.
 */
export function RegionPicker({
  prefix,
  choice,
  options,
  state,
}: {
  prefix: string
  choice: RegionChoiceCodes
  options: RegionOptionLists
  state?: FormState
}) {
  const t = useText(text)
  const baseId = useId()
  const [codes, setCodes] = useState(choice)
  const [lists, setLists] = useState(options)
  const [loading, setLoading] = useState<string | null>(null)
  const [enhanced, setEnhanced] = useState(false)
  const [failed, setFailed] = useState(false)
  const request = useRef(0)

  // The server may send a new choice (after a refresh or a failed save): start from it.
  const serverKey = JSON.stringify(choice) + options.regencies.length + options.districts.length + options.villages.length
  const lastServerKey = useRef(serverKey)
  useEffect(() => {
    if (lastServerKey.current !== serverKey) {
      lastServerKey.current = serverKey
      setCodes(choice)
      setLists(options)
    }
  }, [serverKey, choice, options])

  // Once hydrated, the next level loads by itself; the refresh button is only the fallback.
  useEffect(() => setEnhanced(true), [])

  async function change(level: number, value: string) {
    const next = { ...codes, [LEVELS[level]!.key]: value }
    const cleared: Partial<RegionOptionLists> = {}
    for (let i = level + 1; i < LEVELS.length; i++) {
      next[LEVELS[i]!.key] = ''
      cleared[LEVELS[i]!.list] = []
    }
    setCodes(next)
    setLists((l) => ({ ...l, ...cleared }))
    if (!value || level === LEVELS.length - 1) return
    const childList = LEVELS[level + 1]!.list
    const ticket = ++request.current
    setLoading(childList)
    try {
      const response = await fetch(`/wilayah?induk=${encodeURIComponent(value)}`, { headers: { Accept: 'application/json' } })
      if (!response.ok) throw new Error(String(response.status))
      const children = (await response.json()) as RegionOption[]
      if (ticket !== request.current) return
      setLists((l) => ({ ...l, [childList]: children }))
      setFailed(false)
    } catch {
      if (ticket === request.current) {
        setFailed(true)
        setEnhanced(false)
      }
    } finally {
      if (ticket === request.current) setLoading(null)
    }
  }

  return (
    <div className="region-picker">
      {LEVELS.map((level, i) => {
        const name = `${prefix}${FIELD_SUFFIX[level.key]}`
        const id = `${baseId}-${name}`
        const message = state?.errors?.[name]?.[0]
        const list = lists[level.list]
        const parentChosen = i === 0 || codes[LEVELS[i - 1]!.key] !== ''
        const placeholder =
          loading === level.list ? t.loading : parentChosen || level.label === 'province' ? t.choose : t[`chooseAbove_${level.label}`]
        return (
          <FieldShell key={level.key} id={id} label={t[level.label]} error={message}>
            {(control) => (
              <select {...control} name={name} value={codes[level.key]} onChange={(e) => void change(i, e.target.value)}>
                <option value="">{placeholder}</option>
                {list.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
        )
      })}
      {failed ? (
        <p className="error" role="alert">
          {t.failed}
        </p>
      ) : null}
      {!enhanced ? (
        <div className="field">
          <p className="hint" id={`${baseId}-refresh-hint`}>
            {t.refreshHint}
          </p>
          <button
            type="submit"
            name="intent"
            value="refresh"
            className="secondary"
            formNoValidate
            aria-describedby={`${baseId}-refresh-hint`}
          >
            {t.refresh}
          </button>
        </div>
      ) : null}
    </div>
  )
}
