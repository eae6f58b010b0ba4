import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Executor } from '../../db/client';
import {
  type AuditEventRow,
  auditChainHeads,
  auditEventsAfter,
  type ChainPosition,
  GENESIS_HASH,
  lastAuditEventId,
} from '../../db/queries/audit';
import { requireRole, type ServiceContext } from '../context';

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenEventId?: string;
}

/** Events are read this many at a time, in chain order, so verifying a long history holds one batch in memory. */
const VERIFY_BATCH = 1_000;

/**
 * Whether a row says what its hashed canonical text says: every column the API shows (who, what, when, before and
 * after) as well as the chain's own. The jsonb columns are compared as values, since jsonb reorders keys.
 */
function rowMatchesRecord(event: AuditEventRow, record: Record<string, unknown>): boolean {
  const actor = (record.actor ?? {}) as Record<string, unknown>;
  return (
    record.id === event.id &&
    record.seq === event.seq &&
    record.prevHash === event.prevHash &&
    record.organizationId === event.organizationId &&
    record.action === event.action &&
    record.entityType === event.entityType &&
    record.entityId === event.entityId &&
    record.occurredAt === event.occurredAt.toISOString() &&
    actor.keyId === event.actorKeyId &&
    actor.role === event.actorRole &&
    actor.organizationId === event.actorOrganizationId &&
    isDeepStrictEqual(record.before ?? null, event.before ?? null) &&
    isDeepStrictEqual(record.after ?? null, event.after ?? null)
  );
}

/**
 * Recomputes every organisation's chain: each event's hash is the sha256 of its stored canonical text, that text
 * says what the row says, each event points at its predecessor's hash with no gap in sequence, and every chain has a
 * head that records its last event. Any edit made around the append-only trigger shows up here. It reads one snapshot (a
 * read-only, repeatable-read transaction), so events appended while it runs are neither half seen nor taken for a
 * head that runs ahead of its chain.
 */
export async function verifyAuditChains(ctx: ServiceContext): Promise<ChainVerification> {
  requireRole(ctx.actor, 'admin', 'underwriter');
  return ctx.db.transaction((tx) => verifyInSnapshot(tx), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function verifyInSnapshot(db: Executor): Promise<ChainVerification> {
  const heads = new Map((await auditChainHeads(db)).map((head) => [head.organizationId, head]));
  let checked = 0;
  let previous: ChainPosition | null = null;
  const lastOfChain = new Map<string, { seq: number; hash: string }>();
  for (;;) {
    const events = await auditEventsAfter(db, previous, VERIFY_BATCH);
    for (const event of events) {
      const first = previous?.organizationId !== event.organizationId;
      const expectedSeq = first ? 1 : previous!.seq + 1;
      const expectedPrev = first ? GENESIS_HASH : previous!.hash;
      let record: Record<string, unknown> | null = null;
      try {
        record = JSON.parse(event.canonical) as Record<string, unknown>;
      } catch {
        record = null;
      }
      const intact =
        record !== null &&
        event.seq === expectedSeq &&
        event.prevHash === expectedPrev &&
        createHash('sha256').update(event.canonical).digest('hex') === event.hash &&
        rowMatchesRecord(event, record);
      if (!intact) return { valid: false, checked, firstBrokenEventId: event.id };
      checked += 1;
      previous = { organizationId: event.organizationId, seq: event.seq, hash: event.hash };
      lastOfChain.set(event.organizationId, { seq: event.seq, hash: event.hash });
    }
    if (events.length < VERIFY_BATCH) break;
  }
  for (const organizationId of lastOfChain.keys()) {
    // Events with no head: the head was deleted around its trigger, so nothing records where the chain ended.
    if (!heads.has(organizationId)) {
      const tail = await lastAuditEventId(db, organizationId);
      return { valid: false, checked, ...(tail ? { firstBrokenEventId: tail } : {}) };
    }
  }
  for (const [organizationId, head] of heads) {
    const last = lastOfChain.get(organizationId) ?? { seq: 0, hash: GENESIS_HASH };
    if (head.headSeq !== last.seq || head.headHash !== last.hash) {
      // The head claims events that are missing (deleted) or differs from the last one.
      const tail = await lastAuditEventId(db, organizationId);
      return { valid: false, checked, ...(tail ? { firstBrokenEventId: tail } : {}) };
    }
  }
  return { valid: true, checked };
}
