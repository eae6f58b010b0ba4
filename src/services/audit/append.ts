import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/client';
import { appendToChain } from '../../db/queries/audit';
import { canonicalJson } from '../../domain/canonical';
import type { Actor } from '../context';

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
 * An event's canonical text up to its predecessor's hash. JCS orders keys by code unit, and `prevHash` and `seq`
 * sort after every other key of a record, so the whole text is this prefix, the predecessor's hash and the tail
 * `chainedCanonical` adds: the chain can then be extended where the head is read, in the database.
 */
export function canonicalPrefix(record: Record<string, unknown>): string {
  const text = canonicalJson(record);
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"prevHash":"`;
}

/** The whole canonical text of an event, as the append statement builds it in SQL. */
export const chainedCanonical = (prefix: string, prevHash: string, seq: number) =>
  `${prefix}${prevHash}","seq":${seq}}`;

/**
 * Appends events, in order, to their organisations' tamper-evident chains, inside the caller's transaction. Each
 * chain's writers hold its lock until they commit, so concurrent writers of one organisation serialise: a writer
 * should append as the last thing before committing, to hold the lock the least time. Per organisation, one
 * statement takes the lock and the next hashes the events onto the head (sha256 of each event's canonical text,
 * which ends with its predecessor's hash and its sequence number, `chainedCanonical`), stores them and moves the
 * head: both are sent at once, so the lock is held from then to the commit with no round trip to this process in
 * between. Chains are locked in organisation order, so two writers of the same organisations cannot deadlock. The
 * exact canonical text hashed is stored, since jsonb reorders keys and timestamps lose precision.
 */
export async function appendAuditEvents(
  tx: Executor,
  actor: Actor,
  entries: readonly AuditEntry[],
  at = new Date(),
): Promise<void> {
  const organizations = [...new Set(entries.map((entry) => entry.organizationId))].sort();
  const occurredAt = at.toISOString();
  const actorRecord = { keyId: actor.keyId, role: actor.role, organizationId: actor.organizationId };
  await Promise.all(
    organizations.map((organizationId) => {
      const chained = entries
        .filter((entry) => entry.organizationId === organizationId)
        .map((entry, index) => {
          const id = randomUUID();
          const before = entry.before ?? null;
          const after = entry.after ?? null;
          return {
            n: index + 1,
            id,
            prefix: canonicalPrefix({
              id,
              organizationId,
              actor: actorRecord,
              action: entry.action,
              entityType: entry.entityType,
              entityId: entry.entityId,
              before,
              after,
              occurredAt,
            }),
            action: entry.action,
            entity_type: entry.entityType,
            entity_id: entry.entityId,
            before,
            after,
          };
        });
      return appendToChain(tx, organizationId, actor, chained, occurredAt);
    }),
  );
}
