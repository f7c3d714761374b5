import { and, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import { STATE_LABELS } from '../../domain/registrationStates'
import { recordAudit } from '../audit'
import { authorize } from '../auth/permissions'
import type { UseCaseContext } from '../context'
import { getAssessmentResults, type AssessmentResults } from '../assessments/getAssessmentResults'
import { accountClosureRequest, auditEvent, candidateDocument, privacyConsent, userAccount } from '../db/schema'
import { NotFoundError } from '../errors'
import { getProfile, type ProfileView } from '../profiles/getProfile'
import { batchLabel } from '../registrations/batchLabel'
import { candidateRegistrationView } from '../registrations/candidateRegistrationView'
import { loadCandidateRegistrationViews } from '../registrations/registrationView'
import { parseInput } from '../validation'
import { PRIVACY_NOTICE_VERSION } from './notice'

const Input = z.object({ candidateId: z.uuid('Calon peserta tidak dikenal.'), format: z.enum(['json', 'pdf']) })

/** At most this many audit rows go into one export (newest first); the export says when more exist. */
export const EXPORT_AUDIT_LIMIT = 2000

/** Who did something, as the candidate may know it: never another person's name or id. */
export type AuditBy = 'self' | 'kiosk_officer_for_you' | 'staff' | 'system'

export interface PersonalDataExport {
  generatedAt: string
  noticeVersion: string
  account: {
    id: string
    email: string
    emailVerifiedAt: string | null
    locale: string
    createdAt: string
    createdAtKiosk: boolean
  }
  consents: Array<{ noticeVersion: string; consentedAt: string; channel: string }>
  profile: Omit<ProfileView, 'candidateId' | 'documents' | 'completeness' | 'nikMasked' | 'nikWarnings' | 'email' | 'emailVerified'>
  documents: Array<{ kind: string; contentType: string; byteSize: number; originalName: string; uploadedAt: string; sha256: string }>
  registrations: Array<{
    number: string
    programme: string
    batch: string
    institution: string
    state: string
    stateLabel: string
    createdAt: string
    writtenTest: { score: number; passMark: number; passed: boolean } | null
    events: Array<{ at: string; kind: string; reason: string | null; viaKiosk: boolean }>
  }>
  assessments: {
    selfAssessment: { completedAt: string; overall: number | null; scales: Array<{ code: string; name: string; mean: number }> } | null
    potential: { completedAt: string; overall: number | null; profile: unknown } | null
    writtenTest: { completedAt: string; published: boolean; score: number | null; passMark: number | null } | null
  }
  closureRequests: Array<{ requestedAt: string; reason: string; status: string; completedAt: string | null }>
  audit: {
    entries: Array<{ at: string; action: string; by: AuditBy; entityType: string; before: unknown; after: unknown }>
    truncated: boolean
  }
}

// Keys in an audit row's before/after that name or point at someone else (the officer who
// did it, the committee member who checked a document): left out of the candidate's copy.
const OTHER_PEOPLE_KEYS = new Set(['createdBy', 'checkedBy', 'officer', 'officerId', 'interviewerId', 'actorId', 'uploadedBy', 'receiverId', 'completedBy', 'requestedBy', 'recordedBy'])

function ownPart(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownPart)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !OTHER_PEOPLE_KEYS.has(k))
        .map(([k, v]) => [k, ownPart(v)]),
    )
  }
  return value
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

function assessmentsOf(r: AssessmentResults): PersonalDataExport['assessments'] {
  return {
    selfAssessment: r.selfAssessment
      ? {
          completedAt: r.selfAssessment.completedAt.toISOString(),
          overall: r.selfAssessment.overall,
          scales: r.selfAssessment.scales.map((s) => ({ code: s.code, name: s.name, mean: s.mean })),
        }
      : null,
    potential: r.potential ? { completedAt: r.potential.completedAt.toISOString(), overall: r.potential.overall, profile: r.potential.profile } : null,
    writtenTest: r.writtenTest
      ? {
          completedAt: r.writtenTest.completedAt.toISOString(),
          published: r.writtenTest.published,
          // The score only once the committee published it, as on the results page.
          score: r.writtenTest.published ? r.writtenTest.score : null,
          passMark: r.writtenTest.published ? r.writtenTest.passMark : null,
        }
      : null,
  }
}

/**
 * Everything Latih holds about a candidate, for the candidate (UU PDP: the right of
 * access, decision 023): account, consents, profile with the NIK in full (it is theirs),
 * documents (the list; each file is downloadable from the profile), registrations with
 * the timeline the candidate may see (plenary outcomes stay hidden until announced, as on
 * Aktivitas), assessment results as on the results page, closure requests, and the audit
 * rows about them — with who did it reduced to "you", "a kiosk officer for you", "staff"
 * or "the system", so no other person's data is in it. Only the candidate themself may
 * export; the export is audited.
 */
export async function exportPersonalData(ctx: UseCaseContext, input: z.input<typeof Input>): Promise<PersonalDataExport> {
  const { candidateId, format } = parseInput(Input, input, { field: 'candidateId' })
  authorize(ctx.actor, 'privacy.export', { candidateId })

  const [account] = await ctx.db.select().from(userAccount).where(and(eq(userAccount.id, candidateId), eq(userAccount.kind, 'candidate')))
  if (!account) throw new NotFoundError('Akun tidak ditemukan.')
  const profile = await getProfile(ctx, { candidateId })
  const [consents, documents, closures, views, assessments] = await Promise.all([
    ctx.db.select().from(privacyConsent).where(eq(privacyConsent.userId, candidateId)).orderBy(privacyConsent.consentedAt),
    ctx.db.select().from(candidateDocument).where(eq(candidateDocument.userId, candidateId)).orderBy(candidateDocument.kind),
    ctx.db.select().from(accountClosureRequest).where(eq(accountClosureRequest.userId, candidateId)).orderBy(accountClosureRequest.requestedAt),
    loadCandidateRegistrationViews(ctx.db, candidateId),
    getAssessmentResults(ctx, { candidateId }),
  ])

  const registrations = views.map((v) => {
    const seen = candidateRegistrationView({
      state: v.registration.state,
      batch: { writtenTestPublishedAt: v.batch.writtenTestPublishedAt ?? null, resultsAnnouncedAt: v.batch.resultsAnnouncedAt ?? null },
      events: v.events,
    })
    return {
      number: v.registration.number,
      programme: v.programme.name,
      batch: batchLabel(v.batch),
      institution: v.institution.name,
      state: seen.state,
      stateLabel: STATE_LABELS[seen.state].id,
      createdAt: v.registration.createdAt.toISOString(),
      writtenTest: seen.writtenTest,
      events: seen.events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, reason: e.reason, viaKiosk: e.viaKiosk })),
    }
  })

  // Audit rows about the candidate: what they did, what was done on their behalf, and what
  // was done to their account, profile and documents (reads of their KTP included). Rows
  // about a registration come through the registration's timeline above, where the
  // plenary's embargo holds.
  const documentIds = documents.map((d) => d.id)
  const about = or(
    eq(auditEvent.actorId, candidateId),
    eq(auditEvent.onBehalfOfId, candidateId),
    and(inArray(auditEvent.entityType, ['user_account', 'candidate_profile']), eq(auditEvent.entityId, candidateId)),
    documentIds.length > 0 ? and(eq(auditEvent.entityType, 'candidate_document'), inArray(auditEvent.entityId, documentIds)) : sql`false`,
  )
  const auditRows = await ctx.db
    .select()
    .from(auditEvent)
    .where(about)
    .orderBy(desc(auditEvent.at), desc(auditEvent.id))
    .limit(EXPORT_AUDIT_LIMIT + 1)
  const auditEntries = auditRows
    .slice(0, EXPORT_AUDIT_LIMIT)
    // Staff rows on their registrations (e.g. the committee's transitions) are left to the timeline.
    .filter((a) => a.entityType !== 'registration' || a.actorId === candidateId || a.onBehalfOfId === candidateId)
    .map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      by: (a.actorId === candidateId
        ? 'self'
        : a.actorId === null
          ? 'system'
          : a.onBehalfOfId === candidateId
            ? 'kiosk_officer_for_you'
            : 'staff') as AuditBy,
      entityType: a.entityType,
      before: ownPart(a.before),
      after: ownPart(a.after),
    }))

  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'privacy.export',
      entityType: 'user_account',
      entityId: candidateId,
      after: { format },
    })
  })

  const { candidateId: _id, documents: _d, completeness: _c, nikMasked: _m, nikWarnings: _w, email: _e, emailVerified: _v, ...profileData } = profile
  return {
    generatedAt: ctx.now.toISOString(),
    noticeVersion: PRIVACY_NOTICE_VERSION,
    account: {
      id: account.id,
      email: account.email,
      emailVerifiedAt: iso(account.emailVerifiedAt),
      locale: account.locale,
      createdAt: account.createdAt.toISOString(),
      createdAtKiosk: account.createdBy !== null,
    },
    consents: consents.map((c) => ({ noticeVersion: c.noticeVersion, consentedAt: c.consentedAt.toISOString(), channel: c.channel })),
    profile: profileData,
    documents: documents.map((d) => ({
      kind: d.kind,
      contentType: d.contentType,
      byteSize: d.byteSize,
      originalName: d.originalName,
      uploadedAt: d.uploadedAt.toISOString(),
      sha256: d.sha256,
    })),
    registrations,
    assessments: assessmentsOf(assessments),
    closureRequests: closures.map((c) => ({ requestedAt: c.requestedAt.toISOString(), reason: c.reason, status: c.status, completedAt: iso(c.completedAt) })),
    audit: { entries: auditEntries, truncated: auditRows.length > EXPORT_AUDIT_LIMIT },
  }
}
