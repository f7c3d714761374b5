import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import {
  checkRegionChoice,
  choiceFromVillageCode,
  consistentChoice,
  isParentRegionCode,
  listRegionChildren,
  regionNamesFor,
  regionOptionsFor,
} from './regions'

describe('regions', async () => {
  const { db } = await createTestDatabase()

  it('lists the provinces, and the children of a code by name', async () => {
    const provinces = await listRegionChildren(db, null)
    // Tests load only Sulawesi Tenggara.
    expect(provinces).toEqual([{ code: '74', name: 'Sulawesi Tenggara' }])
    const districts = await listRegionChildren(db, '74.71')
    expect(districts.map((d) => d.code)).toContain('74.71.01')
    expect(districts[0]).toEqual({ code: '74.71.06', name: 'Abeli' })
    expect(await listRegionChildren(db, '99')).toEqual([])
  })

  it('derives the choice from a village code and keeps a typed choice consistent top-down', () => {
    expect(choiceFromVillageCode('74.71.01.1005')).toEqual({
      provinceCode: '74',
      regencyCode: '74.71',
      districtCode: '74.71.01',
      villageCode: '74.71.01.1005',
    })
    expect(choiceFromVillageCode('bukan kode').villageCode).toBe('')
    // The regency was changed: its district and village no longer fit and are cleared.
    expect(
      consistentChoice({ provinceCode: '74', regencyCode: '74.72', districtCode: '74.71.01', villageCode: '74.71.01.1005' }),
    ).toEqual({ provinceCode: '74', regencyCode: '74.72', districtCode: '', villageCode: '' })
    expect(isParentRegionCode('74.71.01')).toBe(true)
    expect(isParentRegionCode('74.71.01.1005')).toBe(false)
    expect(isParentRegionCode("74' or 1=1")).toBe(false)
  })

  it('gives each select its list for a choice', async () => {
    const options = await regionOptionsFor(db, choiceFromVillageCode('74.71.01.1005'))
    expect(options.regencies.map((r) => r.code)).toContain('74.71')
    expect(options.districts.map((r) => r.code)).toContain('74.71.01')
    expect(options.villages.map((r) => r.code)).toContain('74.71.01.1005')
    const empty = await regionOptionsFor(db, { provinceCode: '', regencyCode: '', districtCode: '', villageCode: '' })
    expect(empty.regencies).toEqual([])
  })

  it('checks that the village exists under the chosen district, regency and province', async () => {
    expect(await checkRegionChoice(db, choiceFromVillageCode('74.71.01.1005'))).toEqual({})
    expect(
      await checkRegionChoice(db, { provinceCode: '74', regencyCode: '74.71', districtCode: '74.71.02', villageCode: '74.71.01.1005' }),
    ).toEqual({ village: 'Desa/kelurahan yang dipilih tidak berada di kecamatan yang dipilih.' })
    expect(
      await checkRegionChoice(db, { provinceCode: '73', regencyCode: '74.71', districtCode: '74.71.01', villageCode: '74.71.01.1005' }),
    ).toMatchObject({ province: 'Provinsi yang dipilih tidak dikenal.' })
  })

  it('names the regions along a village code', async () => {
    expect(await regionNamesFor(db, '74.71.01.1005')).toEqual({
      province: 'Sulawesi Tenggara',
      regency: 'Kota Kendari',
      district: 'Mandonga',
      village: 'Mandonga',
    })
    expect(await regionNamesFor(db, null)).toBeNull()
  })
})
