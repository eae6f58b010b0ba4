import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/rows';
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

interface ChainedEntry {
  n: number;
  id: string;
  prefix: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

/**
 * The advisory-lock space of audit chains: the two-key form, whose keys never meet the single-key locks of
 * migrations, model seeding and bootstrap. The second key is a hash of the organisation id; two organisations
 * whose hashes collide only wait for each other.
 */
const AUDIT_CHAIN_LOCK_SPACE = 0x41554454;

async function appendToChain(
  tx: Executor,
  organizationId: string,
  actor: Actor,
  entries: readonly ChainedEntry[],
  occurredAt: string,
): Promise<void> {
  // Writers of one chain queue on an advisory lock held to the commit, not on the head row: a writer waiting on
  // the row keeps its page pinned, so PostgreSQL cannot prune the row's old versions, and under load every append
  // walked a lengthening chain of them (a third of PostgreSQL's time for one busy broker's quotes). The append
  // below is a statement of its own, so its snapshot is taken once the lock is granted and sees the head the
  // previous writer committed. Only this function moves a head, always under the lock.
  const locked = tx.execute(
    sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_SPACE}::int, hashtext(${organizationId}::text))`,
  );
  // A chain without a head row starts at the genesis hash, and its head row is created with its first events.
  const appended = tx.execute(sql`
    with recursive
      entries as (
        select * from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as entry(
          n int, id uuid, prefix text, action text, entity_type text, entity_id text, before jsonb, after jsonb)
      ),
      head as (
        select head_seq, head_hash from audit_chains where organization_id = ${organizationId}::uuid
        union all
        select 0, ${GENESIS_HASH}::text
        where not exists (select from audit_chains where organization_id = ${organizationId}::uuid)
      ),
      chain (n, seq, prev_hash, hash) as (
        select 0, head_seq, null::text, head_hash from head
        union all
        select entries.n, chain.seq + 1, chain.hash,
          encode(sha256(convert_to(entries.prefix || chain.hash || '","seq":' || (chain.seq + 1) || '}', 'UTF8')), 'hex')
        from chain join entries on entries.n = chain.n + 1
      ),
      stored as (
        insert into audit_events (id, organization_id, seq, prev_hash, hash, canonical, actor_key_id, actor_role,
          actor_organization_id, action, entity_type, entity_id, before, after, occurred_at)
        select entries.id, ${organizationId}::uuid, chain.seq, chain.prev_hash, chain.hash,
          entries.prefix || chain.prev_hash || '","seq":' || chain.seq || '}',
          ${actor.keyId}::uuid, ${actor.role}::text, ${actor.organizationId}::uuid, entries.action, entries.entity_type,
          entries.entity_id, entries.before, entries.after, ${occurredAt}::timestamptz
        from chain join entries on entries.n = chain.n
        returning seq, hash
      ),
      moved as (
        insert into audit_chains (organization_id, head_seq, head_hash, updated_at)
        select ${organizationId}::uuid, seq, hash, now() from stored order by seq desc limit 1
        on conflict (organization_id) do update
          set head_seq = excluded.head_seq, head_hash = excluded.head_hash, updated_at = excluded.updated_at
        returning head_seq
      )
    select (select count(*) from stored) as appended, (select count(*) from moved) as moved`);
  const [, result] = await Promise.all([locked, appended]);
  const rows = rowsOf<{ appended: number | string; moved: number | string }>(result);
  if (rows.length !== 1 || Number(rows[0]!.appended) !== entries.length || Number(rows[0]!.moved) !== 1) {
    throw new Error(
      `the audit chain of organisation ${organizationId} took ${rows[0]?.appended ?? 0} of ${entries.length} events`,
    );
  }
}
