import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** A training centre (e.g. BPVP Kendari). One deployment can serve several. */
export const institution = pgTable('institution', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Short upper-case code used in registration numbers, e.g. 'KDI'. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** IANA zone every deadline is shown in, e.g. 'Asia/Makassar'. */
  timeZone: text('time_zone').notNull(),
  address: text('address').notNull().default(''),
  /** The help desk's phone, shown in every mail's footer (null: not shown). */
  phone: text('phone'),
  /** When the help desk answers, e.g. 'Senin–Jumat 08.00–16.00 WITA'. */
  helpDeskHours: text('help_desk_hours'),
  /** A monitored mailbox: mails carry it as Reply-To (null: replies are not read). */
  replyToEmail: text('reply_to_email'),
  /**
   * Minutes without a request after which a staff session ends (docs/decisions/019);
   * kiosk officers at a shared desk get the shorter kioskIdleMinutes.
   */
  staffIdleMinutes: integer('staff_idle_minutes').notNull().default(30),
  kioskIdleMinutes: integer('kiosk_idle_minutes').notNull().default(10),
  /**
   * Administrators and selection-committee members must sign in with a second factor
   * (docs/decisions/020); an administrator turns it on. Off by default, and in the demo.
   */
  requireSecondFactor: boolean('require_second_factor').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
