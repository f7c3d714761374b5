import { describe, expect, it } from 'vitest'
import { checkPersonName } from './personName'

describe('checkPersonName', () => {
  it('accepts names as written on a KTP, accented letters and inner punctuation included', () => {
    for (const name of ["Wa Ode Sitti Nur'aini", 'La Ode M. Syarif', 'Andi Besse-Tenri', 'José Ñúñez', 'Sitti, S.Pd.', 'Ni Luh Putu Ayu', 'Nur’aini']) {
      expect(checkPersonName(name)).toEqual({ ok: true, name })
    }
    expect(checkPersonName('  Wa   Ode\u00a0Sitti ')).toEqual({ ok: true, name: 'Wa Ode Sitti' })
    expect(checkPersonName('Jose\u0301')).toEqual({ ok: true, name: 'José' })
  })

  it('refuses formulas, digits, control characters and stray symbols, with a message naming the field', () => {
    const message = (raw: string) => {
      const r = checkPersonName(raw, 'Nama')
      return r.ok ? null : r.message
    }
    expect(message('=HYPERLINK("http://contoh.test";"Wa Ode Sitti")')).toBe('Nama harus diawali huruf (bukan =, +, -, @ atau tanda baca).')
    for (const raw of ['+Ani', '-Ani', '@Ani', "'Ani", '.Ani']) expect(message(raw)).toMatch(/harus diawali huruf/)
    expect(message('Ani 2')).toBe('Nama tidak boleh berisi angka; tulis seperti pada KTP.')
    expect(message('Ani\u0000Budi')).toMatch(/karakter kendali/)
    expect(message('Ani\tBudi')).toBeNull()
    expect(message('Ani\nBudi')).toMatch(/baris baru/)
    expect(message('Ani=Budi')).toMatch(/hanya boleh berisi huruf/)
    expect(message('Ani <b>')).toMatch(/hanya boleh berisi huruf/)
    expect(message('Ani-')).toBe('Nama tidak boleh diakhiri tanda -.')
    expect(message('')).toBe('Nama wajib diisi, sesuai KTP.')
    expect(message('A'.repeat(101))).toBe('Nama paling banyak 100 karakter.')
  })
})
