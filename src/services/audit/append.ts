import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditChains, auditEvents } from '../../db/schema';
import { canonicalJson } from '../../models/canonical';
import type { Actor } from '../context';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** The organisation whose chain records it: the entity's owner (the carrier's for organisations and keys). */
  organizationId: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * Appends an event to an organisation's tamper-evident chain, inside the caller's transaction (see
 * `appendAuditEvents`).
 */
export function appendAuditEvent(tx: Executor, actor: Actor, entry: AuditEntry, at = new Date()): Promise<void> {
  return appendAuditEvents(tx, actor, [entry], at);
}

/**
 * Appends events, in order, to their organisations' tamper-evident chains, inside the caller's transaction. Each
 * chain head is locked, so concurrent writers of one organisation serialise until they commit: a writer should
 * append once, as the last thing before committing, to hold the lock the least time. Heads are locked in
 * organisation order, so two writers of the same organisations cannot deadlock. The exact canonical text hashed is
 * stored, since jsonb reorders keys and timestamps lose precision.
 */
export async function appendAuditEvents(
  tx: Executor,
  actor: Actor,
  entries: readonly AuditEntry[],
  at = new Date(),
): Promise<void> {
  const organizations = [...new Set(entries.map((entry) => entry.organizationId))].sort();
  for (const organizationId of organizations) {
    // One statement creates the chain if need be and locks its head: a conflicting upsert takes the row lock, as
    // SELECT ... FOR UPDATE would, and returns the head as it stands.
    const [head] = await tx
      .insert(auditChains)
      .values({ organizationId, headSeq: 0, headHash: GENESIS_HASH })
      .onConflictDoUpdate({ target: auditChains.organizationId, set: { headSeq: sql`${auditChains.headSeq}` } })
      .returning({ headSeq: auditChains.headSeq, headHash: auditChains.headHash });
    let seq = head!.headSeq;
    let prevHash = head!.headHash;
    const rows: (typeof auditEvents.$inferInsert)[] = [];
    for (const entry of entries) {
      if (entry.organizationId !== organizationId) continue;
      seq += 1;
      const id = randomUUID();
      const record = {
        id,
        organizationId,
        seq,
        prevHash,
        actor: { keyId: actor.keyId, role: actor.role, organizationId: actor.organizationId },
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: entry.before ?? null,
        after: entry.after ?? null,
        occurredAt: at.toISOString(),
      };
      const canonical = canonicalJson(record);
      const hash = createHash('sha256').update(canonical).digest('hex');
      rows.push({
        id,
        organizationId,
        seq,
        prevHash,
        hash,
        canonical,
        actorKeyId: actor.keyId,
        actorRole: actor.role,
        actorOrganizationId: actor.organizationId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: record.before,
        after: record.after,
        occurredAt: at,
      });
      prevHash = hash;
    }
    // Sent together: on PostgreSQL the driver pipelines both on the transaction's connection, so the head stays
    // locked one round trip less (each round trip under load also waits for a turn of a busy event loop).
    await Promise.all([
      tx.insert(auditEvents).values(rows),
      tx
        .update(auditChains)
        .set({ headSeq: seq, headHash: prevHash, updatedAt: sql`now()` })
        .where(eq(auditChains.organizationId, organizationId)),
    ]);
  }
}
