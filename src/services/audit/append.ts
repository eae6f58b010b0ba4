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
 * Appends an event to an organisation's tamper-evident chain, inside the caller's transaction. The chain head is
 * locked first (`SELECT ... FOR UPDATE`), so concurrent writers of one organisation serialise; the exact canonical
 * text hashed is stored, since jsonb reorders keys and timestamps lose precision.
 */
export async function appendAuditEvent(tx: Executor, actor: Actor, entry: AuditEntry, at = new Date()): Promise<void> {
  await tx
    .insert(auditChains)
    .values({ organizationId: entry.organizationId, headSeq: 0, headHash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditChains)
    .where(eq(auditChains.organizationId, entry.organizationId))
    .for('update');
  const seq = head!.headSeq + 1;
  const id = randomUUID();
  const record = {
    id,
    organizationId: entry.organizationId,
    seq,
    prevHash: head!.headHash,
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
  await tx.insert(auditEvents).values({
    id,
    organizationId: entry.organizationId,
    seq,
    prevHash: head!.headHash,
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
  await tx
    .update(auditChains)
    .set({ headSeq: seq, headHash: hash, updatedAt: sql`now()` })
    .where(eq(auditChains.organizationId, entry.organizationId));
}
