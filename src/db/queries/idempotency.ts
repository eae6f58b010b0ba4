import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { idempotencyKeys } from '../schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/**
 * Claims a key inside the caller's transaction. A concurrent holder of the same key makes this wait on the
 * primary key until that transaction ends: if it committed, the claim fails and its row is returned; if it
 * rolled back, the claim succeeds.
 */
export async function claimIdempotencyKey(
  db: Executor,
  claim: { organizationId: string; key: string; requestHash: string },
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRow }> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { claimed: true };
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organizationId, claim.organizationId), eq(idempotencyKeys.key, claim.key)));
  return { claimed: false, existing: existing! };
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
