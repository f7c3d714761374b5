import { desc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { batch, institution, programme, registration, registrationEvent } from '../db/schema'

// How registrations are read for the candidate's Aktivitas and the receipt: each with
// its programme, batch, institution and timeline (newest first).

export type RegistrationRow = typeof registration.$inferSelect
export type RegistrationEventRow = typeof registrationEvent.$inferSelect

export interface RegistrationView {
  registration: RegistrationRow
  programme: Pick<typeof programme.$inferSelect, 'id' | 'code' | 'name' | 'location' | 'requiredDocuments'>
  batch: typeof batch.$inferSelect
  institution: Pick<typeof institution.$inferSelect, 'id' | 'code' | 'name' | 'address' | 'timeZone'>
  events: RegistrationEventRow[]
}

const columns = {
  registration,
  programme: {
    id: programme.id,
    code: programme.code,
    name: programme.name,
    location: programme.location,
    requiredDocuments: programme.requiredDocuments,
  },
  batch,
  institution: {
    id: institution.id,
    code: institution.code,
    name: institution.name,
    address: institution.address,
    timeZone: institution.timeZone,
  },
}

function baseQuery(db: DbOrTx) {
  return db
    .select(columns)
    .from(registration)
    .innerJoin(batch, eq(batch.id, registration.batchId))
    .innerJoin(programme, eq(programme.id, batch.programmeId))
    .innerJoin(institution, eq(institution.id, registration.institutionId))
}

async function withEvents(db: DbOrTx, rows: Array<Omit<RegistrationView, 'events'>>): Promise<RegistrationView[]> {
  if (rows.length === 0) return []
  const events = await db
    .select()
    .from(registrationEvent)
    .where(
      inArray(
        registrationEvent.registrationId,
        rows.map((r) => r.registration.id),
      ),
    )
    .orderBy(desc(registrationEvent.at), desc(registrationEvent.id))
  return rows.map((r) => ({ ...r, events: events.filter((e) => e.registrationId === r.registration.id) }))
}

export async function loadRegistrationView(db: DbOrTx, registrationId: string): Promise<RegistrationView | null> {
  const rows = await baseQuery(db).where(eq(registration.id, registrationId))
  const [view] = await withEvents(db, rows)
  return view ?? null
}

export async function loadCandidateRegistrationViews(db: DbOrTx, candidateId: string): Promise<RegistrationView[]> {
  const rows = await baseQuery(db)
    .where(eq(registration.candidateId, candidateId))
    .orderBy(desc(registration.createdAt))
  return withEvents(db, rows)
}
