import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Profile } from '../../domain/posture';
import { organizations } from './organizations';

/**
 * The insured-to-be, owned by the organisation that registered it. An applicant organisation registers itself
 * (`is_self`), at most once: the partial unique index holds that even under concurrent requests.
 */
export const applicants = pgTable(
  'applicants',
  {
    id: uuid('id').primaryKey(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    isSelf: boolean('is_self').notNull().default(false),
    legalName: text('legal_name').notNull(),
    sector: text('sector').notNull(),
    profile: jsonb('profile').$type<Profile>().notNull(),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('applicants_owner_created').on(table.ownerOrganizationId, table.createdAt),
    index('applicants_created').on(table.createdAt, table.id),
    uniqueIndex('applicants_one_self').on(table.ownerOrganizationId).where(sql`${table.isSelf}`),
  ],
);
