import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditChains, auditEvents } from '../../db/schema';
import { requireRole, type ServiceContext } from '../context';
import { decodeCursor, encodeCursor } from '../pagination';
import { GENESIS_HASH } from './append';

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenEventId?: string;
}

type AuditEventRow = typeof auditEvents.$inferSelect;

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
 * says what the row says, each event points at its predecessor's hash with no gap in sequence, and the chain head
 * records the last event. Any edit made around the append-only trigger shows up here. It reads one snapshot (a
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

type ChainPosition = { organizationId: string; seq: number; hash: string };

/** The events after `after` in chain order (organisation, then sequence), a batch of them. */
function eventsAfter(db: Executor, after: ChainPosition | null): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      after
        ? or(
            gt(auditEvents.organizationId, after.organizationId),
            and(eq(auditEvents.organizationId, after.organizationId), gt(auditEvents.seq, after.seq)),
          )
        : undefined,
    )
    .orderBy(asc(auditEvents.organizationId), asc(auditEvents.seq))
    .limit(VERIFY_BATCH);
}

async function verifyInSnapshot(db: Executor): Promise<ChainVerification> {
  const heads = new Map((await db.select().from(auditChains)).map((head) => [head.organizationId, head]));
  let checked = 0;
  let previous: ChainPosition | null = null;
  const lastOfChain = new Map<string, { seq: number; hash: string }>();
  for (;;) {
    const events = await eventsAfter(db, previous);
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
  for (const [organizationId, head] of heads) {
    const last = lastOfChain.get(organizationId) ?? { seq: 0, hash: GENESIS_HASH };
    if (head.headSeq !== last.seq || head.headHash !== last.hash) {
      // The head claims events that are missing (deleted) or differs from the last one.
      const [tail] = await db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(eq(auditEvents.organizationId, organizationId))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      return { valid: false, checked, ...(tail ? { firstBrokenEventId: tail.id } : {}) };
    }
  }
  return { valid: true, checked };
}

export interface AuditEventView {
  id: string;
  organizationId: string;
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  actor: { keyId: string | null; role: string | null; organizationId: string | null };
  before: unknown;
  after: unknown;
  occurredAt: string;
  hash: string;
  prevHash: string;
}

/** Newest first, filterable by entity; carrier staff read every chain. */
export async function listAuditEvents(
  ctx: ServiceContext,
  query: { entityType?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  requireRole(ctx.actor, 'admin', 'underwriter');
  const conditions: (SQL | undefined)[] = [];
  if (query.entityType) conditions.push(eq(auditEvents.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditEvents.entityId, query.entityId));
  if (query.cursor) {
    const { at: occurredAt, id } = decodeCursor(query.cursor);
    conditions.push(
      or(lt(auditEvents.occurredAt, occurredAt), and(eq(auditEvents.occurredAt, occurredAt), lt(auditEvents.id, id))),
    );
  }
  const rows = await (ctx.db as Executor)
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      organizationId: row.organizationId,
      seq: row.seq,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      actor: { keyId: row.actorKeyId, role: row.actorRole, organizationId: row.actorOrganizationId },
      before: row.before,
      after: row.after,
      occurredAt: row.occurredAt.toISOString(),
      hash: row.hash,
      prevHash: row.prevHash,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
  };
}
