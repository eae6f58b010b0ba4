import type { Database, Transaction } from '../../db/client';
import { claimIdempotencyKey, type IdempotencyRow, recordIdempotentResponse } from '../../db/queries/idempotency';

export interface IdempotencyClaim {
  organizationId: string;
  key: string;
  requestHash: string;
}

/** The response stored for a key, to replay to a retry. */
export type StoredIdempotentResponse = Pick<
  IdempotencyRow,
  'requestHash' | 'responseStatus' | 'responseHeaders' | 'responseBody'
>;

export interface ResponseToStore {
  status: number;
  headers: Record<string, string>;
  body: string;
}

class RollBack extends Error {}

/**
 * Runs `handle` in one transaction with the claim of its Idempotency-Key, inserted first (see
 * http/middleware/idempotency.ts for the protocol). A key someone already holds is not run again: its row is
 * returned. `handle` answers the response to store with the key, or null to roll back, key and all, so a retry
 * runs afresh.
 */
export async function runClaimed(
  db: Database,
  claim: IdempotencyClaim,
  handle: (tx: Transaction) => Promise<ResponseToStore | null>,
): Promise<{ existing: StoredIdempotentResponse } | undefined> {
  let existing: StoredIdempotentResponse | undefined;
  try {
    await db.transaction(async (tx) => {
      const outcome = await claimIdempotencyKey(tx, claim);
      if (!outcome.claimed) {
        existing = outcome.existing;
        return;
      }
      const response = await handle(tx);
      if (!response) throw new RollBack();
      await recordIdempotentResponse(tx, claim, response);
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return existing ? { existing } : undefined;
}
