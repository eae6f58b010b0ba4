import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rowsOf } from '../rows';
import { auditChains, auditEvents } from '../schema';

/** The hash a chain starts from: the predecessor of every organisation's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type AuditChainRow = typeof auditChains.$inferSelect;

/** Who acted, as the chain records it. */
export interface ChainActor {
  keyId: string | null;
  role: string;
  organizationId: string;
}

export interface ChainedEntry {
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

/**
 * Appends events to one organisation's chain in the caller's transaction (services/audit/append.ts builds their
 * canonical prefixes and says why the chain is built this way).
 */
export async function appendToChain(
  tx: Executor,
  organizationId: string,
  actor: ChainActor,
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
  // A chain without a head row starts at the genesis hash, and its head row is created with its first events. A
  // chain whose head was deleted around its trigger goes on from its last event, so its organisation can still
  // write (verification reports the missing head until this append restores it).
  const appended = tx.execute(sql`
    with recursive
      entries as (
        select * from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as entry(
          n int, id uuid, prefix text, action text, entity_type text, entity_id text, before jsonb, after jsonb)
      ),
      stored_head as (
        select head_seq, head_hash from audit_chains where organization_id = ${organizationId}::uuid
      ),
      last_event as (
        select seq as head_seq, hash as head_hash from audit_events
        where organization_id = ${organizationId}::uuid and not exists (select from stored_head)
        order by seq desc limit 1
      ),
      head as (
        select head_seq, head_hash from stored_head
        union all
        select head_seq, head_hash from last_event
        union all
        select 0, ${GENESIS_HASH}::text
        where not exists (select from stored_head) and not exists (select from last_event)
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

/** Every organisation's chain head. */
export function auditChainHeads(db: Executor): Promise<AuditChainRow[]> {
  return db.select().from(auditChains);
}

/** A position on the chains, in chain order (organisation, then sequence). */
export type ChainPosition = { organizationId: string; seq: number; hash: string };

/** The events after `after` in chain order (organisation, then sequence), at most `limit` of them. */
export function auditEventsAfter(db: Executor, after: ChainPosition | null, limit: number): Promise<AuditEventRow[]> {
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
    .limit(limit);
}

/** The id of the last event of an organisation's chain, if it has any. */
export async function lastAuditEventId(db: Executor, organizationId: string): Promise<string | undefined> {
  const [tail] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return tail?.id;
}

/** Newest first, optionally of one entity type or entity, after a cursor position; `limit` rows at most. */
export function listAuditEventRows(
  db: Executor,
  filter: {
    entityType?: string | undefined;
    entityId?: string | undefined;
    after?: { at: Date; id: string } | undefined;
  },
  limit: number,
): Promise<AuditEventRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.after) {
    const { at: occurredAt, id } = filter.after;
    conditions.push(
      or(lt(auditEvents.occurredAt, occurredAt), and(eq(auditEvents.occurredAt, occurredAt), lt(auditEvents.id, id))),
    );
  }
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
}
