import { index, json, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Posture } from '../../domain/posture';
import type { RatingResult } from '../../domain/rating-result';
import { applicants } from './applicants';
import { organizations } from './organizations';

/**
 * One posture questionnaire answered for an applicant at a point in time. Never updated: a changed answer is a new
 * assessment, so the history of what the applicant said stays intact. The rating it got on the day is kept beside
 * it, with the model that produced it.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => applicants.id),
    /** The applicant's owner, copied so tenancy checks and a later distribution by organisation need no join. */
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    posture: json('posture').$type<Posture>().notNull(),
    rating: json('rating').$type<RatingResult>().notNull(),
    modelId: text('model_id').notNull(),
    modelVersion: text('model_version').notNull(),
    modelHash: text('model_hash').notNull(),
    createdByKeyId: uuid('created_by_key_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('assessments_applicant_created').on(table.applicantId, table.createdAt, table.id),
    index('assessments_owner').on(table.ownerOrganizationId),
  ],
);
