import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contextFor, createTestDatabase } from '../../tests/db'
import { staffActor } from '../../tests/actors'
import { createBatch } from '../db/factories'
import { auditEvent, interviewAssignment, interviewRubric, interviewScorecard, job, registrationEvent } from '../db/schema'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors'
import { chooseInterviewSlot } from './chooseInterviewSlot'
import { createInterviewSlot } from './createInterviewSlot'
import { deleteInterviewSlot } from './deleteInterviewSlot'
import { getInterviewCalendar, getInterviewCall } from './getInterviewCall'
import { getInterviewCandidate } from './getInterviewCandidate'
import { getInterviewOverview } from './getInterviewOverview'
import { inviteToInterviews } from './inviteToInterviews'
import { listMyInterviews } from './listMyInterviews'
import { moveInterviewCandidate } from './moveInterviewCandidate'
import { recordInterviewAttendance } from './recordInterviewAttendance'
import { reopenInterviewScorecard } from './reopenInterviewScorecard'
import { submitInterviewScorecard } from './submitInterviewScorecard'
import { updateInterviewRubric } from './updateInterviewRubric'
import { DEFAULT_RUBRIC } from './records'
import { createInterviewWorld, mailsTo, NOW, OPENS_AT, passedCandidate, setInviteLimit, slot, stateOf } from './testSupport'

const fieldErrors = (e: unknown) => (e as ValidationError).fieldErrors
const refusal = <T>(p: Promise<T>) => p.then(
  () => {
    throw new Error('expected a refusal')
  },
  (e: unknown) => e,
)
const FULL = { motivasi: 5, bakat: 4, komitmen: 4, komunikasi: 3 }

describe('interviews (SOP step 7)', async () => {
  const database = await createTestDatabase()
  const { db } = database
  const as = (actor: Parameters<typeof contextFor>[1], now = NOW) => contextFor(database, actor, now)
  const assignmentOf = async (id: string) => (await db.select().from(interviewAssignment).where(eq(interviewAssignment.registrationId, id)))[0]

  describe('slots', async () => {
    const world = await createInterviewWorld(database)

    it('refuses each wrong slot at its field and keeps nothing', async () => {
      const base = { batchId: world.tsmBatch.id, date: '2027-02-08', startTime: '09:00', endTime: '09:30', place: 'Ruang 1', onlineUrl: '', capacity: 3, interviewerIds: [world.interviewerA.userId] }
      const ctx = as(world.committee)
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, endTime: '08:30' })))).toEqual({ endTime: ['Jam selesai harus sesudah jam mulai.'] })
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, place: '', onlineUrl: 'ftp://meet.example/x' })))).toEqual({
        onlineUrl: ['Tautan daring harus alamat web yang diawali http:// atau https://.'],
      })
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, place: '' })))).toHaveProperty('place')
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, capacity: 0 })))).toEqual({ capacity: ['Kapasitas paling sedikit 1 orang.'] })
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, interviewerIds: [] })))).toEqual({ interviewerIds: ['Pilih minimal satu pewawancara.'] })
      // Before the interview period starts (8 February 08.00 WITA), and after the plenary (14 February 08.00 WITA).
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, date: '2027-02-07' })))).toEqual({
        date: ['Wawancara gelombang ini baru dimulai 8 Februari 2027 08.00 WITA.'],
      })
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, date: '2027-02-14', startTime: '07:30', endTime: '08:30' })))).toEqual({
        date: ['Slot harus selesai sebelum pleno hasil seleksi (14 Februari 2027 08.00 WITA).'],
      })
      // Someone who is not an interviewer of the centre.
      expect(fieldErrors(await refusal(createInterviewSlot(ctx, { ...base, interviewerIds: [world.committee.userId] })))).toHaveProperty('interviewerIds')
      // Only the committee schedules.
      expect(await refusal(createInterviewSlot(as(world.interviewerA), base))).toBeInstanceOf(ForbiddenError)
      expect((await getInterviewOverview(as(world.committee), { batchId: world.tsmBatch.id })).slots).toHaveLength(0)
    })

    it('refuses a slot overlapping another slot of one of its interviewers, also in another batch', async () => {
      const first = await slot(database, world, { startTime: '10:00', endTime: '11:00', capacity: 2, interviewers: [world.interviewerA] })
      // WITA 10:00 is 02:00 UTC.
      expect(first.startsAt.toISOString()).toBe('2027-02-08T02:00:00.000Z')
      const other = await createBatch(db, { programmeId: world.tsm.id, institutionId: world.kdi.id, year: 2027, number: 2, opensAt: OPENS_AT })
      const error = await refusal(
        createInterviewSlot(as(world.committee), {
          batchId: other.id,
          date: '2027-02-08',
          startTime: '10:30',
          endTime: '11:30',
          place: 'Ruang 2',
          capacity: 2,
          interviewerIds: [world.interviewerB.userId, world.interviewerA.userId],
        }),
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect(fieldErrors(error).interviewerIds![0]).toMatch(/^Pewawancara A \d+ sudah punya slot wawancara yang bertabrakan: 8 Februari 2027 10\.00–11\.00 WITA/)
      // Back to back is not an overlap; another interviewer at the same time is fine.
      await slot(database, world, { startTime: '11:00', endTime: '11:30', capacity: 1, interviewers: [world.interviewerA] })
      await slot(database, world, { startTime: '10:00', endTime: '11:00', capacity: 1, interviewers: [world.interviewerB], onlineUrl: 'https://meet.example.test/tsm' })
      const overview = await getInterviewOverview(as(world.committee), { batchId: world.tsmBatch.id })
      // In time order (equal start times by id).
      expect(overview.slots.map((s) => s.startsAt.toISOString())).toEqual(['2027-02-08T02:00:00.000Z', '2027-02-08T02:00:00.000Z', '2027-02-08T03:00:00.000Z'])
      expect(overview.slots.map((s) => s.capacity).sort()).toEqual([1, 1, 2])
      // An empty slot can be deleted.
      await deleteInterviewSlot(as(world.committee), { slotId: overview.slots[2]!.id })
      expect((await getInterviewOverview(as(world.committee), { batchId: world.tsmBatch.id })).slots).toHaveLength(2)
    })
  })

  describe('invitation', async () => {
    it('distributes the invited over the slots in time order, best written score first, with capacities', async () => {
      const world = await createInterviewWorld(database)
      const late = await slot(database, world, { startTime: '13:00', endTime: '14:00', capacity: 3 })
      const early = await slot(database, world, { startTime: '09:00', endTime: '10:00', capacity: 2, interviewers: [world.interviewerB] })
      const c = [await passedCandidate(db, world, 70), await passedCandidate(db, world, 95), await passedCandidate(db, world, 80), await passedCandidate(db, world, 65.5), await passedCandidate(db, world, 88)]
      const result = await inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id })
      expect(result).toEqual({ invited: 5, notInvited: 0, cutoff: null })
      const slotOf = async (i: number) => (await assignmentOf(c[i]!.registration.id))!.slotId
      expect([await slotOf(1), await slotOf(4)]).toEqual([early.id, early.id])
      expect([await slotOf(2), await slotOf(0), await slotOf(3)]).toEqual([late.id, late.id, late.id])
      for (const x of c) expect(await stateOf(db, x.registration.id)).toBe('invited_to_interview')
      // The event carries the slot; the call goes out with its .ics.
      const [event] = await db
        .select()
        .from(registrationEvent)
        .where(and(eq(registrationEvent.registrationId, c[1]!.registration.id), eq(registrationEvent.kind, 'invite_to_interview')))
      expect(event!.data).toMatchObject({ slotId: early.id, startsAt: '2027-02-08T01:00:00.000Z', place: 'Ruang Wawancara 1', when: '8 Februari 2027 09.00–10.00 WITA' })
      const [mail] = await mailsTo(db, c[1]!.email)
      expect(mail!.subject).toBe('Panggilan wawancara: Perawatan Sepeda Motor Injeksi')
      expect(mail!.text).toContain('Waktu: 8 Februari 2027 09.00–10.00 WITA.')
      expect(mail!.text).toContain('Yang dibawa: KTP asli')
      expect(mail!.attachments![0]!.filename).toBe('wawancara.ics')
      // The rubric is fixed at scheduling: the default one is stored.
      expect((await db.select().from(interviewRubric).where(eq(interviewRubric.batchId, world.tsmBatch.id)))[0]!.criteria).toEqual(DEFAULT_RUBRIC.criteria)
    })

    it('refuses, changing nothing, when the free seats are fewer than the candidates; after adding a slot it invites, and again invites nobody twice', async () => {
      const world = await createInterviewWorld(database)
      await slot(database, world, { startTime: '09:00', endTime: '10:00', capacity: 2 })
      const c = [await passedCandidate(db, world, 70), await passedCandidate(db, world, 75), await passedCandidate(db, world, 80)]
      const jobsBefore = (await db.select().from(job)).length
      const error = await refusal(inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id }))
      expect(error).toBeInstanceOf(ConflictError)
      expect((error as Error).message).toBe(
        'Tempat di slot wawancara yang akan datang tinggal 2, padahal 3 calon harus diundang. Tambah slot atau kapasitasnya, lalu undang lagi. Belum ada yang diundang.',
      )
      for (const x of c) {
        expect(await stateOf(db, x.registration.id)).toBe('written_test_passed')
        expect(await assignmentOf(x.registration.id)).toBeUndefined()
      }
      expect((await db.select().from(job)).length).toBe(jobsBefore)
      expect(await db.select().from(interviewRubric).where(eq(interviewRubric.batchId, world.tsmBatch.id))).toHaveLength(0)

      await slot(database, world, { startTime: '10:00', endTime: '11:00', capacity: 1 })
      expect(await inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id })).toEqual({ invited: 3, notInvited: 0, cutoff: null })
      // Again (a double click, a retry): nobody invited or mailed twice.
      expect(await inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id })).toEqual({ invited: 0, notInvited: 0, cutoff: null })
      await Promise.all([
        inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id }),
        inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id }),
      ])
      for (const x of c) expect(await mailsTo(db, x.email)).toHaveLength(1)
      const invites = await db.select().from(registrationEvent).where(eq(registrationEvent.kind, 'invite_to_interview'))
      expect(invites.filter((e) => c.some((x) => x.registration.id === e.registrationId))).toHaveLength(3)
    })

    it('invites only the best N, all of those tied at the N-th place; the others end as not passed with the reason and a mail', async () => {
      const world = await createInterviewWorld(database)
      await slot(database, world, { startTime: '09:00', endTime: '12:00', capacity: 10 })
      await setInviteLimit(db, world.tsmBatch.id, 3)
      const [a, b, c1, c2, d] = [
        await passedCandidate(db, world, 90),
        await passedCandidate(db, world, 80),
        await passedCandidate(db, world, 72.5),
        await passedCandidate(db, world, 72.5),
        await passedCandidate(db, world, 65),
      ]
      const result = await inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id })
      expect(result).toEqual({ invited: 4, notInvited: 1, cutoff: 72.5 })
      for (const x of [a!, b!, c1!, c2!]) expect(await stateOf(db, x.registration.id)).toBe('invited_to_interview')
      expect(await stateOf(db, d!.registration.id)).toBe('not_passed')
      const [event] = await db
        .select()
        .from(registrationEvent)
        .where(and(eq(registrationEvent.registrationId, d!.registration.id), eq(registrationEvent.kind, 'not_invite')))
      expect(event!.data.reason).toBe(
        'Nilai tes tertulis Anda (65) tidak termasuk 3 nilai terbaik yang diundang wawancara (nilai terendah yang diundang 72,5).',
      )
      const [mail] = await mailsTo(db, d!.email)
      expect(mail!.subject).toBe('Hasil seleksi wawancara: Perawatan Sepeda Motor Injeksi')
      expect(mail!.attachments).toBeUndefined()
      const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'interview.invite'), eq(auditEvent.entityId, world.tsmBatch.id)))
      expect(audit!.after).toMatchObject({ limit: 3, cutoff: 72.5 })
    })
  })

  describe('the candidate’s call and slot switch', async () => {
    const world = await createInterviewWorld(database)
    const first = await slot(database, world, { startTime: '09:00', endTime: '09:30', capacity: 2 })
    const second = await slot(database, world, { startTime: '10:00', endTime: '10:30', capacity: 1, interviewers: [world.interviewerB], onlineUrl: 'https://meet.example.test/tsm-2' })
    const a = await passedCandidate(db, world, 90)
    const b = await passedCandidate(db, world, 85)
    await inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id })

    it('shows the call with the time, the place, what to bring and the slots with room', async () => {
      const call = await getInterviewCall(as(a.actor), { registrationId: a.registration.id })
      expect(call).toMatchObject({ slot: { id: first.id, place: 'Ruang Wawancara 1' }, canSwitch: true, switchUntil: first.startsAt })
      expect(call.alternatives.map((s) => [s.id, s.free])).toEqual([[second.id, 1]])
      // Another candidate cannot read it.
      expect(await refusal(getInterviewCall(as(b.actor), { registrationId: a.registration.id }))).toBeInstanceOf(ForbiddenError)
    })

    it('gives the .ics with the slot in UTC (09.00 WITA is 01.00 UTC)', async () => {
      const ics = await getInterviewCalendar(as(a.actor), { registrationId: a.registration.id })
      expect(ics.content).toContain('DTSTART:20270208T010000Z')
      expect(ics.content).toContain('DTEND:20270208T013000Z')
      expect(ics.content).toContain(`UID:wawancara-${a.registration.id}@latih`)
      expect(ics.content).toContain('SEQUENCE:0')
      expect(ics.content).toMatch(/SUMMARY:Wawancara seleksi Perawatan Sepeda Motor Injeksi/)
      // The mail carried the same.
      const [mail] = await mailsTo(db, a.email)
      expect(mail!.attachments![0]!.content).toContain('DTSTART:20270208T010000Z')
    })

    it('two candidates racing for the last seat: one gets it', async () => {
      const results = await Promise.allSettled([
        chooseInterviewSlot(as(a.actor), { registrationId: a.registration.id, slotId: second.id }),
        chooseInterviewSlot(as(b.actor), { registrationId: b.registration.id, slotId: second.id }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
      expect(refused.reason).toBeInstanceOf(ConflictError)
      expect(refused.reason.fieldErrors).toEqual({ slotId: ['Slot itu sudah penuh. Pilih slot lain.'] })
      const inSecond = [await assignmentOf(a.registration.id), await assignmentOf(b.registration.id)].filter((x) => x!.slotId === second.id)
      expect(inSecond).toHaveLength(1)
      const winner = inSecond[0]!.registrationId === a.registration.id ? a : b
      // The winner is told, with an updated .ics (same UID, next sequence) and an Aktivitas event.
      const mails = await mailsTo(db, winner.email)
      expect(mails.map((m) => m.subject)).toEqual(['Panggilan wawancara: Perawatan Sepeda Motor Injeksi', 'Jadwal wawancara berubah: Perawatan Sepeda Motor Injeksi'])
      expect(mails[1]!.attachments![0]!.content).toContain('SEQUENCE:1')
      expect(mails[1]!.attachments![0]!.content).toContain('DTSTART:20270208T020000Z')
      const events = await db.select().from(registrationEvent).where(and(eq(registrationEvent.registrationId, winner.registration.id), eq(registrationEvent.kind, 'interview_slot_changed')))
      expect(events[0]!.data).toMatchObject({ slotId: second.id, by: 'candidate', onlineUrl: 'https://meet.example.test/tsm-2' })
      // Back to the first slot: there is room again.
      await chooseInterviewSlot(as(winner.actor), { registrationId: winner.registration.id, slotId: first.id })
    })

    it('refuses a switch after the cut-off (the batch’s, or else the start of the slot)', async () => {
      const afterStart = new Date(first.startsAt.getTime() + 60_000)
      const error = await refusal(chooseInterviewSlot(as(a.actor, afterStart), { registrationId: a.registration.id, slotId: second.id }))
      expect(error).toBeInstanceOf(ConflictError)
      expect((error as Error).message).toMatch(/^Batas pindah jadwal wawancara sudah lewat \(8 Februari 2027 09\.00 WITA\)/)
      await setInviteLimit(db, world.tsmBatch.id, null, new Date('2027-02-07T08:00:00Z'))
      const late = new Date('2027-02-07T08:00:00Z')
      expect(await refusal(chooseInterviewSlot(as(a.actor, late), { registrationId: a.registration.id, slotId: second.id }))).toBeInstanceOf(ConflictError)
      expect((await getInterviewCall(as(a.actor, late), { registrationId: a.registration.id })).switchClosedReason).toBe('deadline')
      expect(await assignmentOf(a.registration.id)).toMatchObject({ slotId: first.id })
      await setInviteLimit(db, world.tsmBatch.id, null, null)
    })

    it('lets a kiosk officer assisting the candidate switch for them, and nobody else', async () => {
      const officer = await staffActor(db, world.kdi.id, ['kiosk_officer'], 'Petugas')
      expect(await refusal(chooseInterviewSlot(as(officer), { registrationId: a.registration.id, slotId: second.id }))).toBeInstanceOf(ForbiddenError)
      const assisting = { ...officer, assisted: { sessionId: 'x', candidateId: a.actor.userId, institutionId: world.kdi.id } }
      const { slot: moved } = await chooseInterviewSlot(as(assisting), { registrationId: a.registration.id, slotId: second.id })
      expect(moved.id).toBe(second.id)
      const events = await db.select().from(registrationEvent).where(and(eq(registrationEvent.registrationId, a.registration.id), eq(registrationEvent.kind, 'interview_slot_changed')))
      expect(events.at(-1)!.data).toMatchObject({ viaKiosk: true })
    })
  })

  describe('scorecards', async () => {
    const world = await createInterviewWorld(database)
    const slotA = await slot(database, world, { startTime: '09:00', endTime: '10:00', capacity: 3, interviewers: [world.interviewerA] })
    const slotB = await slot(database, world, { startTime: '10:00', endTime: '11:00', capacity: 3, interviewers: [world.interviewerB] })
    const [x, y, z] = [await passedCandidate(db, world, 90), await passedCandidate(db, world, 85), await passedCandidate(db, world, 80), await passedCandidate(db, world, 78)]
    await inviteToInterviews(as(world.committee), { batchId: world.tsmBatch.id })
    // x, y, z fill A's slot (the best three); w goes to B's.

    it('shows an interviewer only their own slots and candidates; another interviewer’s candidate is refused', async () => {
      const mine = await listMyInterviews(as(world.interviewerA))
      expect(mine.upcoming.map((s) => s.id)).toEqual([slotA.id])
      expect(mine.upcoming[0]!.candidates.map((c) => c.registrationId).sort()).toEqual([x!, y!, z!].map((c) => c.registration.id).sort())
      const view = await getInterviewCandidate(as(world.interviewerA), { registrationId: x!.registration.id })
      expect(view.profile.nikMasked).toMatch(/^7471•+\d{4}$/)
      expect(view.profile.regency).toBe('Kota Kendari')
      expect(view.writtenTest).toEqual({ score: 90, passMark: 60 })
      expect(view.editable).toBe(true)
      expect(await refusal(getInterviewCandidate(as(world.interviewerB), { registrationId: x!.registration.id }))).toBeInstanceOf(ForbiddenError)
      expect(
        await refusal(submitInterviewScorecard(as(world.interviewerB), { registrationId: x!.registration.id, scores: FULL, notes: '' })),
      ).toBeInstanceOf(ForbiddenError)
      expect(await refusal(getInterviewCandidate(as(world.committee), { registrationId: x!.registration.id }))).toBeInstanceOf(ForbiddenError)
      expect(await refusal(getInterviewCandidate(as(world.interviewerA), { registrationId: 'not-a-uuid' }))).toBeInstanceOf(NotFoundError)
      expect(await db.select().from(interviewScorecard).where(eq(interviewScorecard.registrationId, x!.registration.id))).toHaveLength(0)
      // A slot with candidates cannot be deleted.
      expect(await refusal(deleteInterviewSlot(as(world.committee), { slotId: slotA.id }))).toBeInstanceOf(ConflictError)
    })

    it('refuses points outside the scale and missing criteria at their fields, changing nothing', async () => {
      const error = await refusal(
        submitInterviewScorecard(as(world.interviewerA), { registrationId: x!.registration.id, scores: { motivasi: '6', bakat: '', komitmen: '3,5', komunikasi: 'x' }, notes: 'catatan' }),
      )
      expect(fieldErrors(error)).toEqual({
        'scores.motivasi': ['Nilai harus antara 1 dan 5.'],
        'scores.bakat': ['Beri nilai 1–5 untuk kriteria ini.'],
        'scores.komitmen': ['Nilai harus bilangan bulat 1–5.'],
        'scores.komunikasi': ['Beri nilai 1–5 untuk kriteria ini.'],
      })
      expect(await stateOf(db, x!.registration.id)).toBe('invited_to_interview')
      expect(await db.select().from(interviewScorecard).where(eq(interviewScorecard.registrationId, x!.registration.id))).toHaveLength(0)
    })

    it('locks a submitted scorecard, records presence and the interview; the committee reopens it only with a reason (audited); the interviewer submits again', async () => {
      const card = await submitInterviewScorecard(as(world.interviewerA), { registrationId: x!.registration.id, scores: FULL, notes: 'Termotivasi, punya pengalaman bengkel.' })
      // (30·4 + 30·3 + 25·3 + 15·2) / 4 = 315 / 4 = 78.75
      expect(card.total).toBe(78.75)
      expect(card.submittedAt).toEqual(NOW)
      expect(await stateOf(db, x!.registration.id)).toBe('interviewed')
      expect(await assignmentOf(x!.registration.id)).toMatchObject({ attendance: 'present' })
      const locked = await refusal(submitInterviewScorecard(as(world.interviewerA), { registrationId: x!.registration.id, scores: FULL, notes: '' }))
      expect(locked).toBeInstanceOf(ConflictError)
      // The rubric cannot change any more.
      expect(
        await refusal(updateInterviewRubric(as(world.committee), { batchId: world.tsmBatch.id, ...DEFAULT_RUBRIC })),
      ).toBeInstanceOf(ConflictError)

      expect(fieldErrors(await refusal(reopenInterviewScorecard(as(world.committee), { scorecardId: card.id, reason: 'salah' })))).toEqual({
        reason: ['Alasan membuka kembali wajib diisi, minimal 10 karakter.'],
      })
      expect(await refusal(reopenInterviewScorecard(as(world.interviewerA), { scorecardId: card.id, reason: 'Nilai komunikasi tertukar.' }))).toBeInstanceOf(ForbiddenError)
      const reopened = await reopenInterviewScorecard(as(world.committee), { scorecardId: card.id, reason: 'Nilai komunikasi tertukar dengan calon lain.' })
      expect(reopened).toMatchObject({ submittedAt: null, reopenReason: 'Nilai komunikasi tertukar dengan calon lain.', reopenedBy: world.committee.userId })
      const [audit] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'interview.scorecard_reopen'), eq(auditEvent.entityId, card.id)))
      expect(audit!.before).toMatchObject({ total: 78.75, scores: FULL })
      expect(audit!.after).toMatchObject({ reason: 'Nilai komunikasi tertukar dengan calon lain.', submittedAt: null })
      expect(audit!.actorId).toBe(world.committee.userId)
      expect((await getInterviewCandidate(as(world.interviewerA), { registrationId: x!.registration.id })).editable).toBe(true)

      const again = await submitInterviewScorecard(as(world.interviewerA), { registrationId: x!.registration.id, scores: { ...FULL, komunikasi: 5 }, notes: 'Komunikasi baik.' })
      expect(again.id).toBe(card.id)
      expect(again.total).toBe(86.25)
      expect(await stateOf(db, x!.registration.id)).toBe('interviewed')
      // The interview is recorded once on the timeline.
      const recorded = await db.select().from(registrationEvent).where(and(eq(registrationEvent.registrationId, x!.registration.id), eq(registrationEvent.kind, 'record_interview')))
      expect(recorded).toHaveLength(1)
      expect(await refusal(reopenInterviewScorecard(as(world.committee), { scorecardId: 'c4a1e0a4-7c1e-4c59-9a39-2f0f3e0f0f0f', reason: 'Tidak ada lembar ini.' }))).toBeInstanceOf(NotFoundError)
    })

    it('records an absence without a state change; a scorecard is refused until the committee reschedules, which clears it', async () => {
      await recordInterviewAttendance(as(world.interviewerA), { registrationId: y!.registration.id, attendance: 'absent' })
      expect(await stateOf(db, y!.registration.id)).toBe('invited_to_interview')
      expect(await refusal(submitInterviewScorecard(as(world.interviewerA), { registrationId: y!.registration.id, scores: FULL, notes: '' }))).toBeInstanceOf(ConflictError)
      expect(await refusal(recordInterviewAttendance(as(world.interviewerB), { registrationId: y!.registration.id, attendance: 'present' }))).toBeInstanceOf(ForbiddenError)
      // An interviewed candidate cannot be made absent.
      expect(await refusal(recordInterviewAttendance(as(world.interviewerA), { registrationId: x!.registration.id, attendance: 'absent' }))).toBeInstanceOf(ConflictError)
      await moveInterviewCandidate(as(world.committee), { registrationId: y!.registration.id, slotId: slotB.id, reason: 'Sakit pada hari wawancara.' })
      expect(await assignmentOf(y!.registration.id)).toMatchObject({ slotId: slotB.id, attendance: null })
      const [mail] = (await mailsTo(db, y!.email)).filter((m) => m.subject.startsWith('Jadwal wawancara berubah'))
      expect(mail!.text).toContain('Alasan: Sakit pada hari wawancara.')
      // Now interviewer B's candidate, no longer A's.
      expect(await refusal(getInterviewCandidate(as(world.interviewerA), { registrationId: y!.registration.id }))).toBeInstanceOf(ForbiddenError)
      await submitInterviewScorecard(as(world.interviewerB), { registrationId: y!.registration.id, scores: { motivasi: 2, bakat: 2, komitmen: 2, komunikasi: 2 }, notes: '' })
      expect(await stateOf(db, y!.registration.id)).toBe('interviewed')
    })

    it('shows each interviewer’s totals beside everyone else’s', async () => {
      await submitInterviewScorecard(as(world.interviewerA), { registrationId: z!.registration.id, scores: { motivasi: 3, bakat: 3, komitmen: 3, komunikasi: 3 }, notes: '' })
      const overview = await getInterviewOverview(as(world.committee), { batchId: world.tsmBatch.id })
      const a = overview.statistics.find((s) => s.interviewerId === world.interviewerA.userId)!
      const b = overview.statistics.find((s) => s.interviewerId === world.interviewerB.userId)!
      expect(a.own).toEqual({ count: 2, mean: 68.13, standardDeviation: 25.63 })
      expect(a.others).toEqual({ count: 1, mean: 25, standardDeviation: null })
      expect(b.own.count).toBe(1)
      expect(b.others.count).toBe(2)
      expect(overview.rubric.locked).toBe(true)
    })
  })

  describe('rubric', async () => {
    const world = await createInterviewWorld(database)
    it('is the default until changed; weights must sum to 100 and each point needs its meaning', async () => {
      const ctx = as(world.committee)
      const error = await refusal(
        updateInterviewRubric(ctx, {
          batchId: world.tsmBatch.id,
          criteria: [
            { code: 'motivasi', label: 'Motivasi', description: '', weight: 60 },
            { code: 'motivasi', label: 'Lagi', description: '', weight: 30 },
          ],
          scaleMin: 1,
          scaleMax: 4,
          scaleLabels: ['a', 'b', 'c'],
        }),
      )
      expect(fieldErrors(error)).toEqual({
        criteria: ['Jumlah bobot harus 100%; sekarang 90%.'],
        'criteria.1.code': ['Kode kriteria sudah dipakai kriteria lain.'],
        scaleLabels: ['Tulis arti setiap nilai dari 1 sampai 4: 4 baris.'],
      })
      const saved = await updateInterviewRubric(ctx, {
        batchId: world.tsmBatch.id,
        criteria: [
          { code: 'motivasi', label: 'Motivasi', description: '', weight: 50 },
          { code: 'praktik', label: 'Praktik', description: 'Uji praktik singkat', weight: 50 },
        ],
        scaleMin: 1,
        scaleMax: 4,
        scaleLabels: ['Kurang', 'Cukup', 'Baik', 'Sangat baik'],
      })
      expect(saved.criteria.map((c) => c.code)).toEqual(['motivasi', 'praktik'])
      expect(await refusal(updateInterviewRubric(as(world.interviewerA), { batchId: world.tsmBatch.id, ...DEFAULT_RUBRIC }))).toBeInstanceOf(ForbiddenError)
    })
  })
})
