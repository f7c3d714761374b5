// Registration numbers printed on the receipt ("tanda pendaftaran"), e.g.
// 'KDI-LAS-2026.1-0007': institution, programme, year.batch, sequence in the batch.

export type RegistrationNumberParts = {
  institutionCode: string;
  programmeCode: string;
  year: number;
  batchNumber: number;
  sequence: number;
};

const CODE = /^[A-Z0-9]+$/;

export function formatRegistrationNumber(p: RegistrationNumberParts): string {
  if (!Number.isSafeInteger(p.sequence) || p.sequence < 1) throw new RangeError(`Invalid sequence: ${p.sequence}`);
  return `${registrationNumberPrefix(p)}${String(p.sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** The sequence is zero-padded to at least this many digits. */
export const SEQUENCE_DIGITS = 4;

/**
 * Everything before the sequence ('KDI-LAS-2026.1-'): registration writes it with a
 * placeholder and lets the database append the sequence when it takes the number.
 */
export function registrationNumberPrefix(p: Omit<RegistrationNumberParts, 'sequence'>): string {
  const institutionCode = p.institutionCode.trim().toUpperCase();
  const programmeCode = p.programmeCode.trim().toUpperCase();
  // Codes are read aloud and typed at the kiosk; a hyphen inside one would also make
  // the number impossible to parse back.
  if (!CODE.test(institutionCode)) throw new RangeError(`Invalid institution code: ${p.institutionCode}`);
  if (!CODE.test(programmeCode)) throw new RangeError(`Invalid programme code: ${p.programmeCode}`);
  if (!Number.isInteger(p.year) || p.year < 1000 || p.year > 9999) throw new RangeError(`Invalid year: ${p.year}`);
  if (!Number.isSafeInteger(p.batchNumber) || p.batchNumber < 1) {
    throw new RangeError(`Invalid batch number: ${p.batchNumber}`);
  }
  return `${institutionCode}-${programmeCode}-${p.year}.${p.batchNumber}-`;
}

// Only the canonical spelling parses (no leading zeros beyond the 4-digit padding),
// so every number has exactly one written form and look-ups cannot miss.
const PATTERN = /^([A-Z0-9]+)-([A-Z0-9]+)-(\d{4})\.([1-9]\d*)-(\d{3}[1-9]|\d{2}[1-9]\d|\d[1-9]\d{2}|[1-9]\d{3,})$/;

export function parseRegistrationNumber(s: string): RegistrationNumberParts | null {
  if (typeof s !== 'string') return null;
  const match = PATTERN.exec(s.trim().toUpperCase());
  if (!match) return null;
  const [, institutionCode, programmeCode, year, batch, sequence] = match;
  if (!institutionCode || !programmeCode || !year || !batch || !sequence) return null;
  const parts: RegistrationNumberParts = {
    institutionCode,
    programmeCode,
    year: Number(year),
    batchNumber: Number(batch),
    sequence: Number(sequence),
  };
  if (parts.year < 1000 || !Number.isSafeInteger(parts.batchNumber) || !Number.isSafeInteger(parts.sequence)) {
    return null;
  }
  return parts;
}
