import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Head of one organisation's audit chain: its last event's sequence number and hash, so that verification notices
 * events missing from the end. Writers of one chain serialise on a transaction-scoped advisory lock taken before
 * they read the head (services/audit/append.ts), so the chain never forks.
 */
export const auditChains = pgTable('audit_chains', {
  organizationId: uuid('organization_id').primaryKey(),
  headSeq: bigint('head_seq', { mode: 'number' }).notNull().default(0),
  headHash: text('head_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Append-only, tamper-evident record of every state change and decision. `canonical` keeps the exact text that
 * was hashed, because jsonb reorders keys and timestamps lose precision; a trigger refuses UPDATE, DELETE and
 * TRUNCATE (see the migration).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    canonical: text('canonical').notNull(),
    actorKeyId: uuid('actor_key_id'),
    actorRole: text('actor_role'),
    actorOrganizationId: uuid('actor_organization_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (table) => [
    uniqueIndex('audit_events_chain_seq').on(table.organizationId, table.seq),
    index('audit_events_entity').on(table.entityType, table.entityId),
  ],
);
