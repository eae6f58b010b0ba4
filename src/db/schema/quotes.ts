import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, json, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  OPEN_STATUSES,
  type QuoteEvent,
  type QuoteSubjectivity,
  type StoredQuoteStatus,
  type UnderwriterSchedule,
} from '../../domain/quotes';
import type { Decision, RatingResult, Reason, Tier } from '../../domain/rating-result';
import { applicants } from './applicants';
import { assessments } from './assessments';
import { organizations } from './organizations';

/**
 * The open statuses as SQL literals. The partial index of open quotes serves only a query whose condition names
 * them as literals: with parameters in their place (a prepared statement), PostgreSQL cannot prove the index's
 * condition holds, and scans every quote of the owner instead.
 */
export const OPEN_STATUS_LIST = sql.raw(`(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`);

/**
 * A quote: priced from one assessment with one model version and one KEV catalog version. `rating_input` is the
 * exact canonical JSON the engine rated (profile snapshot, posture, options, rating date, the catalog entries of the
 * declared CVEs), so a replay years later re-rates byte for byte the same input with the pinned model.
 * `status` is the stored state; expiry is computed on read from `expires_on`.
 */
export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => applicants.id),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    status: text('status').$type<StoredQuoteStatus>().notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    ratingDate: date('rating_date', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    modelId: text('model_id').notNull(),
    modelVersion: text('model_version').notNull(),
    modelHash: text('model_hash').notNull(),
    kevCatalogVersion: text('kev_catalog_version'),
    currency: text('currency').notNull(),
    tier: text('tier').$type<Tier>().notNull(),
    decision: text('decision').$type<Decision>().notNull(),
    ratingInput: text('rating_input').notNull(),
    ratingInputHash: text('rating_input_hash').notNull(),
    /** The engine's result as currently priced: re-priced once if an underwriter approves with a schedule. */
    result: json('result').$type<RatingResult>().notNull(),
    /** The rating's referral reasons plus those of underwriting authority. */
    referralReasons: json('referral_reasons').$type<Reason[]>().notNull(),
    schedule: json('schedule').$type<UnderwriterSchedule>(),
    subjectivities: json('subjectivities').$type<QuoteSubjectivity[]>().notNull(),
    history: json('history').$type<QuoteEvent[]>().notNull(),
    requestedOptionIndex: integer('requested_option_index'),
    boundOptionIndex: integer('bound_option_index'),
    boundPremiumAmount: bigint('bound_premium_amount', { mode: 'number' }),
    boundAt: timestamp('bound_at', { withTimezone: true, precision: 3 }),
    supersededBy: uuid('superseded_by'),
    createdByKeyId: uuid('created_by_key_id'),
    createdByRole: text('created_by_role').notNull(),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('quotes_created').on(table.createdAt, table.id),
    index('quotes_owner_created').on(table.ownerOrganizationId, table.createdAt),
    index('quotes_applicant').on(table.applicantId, table.createdAt),
    index('quotes_open_by_assessment').on(table.assessmentId).where(sql`${table.status} in ${OPEN_STATUS_LIST}`),
  ],
);

/** Each priced option of a quote, its money in integer minor units. */
export const quoteOptions = pgTable(
  'quote_options',
  {
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id),
    optionIndex: integer('option_index').notNull(),
    ownerOrganizationId: uuid('owner_organization_id').notNull(),
    currency: text('currency').notNull(),
    limitAmount: bigint('limit_amount', { mode: 'number' }).notNull(),
    retentionAmount: bigint('retention_amount', { mode: 'number' }).notNull(),
    attachmentAmount: bigint('attachment_amount', { mode: 'number' }).notNull(),
    premiumAmount: bigint('premium_amount', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.quoteId, table.optionIndex] })],
);
