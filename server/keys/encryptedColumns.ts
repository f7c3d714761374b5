// Every database column written with encrypt() (server/auth/crypto.ts), and the keyed hash
// kept beside it: what `npm run latih -- rotate-keys` re-encrypts and recomputes (decision
// 021). A new column encrypted with encrypt() is added here, or rotation leaves it under
// the old key (rotateKeys.test.ts scans every text column for values under a retired key).

export interface EncryptedColumn {
  table: string
  /** The primary key (a uuid): rows are visited in its order, in batches. */
  key: string
  column: string
  /** The purpose passed to encrypt()/decrypt(). */
  purpose: string
  /** A keyed hash of the same plaintext kept beside it for look-ups, recomputed with it. */
  hash?: { column: string; purpose: string }
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    table: 'candidate_profile',
    key: 'user_id',
    column: 'nik_ciphertext',
    purpose: 'nik-encryption',
    hash: { column: 'nik_hash', purpose: 'nik-lookup' },
  },
  // The TOTP secret of staff with a second factor (decision 020).
  { table: 'second_factor', key: 'user_id', column: 'secret_encrypted', purpose: 'totp-secret' },
]
