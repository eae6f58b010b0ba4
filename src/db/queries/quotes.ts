import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Money } from '../../domain/posture/money';
import { EXPIRING_STATUSES, type QuoteStatus } from '../../domain/quotes';
import type { Tier } from '../../domain/rating-result';
import type { Executor } from '../client';
import { insertRows } from '../insert-rows';
import { OPEN_STATUS_LIST, quoteOptions, quotes } from '../schema';
import type { TenantScope } from '../scope';

export type QuoteRow = typeof quotes.$inferSelect;
export type QuoteOptionRow = typeof quoteOptions.$inferSelect;

const visible = (scope: TenantScope): SQL | undefined =>
  scope.kind === 'all' ? undefined : eq(quotes.ownerOrganizationId, scope.organizationId);

/** A new quote's row as it will be stored: its own fields, and those a new quote starts without. */
export const newQuoteRow = (
  fields: Omit<typeof quotes.$inferInsert, 'revision'> & Pick<QuoteRow, 'createdAt' | 'updatedAt'>,
): QuoteRow => ({
  schedule: null,
  requestedOptionIndex: null,
  boundOptionIndex: null,
  boundPremiumAmount: null,
  boundAt: null,
  supersededBy: null,
  kevCatalogVersion: null,
  createdByKeyId: null,
  ...fields,
  revision: 1,
});

/**
 * Inserts a quote and its options, both statements sent together (pipelined on the transaction's connection).
 * `storedResult` is the row's result as JSON text, serialised by the caller, which answers with the same text.
 * Nothing is read back: the row is what was written (a json column keeps the text it was given).
 */
export async function insertQuote(
  db: Executor,
  row: QuoteRow,
  storedResult: string,
  options: readonly (typeof quoteOptions.$inferInsert)[],
): Promise<void> {
  await Promise.all([
    insertRows(db, quotes, [{ ...row, result: sql`${storedResult}` }]),
    insertRows(db, quoteOptions, options),
  ]);
}

export async function findQuote(db: Executor, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(quotes)
    .where(and(eq(quotes.id, id), visible(scope)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export function optionsOfQuotes(db: Executor, quoteIds: readonly string[]): Promise<QuoteOptionRow[]> {
  if (quoteIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(quoteOptions)
    .where(inArray(quoteOptions.quoteId, [...quoteIds]))
    .orderBy(asc(quoteOptions.quoteId), asc(quoteOptions.optionIndex));
}

/**
 * The open quotes of an assessment, locked, with what superseding one needs: its state and, for the audit trail,
 * its premiums, read from its options (which follow every re-pricing) rather than from its rating result, some
 * 45 KB that PostgreSQL would have to parse for each new quote.
 */
export function openQuotesOfAssessment(db: Executor, scope: TenantScope, assessmentId: string) {
  return db
    .select({
      id: quotes.id,
      ownerOrganizationId: quotes.ownerOrganizationId,
      status: quotes.status,
      expiresOn: quotes.expiresOn,
      history: quotes.history,
      revision: quotes.revision,
      tier: quotes.tier,
      decision: quotes.decision,
      ratingInputHash: quotes.ratingInputHash,
      premiums: sql<
        Money[]
      >`(select coalesce(json_agg(json_build_object('amount', ${quoteOptions.premiumAmount}, 'currency', ${quoteOptions.currency}) order by ${quoteOptions.optionIndex}), '[]') from ${quoteOptions} where ${quoteOptions.quoteId} = ${quotes.id})`,
    })
    .from(quotes)
    .where(and(eq(quotes.assessmentId, assessmentId), sql`${quotes.status} in ${OPEN_STATUS_LIST}`, visible(scope)))
    .for('update', { of: quotes });
}

/** Sets a quote's fields without reading the row back. */
export async function setQuoteFields(
  db: Executor,
  id: string,
  values: Partial<Omit<QuoteRow, 'id'>> & { revision: number },
): Promise<void> {
  await db
    .update(quotes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(quotes.id, id));
}

export async function updateQuote(
  db: Executor,
  id: string,
  values: Partial<Omit<QuoteRow, 'id'>> & { revision: number },
): Promise<QuoteRow> {
  const [row] = await db
    .update(quotes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(quotes.id, id))
    .returning();
  return row!;
}

export async function updateOptionPremiums(db: Executor, quoteId: string, premiums: readonly number[]): Promise<void> {
  for (const [optionIndex, premiumAmount] of premiums.entries()) {
    await db
      .update(quoteOptions)
      .set({ premiumAmount })
      .where(and(eq(quoteOptions.quoteId, quoteId), eq(quoteOptions.optionIndex, optionIndex)));
  }
}

export interface QuoteFilter {
  status?: QuoteStatus | undefined;
  applicantId?: string | undefined;
  assessmentId?: string | undefined;
  tier?: Tier | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  effectiveFrom?: string | undefined;
  effectiveTo?: string | undefined;
  /** The server's date, which decides what reads as expired. */
  today: string;
  limit: number;
  after?: { at: Date; id: string } | undefined;
}

const expiring = inArray(quotes.status, [...EXPIRING_STATUSES]);

/** Status as read: quoted and bind-requested quotes past their validity are expired, whatever is stored. */
function statusIs(status: QuoteStatus, today: string): SQL | undefined {
  if (status === 'expired') return and(expiring, lt(quotes.expiresOn, today));
  if ((EXPIRING_STATUSES as readonly string[]).includes(status)) {
    return and(eq(quotes.status, status), gte(quotes.expiresOn, today));
  }
  return eq(quotes.status, status);
}

/** A page of quotes newest first, without the heavy rating columns. */
export function listQuotes(db: Executor, scope: TenantScope, filter: QuoteFilter) {
  const conditions: (SQL | undefined)[] = [visible(scope)];
  if (filter.status) conditions.push(statusIs(filter.status, filter.today));
  if (filter.applicantId) conditions.push(eq(quotes.applicantId, filter.applicantId));
  if (filter.assessmentId) conditions.push(eq(quotes.assessmentId, filter.assessmentId));
  if (filter.tier) conditions.push(eq(quotes.tier, filter.tier));
  if (filter.createdFrom) conditions.push(gte(quotes.ratingDate, filter.createdFrom));
  if (filter.createdTo) conditions.push(lte(quotes.ratingDate, filter.createdTo));
  if (filter.effectiveFrom) conditions.push(gte(quotes.effectiveDate, filter.effectiveFrom));
  if (filter.effectiveTo) conditions.push(lte(quotes.effectiveDate, filter.effectiveTo));
  if (filter.after) {
    const { at, id } = filter.after;
    conditions.push(or(lt(quotes.createdAt, at), and(eq(quotes.createdAt, at), lt(quotes.id, id))));
  }
  return db
    .select({
      id: quotes.id,
      ownerOrganizationId: quotes.ownerOrganizationId,
      applicantId: quotes.applicantId,
      assessmentId: quotes.assessmentId,
      status: quotes.status,
      effectiveDate: quotes.effectiveDate,
      ratingDate: quotes.ratingDate,
      expiresOn: quotes.expiresOn,
      modelId: quotes.modelId,
      modelVersion: quotes.modelVersion,
      modelHash: quotes.modelHash,
      currency: quotes.currency,
      tier: quotes.tier,
      decision: quotes.decision,
      boundOptionIndex: quotes.boundOptionIndex,
      revision: quotes.revision,
      createdAt: quotes.createdAt,
      updatedAt: quotes.updatedAt,
    })
    .from(quotes)
    .where(and(...conditions))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(filter.limit + 1);
}

export type QuoteSummaryRow = Awaited<ReturnType<typeof listQuotes>>[number];
