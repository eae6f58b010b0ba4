import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { idempotencyKeys } from '../schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** How long a key protects its request; after that the key may be used afresh, and its row is purged. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
const expired = sql`now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;

/**
 * Claims a key inside the caller's transaction. A concurrent holder of the same key makes this wait on the
 * primary key until that transaction ends: if it committed, the claim fails and its row is returned; if it
 * rolled back, the claim succeeds. A key older than the window no longer counts.
 */
export async function claimIdempotencyKey(
  db: Executor,
  claim: { organizationId: string; key: string; requestHash: string },
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRow }> {
  const thisKey = and(eq(idempotencyKeys.organizationId, claim.organizationId), eq(idempotencyKeys.key, claim.key));
  await db.delete(idempotencyKeys).where(and(thisKey, lt(idempotencyKeys.createdAt, expired)));
  const inserted = await db
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { claimed: true };
  const [existing] = await db.select().from(idempotencyKeys).where(thisKey);
  return { claimed: false, existing: existing! };
}

/** Removes every key past the window; returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Executor): Promise<number> {
  const removed = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, expired))
    .returning({ key: idempotencyKeys.key });
  return removed.length;
}

export async function recordIdempotentResponse(
  db: Executor,
  claim: { organizationId: string; key: string },
  response: { status: number; headers: Record<string, string>; body: string },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseHeaders: response.headers, responseBody: response.body })
    .where(and(eq(idempotencyKeys.organizationId, claim.organizationId), eq(idempotencyKeys.key, claim.key)));
}
