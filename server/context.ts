import type { AnyActor } from './auth/actor'
import type { Db } from './db/client'

/** What every use case takes: the database, who acts, and the current instant. */
export interface UseCaseContext {
  db: Db
  actor: AnyActor
  now: Date
}
