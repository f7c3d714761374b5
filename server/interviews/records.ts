import { and, asc, count, eq, inArray, ne } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../db/client'
import {
  interviewAssignment,
  interviewRubric,
  interviewSlot,
  interviewSlotInterviewer,
  registration,
  staffAssignment,
  userAccount,
  type RubricCriterion,
} from '../db/schema'
import { NotFoundError } from '../errors'
import { loadBatch, type BatchWithProgramme } from '../registrations/registrationChecks'

// Reads shared by the interview use cases (SOP step 7). No permission checks here:
// callers authorise first.

export type SlotRow = typeof interviewSlot.$inferSelect
export type AssignmentRow = typeof interviewAssignment.$inferSelect

export interface Rubric {
  criteria: RubricCriterion[]
  scaleMin: number
  scaleMax: number
  /** What each point means, from scaleMin up. */
  scaleLabels: string[]
}

/**
 * The rubric a batch gets until the committee changes it: the four things the SOP's
 * interview looks at, equally weighted but for motivation and aptitude, on a 1–5 scale.
 */
export const DEFAULT_RUBRIC: Rubric = {
  criteria: [
    {
      code: 'motivasi',
      label: 'Motivasi',
      description: 'Alasan mengikuti pelatihan dan rencana memakai keterampilannya (bekerja atau berwirausaha).',
      weight: 30,
    },
    {
      code: 'bakat',
      label: 'Bakat/kesesuaian dengan kejuruan',
      description: 'Minat, pengalaman, dan pengetahuan awal yang sesuai dengan kejuruan program.',
      weight: 30,
    },
    {
      code: 'komitmen',
      label: 'Komitmen mengikuti pelatihan sampai selesai',
      description: 'Kesediaan hadir setiap hari selama pelatihan; tidak ada halangan pekerjaan, jarak, atau keluarga.',
      weight: 25,
    },
    {
      code: 'komunikasi',
      label: 'Komunikasi',
      description: 'Menjawab dengan jelas, runtut, dan sopan; mendengarkan pertanyaan.',
      weight: 15,
    },
  ],
  scaleMin: 1,
  scaleMax: 5,
  scaleLabels: ['Sangat kurang', 'Kurang', 'Cukup', 'Baik', 'Sangat baik'],
}

/** The batch's rubric, or the default when the committee has not set one. */
export async function readRubric(db: DbOrTx, batchId: string): Promise<Rubric & { stored: boolean }> {
  const [row] = await db.select().from(interviewRubric).where(eq(interviewRubric.batchId, batchId))
  if (!row) return { ...DEFAULT_RUBRIC, stored: false }
  return { criteria: row.criteria, scaleMin: row.scaleMin, scaleMax: row.scaleMax, scaleLabels: row.scaleLabels, stored: true }
}

/** Store the default rubric for a batch without one (scheduling fixes what will be scored against). */
export async function ensureRubric(tx: DbOrTx, batchId: string, now: Date): Promise<void> {
  await tx
    .insert(interviewRubric)
    .values({ batchId, ...DEFAULT_RUBRIC, updatedAt: now, updatedBy: null })
    .onConflictDoNothing()
}

export async function requireBatch(db: DbOrTx, batchId: string): Promise<BatchWithProgramme> {
  if (!z.uuid().safeParse(batchId).success) throw new NotFoundError('Gelombang tidak ditemukan.')
  const b = await loadBatch(db, batchId)
  if (!b) throw new NotFoundError('Gelombang tidak ditemukan.')
  return b
}

export interface SlotWithInterviewers extends SlotRow {
  interviewers: Array<{ id: string; name: string }>
  taken: number
}

/** A batch's slots in time order, with their interviewers and how many are assigned. */
export async function listSlots(db: DbOrTx, batchId: string): Promise<SlotWithInterviewers[]> {
  const slots = await db
    .select()
    .from(interviewSlot)
    .where(eq(interviewSlot.batchId, batchId))
    .orderBy(asc(interviewSlot.startsAt), asc(interviewSlot.id))
  return withDetails(db, slots)
}

export async function withDetails(db: DbOrTx, slots: SlotRow[]): Promise<SlotWithInterviewers[]> {
  if (slots.length === 0) return []
  const ids = slots.map((s) => s.id)
  const [people, taken] = await Promise.all([
    db
      .select({ slotId: interviewSlotInterviewer.slotId, id: userAccount.id, name: userAccount.displayName })
      .from(interviewSlotInterviewer)
      .innerJoin(userAccount, eq(userAccount.id, interviewSlotInterviewer.interviewerId))
      .where(inArray(interviewSlotInterviewer.slotId, ids))
      .orderBy(asc(userAccount.displayName)),
    db
      .select({ slotId: interviewAssignment.slotId, n: count() })
      .from(interviewAssignment)
      .innerJoin(registration, eq(registration.id, interviewAssignment.registrationId))
      .where(and(inArray(interviewAssignment.slotId, ids), ne(registration.state, 'withdrawn')))
      .groupBy(interviewAssignment.slotId),
  ])
  return slots.map((s) => ({
    ...s,
    interviewers: people.filter((p) => p.slotId === s.id).map(({ id, name }) => ({ id, name })),
    taken: Number(taken.find((t) => t.slotId === s.id)?.n ?? 0),
  }))
}

/**
 * Seats taken in a slot; call after locking the slot row so the count holds. A candidate
 * who withdrew gives their seat back.
 */
export async function seatsTaken(tx: DbOrTx, slotId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(interviewAssignment)
    .innerJoin(registration, eq(registration.id, interviewAssignment.registrationId))
    .where(and(eq(interviewAssignment.slotId, slotId), ne(registration.state, 'withdrawn')))
  return Number(row?.n ?? 0)
}

/** The institution's staff holding the interviewer role, by name. */
export async function listInterviewers(db: DbOrTx, institutionId: string): Promise<Array<{ id: string; name: string; email: string }>> {
  return db
    .select({ id: userAccount.id, name: userAccount.displayName, email: userAccount.email })
    .from(staffAssignment)
    .innerJoin(userAccount, eq(userAccount.id, staffAssignment.userId))
    .where(and(eq(staffAssignment.institutionId, institutionId), eq(staffAssignment.role, 'interviewer')))
    .orderBy(asc(userAccount.displayName))
}

/** Whether `userId` is one of the slot's interviewers. */
export async function isSlotInterviewer(db: DbOrTx, slotId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ slotId: interviewSlotInterviewer.slotId })
    .from(interviewSlotInterviewer)
    .where(and(eq(interviewSlotInterviewer.slotId, slotId), eq(interviewSlotInterviewer.interviewerId, userId)))
  return !!row
}

/** How a slot's place reads in a mail, the .ics and the pages. */
export function slotWhere(slot: Pick<SlotRow, 'place' | 'onlineUrl'>): string {
  return slot.place ? slot.place : `Daring: ${slot.onlineUrl ?? ''}`
}
