import { and, eq, gt, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accountToken } from '../db/schema'
import { randomToken, sha256 } from './crypto'

export type TokenPurpose = 'verify_email' | 'reset_password' | 'set_password'

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  verify_email: 3 * 86_400_000,
  reset_password: 60 * 60_000,
  set_password: 7 * 86_400_000,
}

/** Issue a single-use token for an e-mail link; only its hash is stored. */
export async function issueAccountToken(
  tx: DbOrTx,
  input: { userId: string; purpose: TokenPurpose; now: Date },
): Promise<string> {
  const token = randomToken()
  await tx.insert(accountToken).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(input.now.getTime() + TOKEN_TTL_MS[input.purpose]),
    createdAt: input.now,
  })
  return token
}

/**
 * Use a token once. Returns the user id, or null when the token is unknown, expired,
 * already used or for another purpose. The conditional UPDATE makes a double click
 * use it only once.
 */
export async function consumeAccountToken(
  tx: DbOrTx,
  input: { token: string; purposes: TokenPurpose[]; now: Date },
): Promise<{ userId: string; purpose: TokenPurpose } | null> {
  for (const purpose of input.purposes) {
    const [row] = await tx
      .update(accountToken)
      .set({ usedAt: input.now })
      .where(
        and(
          eq(accountToken.tokenHash, sha256(input.token)),
          eq(accountToken.purpose, purpose),
          isNull(accountToken.usedAt),
          gt(accountToken.expiresAt, input.now),
        ),
      )
      .returning({ userId: accountToken.userId, purpose: accountToken.purpose })
    if (row) return row
  }
  return null
}

/** Look at a token without using it (to show the form behind a link). */
export async function peekAccountToken(
  db: DbOrTx,
  input: { token: string; purposes: TokenPurpose[]; now: Date },
): Promise<{ userId: string; purpose: TokenPurpose } | null> {
  const [row] = await db
    .select({ userId: accountToken.userId, purpose: accountToken.purpose })
    .from(accountToken)
    .where(
      and(eq(accountToken.tokenHash, sha256(input.token)), isNull(accountToken.usedAt), gt(accountToken.expiresAt, input.now)),
    )
  return row && input.purposes.includes(row.purpose) ? row : null
}
