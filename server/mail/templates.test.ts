// Every mail the app sends, rendered, enqueued, sent over SMTP to a local peer and parsed
// back with mailparser: the headers a receiving server and a person need, absolute links
// that open a page whether PUBLIC_URL ends in "/" or not, the institution's contact in
// the footer, Reply-To when it has a monitored mailbox, and a text part worded for text.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { passwordResetMail, verificationMail } from '../accounts/accountMails'
import { resultsAnnouncedMail } from '../announcements/announcementMail'
import { institution, job } from '../db/schema'
import { setEnvForTests } from '../env'
import { interviewCallMail, notInvitedMail, slotChangedMail, type CallContext } from '../interviews/interviewCall'
import type { SlotRow } from '../interviews/records'
import { runDueJobs } from '../jobs/queue'
import { jobRegistry } from '../jobs/registry'
import { createCandidateOnBehalf } from '../kiosk/createCandidateOnBehalf'
import { registerCandidate } from '../registrations/registerCandidate'
import { reservePromotedMail } from '../reRegistration/reRegistrationMails'
import { createCandidateActor, createOfficerActor, createWorld, NOW } from '../registrations/testFixtures'
import { withdrawRegistration } from '../registrations/withdrawRegistration'
import { writtenTestResultMail } from '../selection/writtenTestMail'
import { staffAccessMail, staffInvitationMail } from '../staff/staffMails'
import { contextFor, createTestDatabase } from '../../tests/db'
import { enqueueMail } from './sendMail'
import { startPeer, type Peer } from './testPeer'
import { createMailer, type MailMessage } from './transport'

const HOST = 'https://latih.bpvp-kendari.go.id'
const FROM = 'Latih BPVP Kendari <no-reply@latih.bpvp-kendari.go.id>'
/** Words that point at a button or HTML, which a text part has not. */
const HTML_WORDING = /tombol|klik|tekan|<\/?[a-z][^>]*>|&(amp|lt|gt|quot|nbsp|#\d+);/i

function slot(batchId: string, institutionId: string): SlotRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    batchId,
    institutionId,
    startsAt: new Date('2027-02-15T01:00:00Z'),
    endsAt: new Date('2027-02-15T01:20:00Z'),
    place: 'Ruang Wawancara 1, Gedung B',
    onlineUrl: null,
    capacity: 4,
    createdAt: NOW,
    createdBy: null,
  }
}

describe.each([HOST, `${HOST}/`, `${HOST}//`])('every mail, with PUBLIC_URL %s', async (publicUrl) => {
  const database = await createTestDatabase()
  const { db } = database
  let peer: Peer

  beforeAll(async () => {
    setEnvForTests({ ...process.env, PUBLIC_URL: publicUrl })
    peer = await startPeer()
  })
  afterAll(async () => {
    setEnvForTests(undefined)
    await peer.stop()
  })

  it('sends each with its headers, absolute links, the contact footer and a text part for text', async () => {
    const world = await createWorld(db)
    await db
      .update(institution)
      .set({ phone: '(0401) 000-0000', helpDeskHours: 'Senin–Jumat 08.00–16.00 WITA', replyToEmail: 'layanan@bpvp-kendari.go.id' })
      .where(eq(institution.id, world.kdi.id))
    const call: CallContext = {
      registrationId: '11111111-1111-4111-8111-111111111111',
      registrationNumber: 'KDI-LAS-2027-1-0001',
      candidateName: 'Wa Ode Sitti',
      candidateEmail: 'wa.ode@contoh.test',
      programmeName: 'Pengelasan SMAW',
      batchLabel: 'Gelombang 1 2027',
      institutionName: 'BPVP Kendari',
      institutionAddress: 'Jl. Brigjen Z.A. Sugianto No. 193, Kendari',
      timeZone: 'Asia/Makassar',
      bring: 'KTP asli',
    }
    const s = slot(world.lasBatch.id, world.kdi.id)
    const common = { registrationId: call.registrationId, registrationNumber: call.registrationNumber, programmeName: call.programmeName, batchLabel: call.batchLabel }
    const templates: Record<string, MailMessage> = {
      verification: verificationMail({ to: 'a1@contoh.test', name: 'Wa Ode', token: 'tok+en/1=' }),
      passwordReset: passwordResetMail({ to: 'a2@contoh.test', name: 'Wa Ode', token: 'tok2' }),
      staffInvitation: staffInvitationMail({
        to: 'a3@contoh.test',
        name: 'La Ode',
        institutionName: 'BPVP Kendari',
        roles: ['selection_committee'],
        invitedBy: 'Admin',
        link: 'unused',
      }),
      staffAccess: staffAccessMail({ to: 'a4@contoh.test', name: 'La Ode', institutionName: 'BPVP Kendari', roles: ['interviewer'], invitedBy: null }),
      interviewCall: interviewCallMail({ ...call, candidateEmail: 'a5@contoh.test' }, s, 0),
      slotChanged: slotChangedMail({ ...call, candidateEmail: 'a6@contoh.test' }, s, 1, 'committee', 'Pewawancara berhalangan'),
      notInvited: notInvitedMail({ ...call, candidateEmail: 'a7@contoh.test' }, 'Nilai Anda belum termasuk yang diundang.'),
      writtenTestPassed: writtenTestResultMail({
        to: 'a8@contoh.test',
        name: 'Wa Ode',
        ...common,
        score: 80,
        passMark: 60,
        passed: true,
        interviewStartsAt: new Date('2027-02-15T00:00:00Z'),
        interviewEndsAt: new Date('2027-02-17T08:00:00Z'),
        timeZone: 'Asia/Makassar',
      }),
      writtenTestFailed: writtenTestResultMail({
        to: 'a9@contoh.test',
        name: 'Wa Ode',
        ...common,
        score: 40,
        passMark: 60,
        passed: false,
        interviewStartsAt: new Date('2027-02-15T00:00:00Z'),
        interviewEndsAt: new Date('2027-02-17T08:00:00Z'),
        timeZone: 'Asia/Makassar',
      }),
      reservePromoted: reservePromotedMail({
        to: 'a10@contoh.test',
        name: 'Wa Ode',
        ...common,
        institutionName: 'BPVP Kendari',
        deadline: new Date('2027-03-05T08:00:00Z'),
        timeZone: 'Asia/Makassar',
      }),
      ...Object.fromEntries(
        (['passed', 'reserve', 'not_passed'] as const).map((outcome, i) => [
          `announcement_${outcome}`,
          resultsAnnouncedMail({
            to: `b${i}@contoh.test`,
            name: 'Wa Ode',
            ...common,
            institutionName: 'BPVP Kendari',
            outcome,
            reservePlace: outcome === 'reserve' ? 1 : null,
            reRegistrationDeadline: new Date('2027-03-01T08:00:00Z'),
            timeZone: 'Asia/Makassar',
          }),
        ]),
      ),
    }
    // The staff invitation's link comes from setPasswordLink in the use case; build it the same way.
    const { setPasswordLink } = await import('../staff/staffMails')
    templates.staffInvitation = staffInvitationMail({
      to: 'a3@contoh.test',
      name: 'La Ode',
      institutionName: 'BPVP Kendari',
      roles: ['selection_committee'],
      invitedBy: 'Admin',
      link: setPasswordLink('tok3'),
    })
    await db.transaction(async (tx) => {
      for (const message of Object.values(templates)) await enqueueMail(tx, message, NOW, { institutionId: world.kdi.id })
    })

    // The mails written inside use cases: receipt, withdrawal, kiosk account.
    const candidate = await createCandidateActor(db, { email: 'c1@contoh.test' })
    const { registration } = await registerCandidate(contextFor(database, candidate.actor, NOW), { candidateId: candidate.actor.userId, batchId: world.lasBatch.id })
    await withdrawRegistration(contextFor(database, candidate.actor, NOW), { registrationId: registration.id })
    const officer = await createOfficerActor(db, world.kdi.id)
    await createCandidateOnBehalf(contextFor(database, officer, NOW), {
      institutionId: world.kdi.id,
      nik: '7471015508950001',
      fullName: 'Sitti Aminah',
      email: 'c2@contoh.test',
      phone: '081234567891',
      noticeShown: 'ya',
    })

    const queued = await db.select({ id: job.id }).from(job).where(eq(job.name, 'mail.send'))
    const mailer = createMailer({ smtpUrl: peer.url, from: FROM, db })
    await runDueJobs({ db, mailer, now: () => NOW }, jobRegistry, 100)
    mailer.close?.()
    expect(peer.received).toHaveLength(queued.length)
    expect(queued.length).toBe(Object.keys(templates).length + 3)

    const subjects = peer.received.map((m) => m.parsed.subject)
    expect(subjects).toEqual(expect.arrayContaining([expect.stringMatching(/^Pendaftaran diterima/), expect.stringMatching(/^Pengunduran diri/), expect.stringMatching(/kios/)]))

    for (const { parsed, raw } of peer.received) {
      const name = parsed.subject
      // Headers a receiving server and a mail client rely on.
      expect(parsed.headers.get('auto-submitted'), name).toBe('auto-generated')
      expect(parsed.messageId, name).toMatch(/^<[^@\s]+@latih\.bpvp-kendari\.go\.id>$/)
      expect(parsed.date?.getTime(), name).toBeGreaterThan(0)
      expect(parsed.from?.value[0]?.address, name).toBe('no-reply@latih.bpvp-kendari.go.id')
      expect(parsed.replyTo?.value[0]?.address, name).toBe('layanan@bpvp-kendari.go.id')
      expect(raw, name).toMatch(/^Content-Type: multipart\/alternative/im)

      const text = parsed.text ?? ''
      const html = typeof parsed.html === 'string' ? parsed.html : ''
      // The footer: who to ask, where, and when.
      for (const part of [text, html]) {
        expect(part, name).toContain('Jl. Brigjen Z.A. Sugianto No. 193')
        expect(part, name).toContain('Telepon: (0401) 000-0000')
        expect(part, name).toContain('Layanan bantuan: Senin–Jumat 08.00–16.00 WITA')
        expect(part, name).toContain('layanan@bpvp-kendari.go.id')
      }
      expect(text, name).not.toMatch(HTML_WORDING)

      // Every link: absolute, on PUBLIC_URL's host, one slash between host and path.
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))
      const textLinks = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0])
      for (const link of [...links, ...textLinks]) {
        const url = new URL(link)
        expect(url.origin, `${name}: ${link}`).toBe(HOST)
        expect(url.pathname, `${name}: ${link}`).toMatch(/^\/[a-z0-9]/)
        expect(url.pathname, `${name}: ${link}`).not.toContain('//')
      }
      if (!name?.startsWith('Pengunduran diri')) expect(links.length, `${name} has its link`).toBeGreaterThan(0)
      for (const link of links) expect(textLinks, `${name}: the text part carries ${link}`).toContain(link)
    }
    const verify = peer.received.find((m) => m.parsed.subject?.startsWith('Verifikasi'))!
    expect(verify.parsed.text).toContain(`${HOST}/verifikasi-email?token=tok%2Ben%2F1%3D`)
    const kiosk = peer.received.find((m) => m.parsed.subject?.includes('kios'))!
    expect(kiosk.parsed.text).toMatch(new RegExp(`${HOST}/atur-sandi\\?token=\\S+`))
  })
})
