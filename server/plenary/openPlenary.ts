import { eq } from 'drizzle-orm'
import { fromZonedDateTime } from '../../domain/zonedTime'
import { recordAudit } from '../audit'
import { actorId } from '../auth/actor'
import type { UseCaseContext } from '../context'
import { plenary, type PlenaryAttendee } from '../db/schema'
import { ConflictError, ValidationError } from '../errors'
import { authorizedBatch, committeeMembers, type PlenaryRow } from './access'

export interface OpenPlenaryInput {
  batchId: string
  minutesNumber: string
  place: string
  /** 'YYYY-MM-DDTHH:MM' read in the institution's zone (a datetime-local value). */
  heldOn: string
  /** Committee accounts present, with their role at the meeting. */
  staff: Array<{ userId: string; role: string }>
  /** People present without an account (or typed by hand), with their role. */
  guests: Array<{ name: string; role: string }>
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/
const DEFAULT_ROLE = 'Anggota'

function text(v: unknown): string {
  // NUL cannot be stored in a PostgreSQL text column; other control characters are noise.
  if (typeof v !== 'string') return ''
  let out = ''
  for (const ch of v) out += ch < ' ' || ch === '\u007f' ? ' ' : ch
  return out.replace(/\s+/g, ' ').trim()
}

/**
 * Opens a batch's plenary, or updates its minutes number, place, date and attendees
 * while it is open (a repeated submit changes nothing twice: one plenary per batch, by
 * the unique index). Attendees are the committee members present — chosen from the
 * institution's committee accounts (their names come from the accounts, not the form)
 * and/or typed with their role at the meeting.
 */
export async function openPlenary(ctx: UseCaseContext, input: OpenPlenaryInput): Promise<PlenaryRow> {
  const b = await authorizedBatch(ctx, input.batchId, 'plenary.decide')
  const errors: Record<string, string[]> = {}
  const minutesNumber = text(input.minutesNumber)
  if (minutesNumber.length < 3 || minutesNumber.length > 100) errors.minutesNumber = ['Isi nomor berita acara (3 sampai 100 karakter).']
  const place = text(input.place)
  if (place.length < 3 || place.length > 200) errors.place = ['Isi tempat pleno (3 sampai 200 karakter).']
  let heldOn: Date | null = null
  const m = DATE_TIME.exec(text(input.heldOn))
  if (m) {
    try {
      const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
      heldOn = fromZonedDateTime({ year, month, day, hour, minute, second: 0, millisecond: 0 }, b.institution.timeZone)
    } catch {
      heldOn = null
    }
  }
  if (!heldOn) errors.heldOn = ['Isi tanggal dan jam pleno yang valid.']

  const committee = new Map((await committeeMembers(ctx.db, b.batch.institutionId)).map((c) => [c.userId, c.name]))
  const attendees: PlenaryAttendee[] = []
  const seenStaff = new Set<string>()
  for (const s of Array.isArray(input.staff) ? input.staff : []) {
    const name = committee.get(s.userId)
    if (!name) {
      errors.attendees = ['Anggota yang dipilih bukan panitia seleksi lembaga ini.']
      continue
    }
    if (seenStaff.has(s.userId)) continue
    seenStaff.add(s.userId)
    const role = text(s.role) || DEFAULT_ROLE
    if (role.length > 60) errors[`role.${s.userId}`] = ['Peran paling panjang 60 karakter.']
    attendees.push({ userId: s.userId, name, role })
  }
  ;(Array.isArray(input.guests) ? input.guests : []).forEach((g, i) => {
    const name = text(g.name)
    const role = text(g.role)
    if (name === '' && role === '') return
    if (name.length < 3 || name.length > 120) errors[`guests.${i}.name`] = ['Isi nama lengkap yang hadir (3 sampai 120 karakter).']
    if (role.length > 60) errors[`guests.${i}.role`] = ['Peran paling panjang 60 karakter.']
    attendees.push({ userId: null, name, role: role || DEFAULT_ROLE })
  })
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)

  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(plenary).where(eq(plenary.batchId, b.batch.id)).for('update')
    const values = { minutesNumber, place, heldOn, attendees }
    if (existing) {
      if (existing.status !== 'open') throw new ConflictError('Pleno sudah difinalkan; perubahan hanya lewat perubahan keputusan (amandemen).')
      const [updated] = await tx.update(plenary).set(values).where(eq(plenary.id, existing.id)).returning()
      await recordAudit(tx, ctx.actor, ctx.now, {
        action: 'plenary.update',
        entityType: 'plenary',
        entityId: existing.id,
        institutionId: b.batch.institutionId,
        before: { minutesNumber: existing.minutesNumber, place: existing.place, heldOn: existing.heldOn, attendees: existing.attendees },
        after: values,
      })
      return updated!
    }
    const [created] = await tx
      .insert(plenary)
      .values({
        batchId: b.batch.id,
        institutionId: b.batch.institutionId,
        ...values,
        openedAt: ctx.now,
        openedBy: actorId(ctx.actor),
      })
      .onConflictDoNothing({ target: plenary.batchId })
      .returning()
    // Two openings at once: the other one created it; this one becomes an update next time.
    if (!created) {
      const [row] = await tx.select().from(plenary).where(eq(plenary.batchId, b.batch.id))
      return row!
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'plenary.open',
      entityType: 'plenary',
      entityId: created.id,
      institutionId: b.batch.institutionId,
      after: values,
    })
    return created
  })
}
