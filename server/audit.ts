import { actorId, onBehalfOf, type AnyActor } from './auth/actor'
import { withoutFullAddresses } from './auth/clientAddress'
import type { DbOrTx } from './db/client'
import { auditEvent } from './db/schema'

export interface AuditInput {
  action: string
  entityType: string
  entityId?: string | null
  institutionId?: string | null
  before?: unknown
  after?: unknown
  /** Overrides the on-behalf-of candidate (e.g. a candidate created by an officer). */
  onBehalfOfId?: string | null
}

/**
 * Write an audit row; call it with the transaction that makes the change. A client address
 * in `before`/`after` (key `ip`, `clientAddress`, …) is kept as its /24 or /48 network only
 * (decision 021).
 */
export async function recordAudit(tx: DbOrTx, actor: AnyActor, now: Date, input: AuditInput): Promise<void> {
  await tx.insert(auditEvent).values({
    at: now,
    actorId: actorId(actor),
    onBehalfOfId: input.onBehalfOfId ?? onBehalfOf(actor),
    institutionId: input.institutionId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: withoutFullAddresses(input.before ?? null),
    after: withoutFullAddresses(input.after ?? null),
  })
}
