import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The registry of rating models. Versions are immutable: a row is never updated, and the canonical text is the
 * exact document whose sha256 is `hash`, so a quote's pinned model can be recompiled years later.
 */
export const ratingModels = pgTable(
  'rating_models',
  {
    id: text('id').notNull(),
    version: text('version').notNull(),
    hash: text('hash').notNull(),
    title: text('title').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    currency: text('currency').notNull(),
    canonical: text('canonical').notNull(),
    source: text('source', { enum: ['seed', 'api'] }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    publishedByKeyId: uuid('published_by_key_id'),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);
