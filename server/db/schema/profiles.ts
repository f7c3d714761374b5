import { boolean, date, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { userAccount } from './accounts'

export const sex = pgEnum('sex', ['male', 'female'])
export const documentKind = pgEnum('document_kind', ['photo', 'ktp', 'diploma'])

/** The candidate's profile (SOP step 3). The NIK is encrypted; nikHash is for look-ups. */
export const candidateProfile = pgTable('candidate_profile', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => userAccount.id, { onDelete: 'cascade' }),
  nikCiphertext: text('nik_ciphertext').notNull(),
  nikHash: text('nik_hash').notNull().unique(),
  nikMasked: text('nik_masked').notNull(),
  fullName: text('full_name').notNull(),
  birthPlace: text('birth_place'),
  birthDate: date('birth_date', { mode: 'string' }),
  sex: sex('sex'),
  maritalStatus: text('marital_status'),
  ktpStreet: text('ktp_street'),
  ktpVillageCode: text('ktp_village_code'),
  ktpPostalCode: text('ktp_postal_code'),
  domicileSameAsKtp: boolean('domicile_same_as_ktp').notNull().default(true),
  domicileStreet: text('domicile_street'),
  domicileVillageCode: text('domicile_village_code'),
  domicilePostalCode: text('domicile_postal_code'),
  /** E.164, '+628…'. */
  phone: text('phone').notNull(),
  educationLevel: text('education_level'),
  schoolName: text('school_name'),
  major: text('major'),
  graduationYear: integer('graduation_year'),
  employmentStatus: text('employment_status'),
  disability: text('disability'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const candidateDocument = pgTable(
  'candidate_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    kind: documentKind('kind').notNull(),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    originalName: text('original_name').notNull().default(''),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
  },
  // The current document of each kind; a new upload replaces it.
  (t) => [uniqueIndex('candidate_document_kind_key').on(t.userId, t.kind)],
)
