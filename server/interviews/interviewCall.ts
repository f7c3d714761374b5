import { and, count, eq, inArray, sql } from 'drizzle-orm'
import { createEvent } from 'ics'
import type { DbOrTx } from '../db/client'
import { candidateProfile, registration, registrationEvent, userAccount } from '../db/schema'
import { renderMail } from '../mail/render'
import type { MailMessage } from '../mail/transport'
import { batchLabel } from '../registrations/batchLabel'
import type { BatchWithProgramme } from '../registrations/registrationChecks'
import { slotWhere, type SlotRow } from './records'
import { slotRangeText } from './slotText'
import { publicLink } from '../links'

// The interview call ("panggilan wawancara", SOP step 7): its calendar file and the
// mails that carry it. Times are written from the stored instants; the zone is only
// used for the words a person reads.

export interface CallContext {
  registrationId: string
  registrationNumber: string
  candidateName: string
  candidateEmail: string
  programmeName: string
  batchLabel: string
  institutionName: string
  institutionAddress: string
  timeZone: string
  bring: string
}

function publicUrl(path: string): string {
  return publicLink(path)
}

export function callPath(registrationId: string): string {
  return `/aktivitas/${registrationId}/wawancara`
}

/** '12 Februari 2027 09.00–09.30 WITA' */
export function slotTimeText(slot: Pick<SlotRow, 'startsAt' | 'endsAt'>, timeZone: string): string {
  return slotRangeText(slot.startsAt, slot.endsAt, timeZone)
}

/**
 * The .ics of a candidate's interview. The UID stays the same for a registration, and
 * `sequence` grows with each change of slot, so a calendar updates the event it has.
 * start/end are epoch milliseconds: ics reads its array form in the server's zone.
 */
export function interviewCalendar(call: CallContext, slot: Pick<SlotRow, 'startsAt' | 'endsAt' | 'place' | 'onlineUrl'>, sequence: number): string {
  const description = [
    `Wawancara seleksi ${call.programmeName}, ${call.batchLabel}.`,
    `Nomor pendaftaran: ${call.registrationNumber}.`,
    `Yang dibawa: ${call.bring}`,
    slot.onlineUrl ? `Tautan: ${slot.onlineUrl}` : `Tempat: ${slot.place ?? ''}, ${call.institutionName}, ${call.institutionAddress}`,
  ].join('\n')
  const { error, value } = createEvent({
    productId: 'latih/wawancara',
    uid: `wawancara-${call.registrationId}@latih`,
    sequence,
    method: 'PUBLISH',
    title: `Wawancara seleksi ${call.programmeName} — ${call.institutionName}`,
    description,
    location: slot.onlineUrl ? slot.onlineUrl : `${slot.place ?? ''}, ${call.institutionName}`,
    ...(slot.onlineUrl ? { url: slot.onlineUrl } : {}),
    start: slot.startsAt.getTime(),
    end: slot.endsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  })
  if (error || !value) throw error ?? new Error('ics: no calendar')
  return value
}

function calendarAttachment(call: CallContext, slot: SlotRow, sequence: number) {
  return {
    filename: 'wawancara.ics',
    content: interviewCalendar(call, slot, sequence),
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  }
}

function slotParagraphs(call: CallContext, slot: SlotRow): string[] {
  return [
    `Waktu: ${slotTimeText(slot, call.timeZone)}.`,
    slot.onlineUrl ? `Wawancara daring melalui tautan: ${slot.onlineUrl}` : `Tempat: ${slot.place ?? ''}, ${call.institutionName}, ${call.institutionAddress}.`,
    `Yang dibawa: ${call.bring}`,
  ]
}

/** The interview call, with the .ics attached. */
export function interviewCallMail(call: CallContext, slot: SlotRow, sequence: number): MailMessage {
  const mail = renderMail({
    to: call.candidateEmail,
    subject: `Panggilan wawancara: ${call.programmeName}`,
    greeting: `Halo ${call.candidateName},`,
    paragraphs: [
      `Selamat, Anda lulus tes tertulis dan diundang wawancara seleksi ${call.programmeName}, ${call.batchLabel} (nomor pendaftaran ${call.registrationNumber}).`,
      ...slotParagraphs(call, slot),
      'Jadwal terlampir sebagai berkas kalender (wawancara.ics). Bila berhalangan, Anda dapat memilih jadwal lain yang masih ada tempatnya di halaman Aktivitas sampai batas pindah jadwal.',
    ],
    action: { label: 'Lihat panggilan wawancara', url: publicUrl(callPath(call.registrationId)) },
  })
  return { ...mail, attachments: [calendarAttachment(call, slot, sequence)] }
}

/** The new time after the candidate switched, or the committee moved them. */
export function slotChangedMail(call: CallContext, slot: SlotRow, sequence: number, by: 'candidate' | 'committee', reason: string | null): MailMessage {
  const mail = renderMail({
    to: call.candidateEmail,
    subject: `Jadwal wawancara berubah: ${call.programmeName}`,
    greeting: `Halo ${call.candidateName},`,
    paragraphs: [
      by === 'candidate'
        ? `Jadwal wawancara Anda untuk ${call.programmeName} (nomor pendaftaran ${call.registrationNumber}) sudah dipindah sesuai pilihan Anda.`
        : `Panitia seleksi memindahkan jadwal wawancara Anda untuk ${call.programmeName} (nomor pendaftaran ${call.registrationNumber}).${reason ? ` Alasan: ${reason}` : ''}`,
      ...slotParagraphs(call, slot),
      'Berkas kalender terlampir menggantikan yang sebelumnya.',
    ],
    action: { label: 'Lihat panggilan wawancara', url: publicUrl(callPath(call.registrationId)) },
  })
  return { ...mail, attachments: [calendarAttachment(call, slot, sequence)] }
}

/** Passed the written test, but outside the best N the batch invites. */
export function notInvitedMail(call: Omit<CallContext, 'bring'>, reason: string): MailMessage {
  return renderMail({
    to: call.candidateEmail,
    subject: `Hasil seleksi wawancara: ${call.programmeName}`,
    greeting: `Halo ${call.candidateName},`,
    paragraphs: [
      `Terima kasih telah mengikuti seleksi ${call.programmeName}, ${call.batchLabel} (nomor pendaftaran ${call.registrationNumber}).`,
      `${reason} Dengan demikian Anda belum dapat melanjutkan seleksi gelombang ini.`,
      'Pendaftaran ini sudah selesai, sehingga Anda dapat mendaftar program atau gelombang lain di Latih.',
    ],
    action: { label: 'Lihat Aktivitas', url: publicUrl(`/aktivitas/${call.registrationId}`) },
  })
}

export { slotWhere }

/** Event kinds on the timeline that set or change the interview slot (not state changes). */
export const SLOT_CHANGED_EVENT = 'interview_slot_changed'

/** How many times the slot of a registration was set: the .ics sequence is this minus one. */
export async function calendarSequence(db: DbOrTx, registrationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrationEvent)
    .where(
      and(
        eq(registrationEvent.registrationId, registrationId),
        inArray(registrationEvent.kind, ['invite_to_interview', SLOT_CHANGED_EVENT]),
      ),
    )
  return Math.max(0, Number(row?.n ?? 0) - 1)
}

/** What the call says about each registration, read in one query. */
export async function loadCallContexts(
  db: DbOrTx,
  b: BatchWithProgramme,
  registrationIds: readonly string[],
  bring: string,
): Promise<Map<string, CallContext>> {
  if (registrationIds.length === 0) return new Map()
  const rows = await db
    .select({
      id: registration.id,
      number: registration.number,
      email: userAccount.email,
      name: sql<string>`coalesce(${candidateProfile.fullName}, ${userAccount.displayName})`,
    })
    .from(registration)
    .innerJoin(userAccount, eq(userAccount.id, registration.candidateId))
    .leftJoin(candidateProfile, eq(candidateProfile.userId, registration.candidateId))
    .where(inArray(registration.id, [...registrationIds]))
  return new Map(
    rows.map((r) => [
      r.id,
      {
        registrationId: r.id,
        registrationNumber: r.number,
        candidateName: r.name,
        candidateEmail: r.email,
        programmeName: b.programme.name,
        batchLabel: batchLabel(b.batch),
        institutionName: b.institution.name,
        institutionAddress: b.institution.address,
        timeZone: b.institution.timeZone,
        bring,
      },
    ]),
  )
}
