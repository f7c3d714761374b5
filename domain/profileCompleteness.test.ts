import { describe, it, expect } from 'vitest';
import { profileCompleteness } from './profileCompleteness';
import type { ProfileSnapshot } from './profileCompleteness';

const complete: ProfileSnapshot = {
  fullName: 'Wa Ode Nurhayati',
  nik: '7471015205900002',
  birthPlace: 'Kendari',
  birthDate: '1990-05-12',
  sex: 'female',
  maritalStatus: 'single',
  ktpStreet: 'Jl. Ahmad Yani No. 1, RT 002/RW 003',
  ktpVillageCode: '74.71.01.1001',
  ktpPostalCode: '93117',
  domicileSameAsKtp: true,
  phone: '0812-3456-7890',
  educationLevel: 'SMK',
  schoolName: 'SMK Negeri 2 Kendari',
  major: 'Teknik Pengelasan',
  graduationYear: 2008,
  employmentStatus: 'unemployed',
  disability: 'none',
  hasPhoto: true,
  hasKtpScan: true,
  hasDiplomaScan: true,
  emailVerified: true,
};

const missingFields = (p: ProfileSnapshot) => profileCompleteness(p).missing.map((m) => m.field);

describe('profileCompleteness', () => {
  it('is 100% and complete when everything is there', () => {
    expect(profileCompleteness(complete)).toEqual({ percent: 100, missing: [], complete: true });
  });

  it('lists everything for an empty profile, in form order, at 0%', () => {
    const result = profileCompleteness({});
    expect(result.percent).toBe(0);
    expect(result.complete).toBe(false);
    expect(result.missing.map((m) => m.field)).toEqual([
      'fullName', 'nik', 'birthPlace', 'birthDate', 'sex', 'maritalStatus', 'phone',
      'ktpStreet', 'ktpVillageCode', 'ktpPostalCode', 'domicileSameAsKtp',
      'educationLevel', 'schoolName', 'major', 'graduationYear',
      'employmentStatus', 'disability',
      'hasPhoto', 'hasKtpScan', 'hasDiplomaScan', 'emailVerified',
    ]);
  });

  it('labels and sections missing items in Indonesian', () => {
    const result = profileCompleteness({ ...complete, birthPlace: null, hasKtpScan: false, hasDiplomaScan: false, emailVerified: false });
    expect(result.missing).toEqual([
      { field: 'birthPlace', label: 'Tempat lahir', section: 'identity' },
      { field: 'hasKtpScan', label: 'Foto KTP', section: 'documents' },
      { field: 'hasDiplomaScan', label: 'Ijazah terakhir', section: 'documents' },
      { field: 'emailVerified', label: 'Verifikasi e-mail', section: 'account' },
    ]);
  });

  it('counts blank text as missing', () => {
    expect(missingFields({ ...complete, fullName: '   ', schoolName: '' })).toEqual(['fullName', 'schoolName']);
  });

  it('requires domicile fields only when the domicile differs from the KTP', () => {
    expect(missingFields({ ...complete, domicileSameAsKtp: true, domicileStreet: null })).toEqual([]);
    expect(missingFields({ ...complete, domicileSameAsKtp: false })).toEqual([
      'domicileStreet',
      'domicileVillageCode',
      'domicilePostalCode',
    ]);
    const filled = {
      ...complete,
      domicileSameAsKtp: false,
      domicileStreet: 'Jl. Malaka',
      domicileVillageCode: '74.71.02.1002',
      domicilePostalCode: '93232',
    };
    expect(profileCompleteness(filled).complete).toBe(true);
    const result = profileCompleteness({ ...filled, domicileVillageCode: '' });
    expect(result.missing).toEqual([
      { field: 'domicileVillageCode', label: 'Alamat domisili (desa/kelurahan)', section: 'address' },
    ]);
  });

  it('asks whether the domicile is the KTP address when unanswered', () => {
    expect(missingFields({ ...complete, domicileSameAsKtp: null })).toEqual(['domicileSameAsKtp']);
  });

  it('counts a postal code only with exactly 5 digits', () => {
    expect(missingFields({ ...complete, ktpPostalCode: '9311' })).toEqual(['ktpPostalCode']);
    expect(missingFields({ ...complete, ktpPostalCode: '931170' })).toEqual(['ktpPostalCode']);
    expect(missingFields({ ...complete, ktpPostalCode: '93I17' })).toEqual(['ktpPostalCode']);
    expect(missingFields({ ...complete, ktpPostalCode: ' 93117 ' })).toEqual([]);
    expect(
      missingFields({ ...complete, domicileSameAsKtp: false, domicileStreet: 'x', domicileVillageCode: 'y', domicilePostalCode: '123' }),
    ).toEqual(['domicilePostalCode']);
  });

  it('does not require a major for SD or SMP', () => {
    expect(missingFields({ ...complete, educationLevel: 'SD', major: null })).toEqual([]);
    expect(missingFields({ ...complete, educationLevel: 'SMP', major: '' })).toEqual([]);
    expect(missingFields({ ...complete, educationLevel: 'SMA', major: '' })).toEqual(['major']);
    expect(missingFields({ ...complete, educationLevel: 'S1', major: null })).toEqual(['major']);
  });

  it('needs a known education level', () => {
    expect(missingFields({ ...complete, educationLevel: 'TK' })).toEqual(['educationLevel']);
  });

  it('checks the shape of NIK, birth date, phone, sex and graduation year', () => {
    expect(missingFields({ ...complete, nik: '7471 0152 0590 0002' })).toEqual([]);
    expect(missingFields({ ...complete, nik: '74710152059000' })).toEqual(['nik']);
    expect(missingFields({ ...complete, birthDate: '1990-02-30' })).toEqual(['birthDate']);
    expect(missingFields({ ...complete, phone: '0401-312-3456' })).toEqual(['phone']);
    expect(missingFields({ ...complete, sex: 'x' as never })).toEqual(['sex']);
    expect(missingFields({ ...complete, graduationYear: 2008.5 })).toEqual(['graduationYear']);
    expect(missingFields({ ...complete, graduationYear: 0 })).toEqual(['graduationYear']);
  });

  it("counts disability 'none' as an answer", () => {
    expect(missingFields({ ...complete, disability: 'none' })).toEqual([]);
    expect(missingFields({ ...complete, disability: 'tunanetra' })).toEqual([]);
    expect(missingFields({ ...complete, disability: null })).toEqual(['disability']);
  });

  it('rounds down so that a nearly complete profile never shows 100%', () => {
    const result = profileCompleteness({ ...complete, emailVerified: false });
    expect(result.percent).toBe(95); // 21 of 22 (the NIK agreement counts once the identity is filled)
    expect(result.complete).toBe(false);
    const withDomicile = profileCompleteness({ ...complete, domicileSameAsKtp: false });
    expect(withDomicile.percent).toBe(88); // 22 of 25
  });

  it('returns integers between 0 and 100', () => {
    const keys = Object.keys(complete) as (keyof ProfileSnapshot)[];
    for (const key of keys) {
      const { percent } = profileCompleteness({ ...complete, [key]: null });
      expect(Number.isInteger(percent)).toBe(true);
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThanOrEqual(100);
    }
  });
});

describe('profileCompleteness: birth date and sex against the NIK (issue 10 §1)', () => {
  it('is not complete while the stored birth date disagrees with the NIK, and links to the identity section', () => {
    // The 51-year-old of issue 10: NIK of 15 June 1975, a typed 1990 birth date.
    const result = profileCompleteness({ ...complete, nik: '7471011506750005', sex: 'male', birthDate: '1990-06-15' });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual([
      { field: 'nikAgreement', label: expect.stringMatching(/sesuai NIK/), section: 'identity' },
    ]);
  });

  it('is not complete while the stored sex disagrees with the NIK', () => {
    expect(missingFields({ ...complete, sex: 'male' })).toEqual(['nikAgreement']);
  });

  it('is complete when both agree', () => {
    expect(profileCompleteness({ ...complete, nik: '7471011506750005', sex: 'male', birthDate: '1975-06-15' }).complete).toBe(true);
  });
});
