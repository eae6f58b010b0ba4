import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { UnderwritingAuthority } from '../../domain/quotes/authority';

/** A tenant: the carrier itself, a broker firm, or an applicant company. */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['carrier', 'broker', 'applicant'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type AuthorityRecord = UnderwritingAuthority;

/**
 * An API key with one role in one organisation. Only the SHA-256 of the secret is stored: a fast hash, since every
 * request verifies one, and sufficient for a 256-bit random secret that cannot be guessed.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role', { enum: ['admin', 'underwriter', 'broker', 'applicant'] }).notNull(),
    secretHash: text('secret_hash').notNull(),
    authority: jsonb('authority').$type<AuthorityRecord>(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdByKeyId: uuid('created_by_key_id'),
  },
  (table) => [index('api_keys_organization').on(table.organizationId)],
);
