import type { QuoteOptionRow, QuoteRow, QuoteSummaryRow } from '../../db/queries/quotes';
import { currentStatus, type QuoteSubjectivity, type StoredRatingInput } from '../../domain/quotes';
import type { QuoteEvent } from '../../domain/quotes/events';
import type { RatingResult } from '../../domain/rating-result';
import { type Actor, KIND_OF_ROLE, type Role } from '../context';
import { asJsonText, type JsonText } from '../json-text';

/** Quotes are read by the carrier's staff, the broker of the applicant, and the applicant itself. */
export const QUOTE_READERS = ['underwriter', 'broker', 'applicant'] as const;

const money = (amount: number, currency: string) => ({ amount, currency });

function optionSummary(option: QuoteOptionRow) {
  return {
    optionIndex: option.optionIndex,
    limit: money(option.limitAmount, option.currency),
    retention: money(option.retentionAmount, option.currency),
    attachment: money(option.attachmentAmount, option.currency),
    premium: money(option.premiumAmount, option.currency),
  };
}

/** What a quote is and where it stands, as both the whole quote and its summary show it. */
const header = (row: QuoteSummaryRow, today: string) => ({
  id: row.id,
  applicantId: row.applicantId,
  assessmentId: row.assessmentId,
  ownerOrganizationId: row.ownerOrganizationId,
  status: currentStatus(row.status, row.expiresOn, today),
  effectiveDate: row.effectiveDate,
  ratingDate: row.ratingDate,
  expiresOn: row.expiresOn,
});

/** A quote in a list: what it is, where it stands and what it costs, without the rating's detail. */
export function presentQuoteSummary(row: QuoteSummaryRow, options: readonly QuoteOptionRow[], today: string) {
  return {
    ...header(row, today),
    model: { id: row.modelId, version: row.modelVersion, hash: row.modelHash },
    tier: row.tier,
    decision: row.decision,
    options: options.map(optionSummary),
    boundOptionIndex: row.boundOptionIndex,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

interface ActingKey {
  keyId: string | null;
  role: string;
}

/**
 * An actor as the reader may see it: the carrier sees every key; a broker or applicant sees the keys of its own kind
 * of organisation (its own, as tenancy allows no other) and anyone else by role alone. Which of the carrier's keys
 * approved or resolved something is the carrier's business.
 */
function asSeenBy(actor: ActingKey, reader: Actor): ActingKey {
  if (reader.organizationKind === 'carrier' || actor.keyId === null) return actor;
  return KIND_OF_ROLE[actor.role as Role] === reader.organizationKind ? actor : { keyId: null, role: actor.role };
}

const subjectivitiesSeenBy = (subjectivities: QuoteSubjectivity[], reader: Actor) =>
  reader.organizationKind === 'carrier'
    ? subjectivities
    : subjectivities.map((subjectivity) =>
        subjectivity.resolution === null
          ? subjectivity
          : {
              ...subjectivity,
              resolution: { ...subjectivity.resolution, by: asSeenBy(subjectivity.resolution.by, reader) },
            },
      );

const historySeenBy = (history: QuoteEvent[], reader: Actor) =>
  reader.organizationKind === 'carrier'
    ? history
    : history.map((event) => ({ ...event, actor: asSeenBy(event.actor, reader) }));

/** What the quote itself says beside its rating: its own reasons and subjectivities, its decisions and history. */
const quoteState = (row: QuoteRow, reader: Actor) => ({
  referralReasons: row.referralReasons,
  subjectivities: subjectivitiesSeenBy(row.subjectivities, reader),
  schedule: row.schedule ?? null,
  requestedOptionIndex: row.requestedOptionIndex,
  bound:
    row.boundOptionIndex === null
      ? null
      : {
          optionIndex: row.boundOptionIndex,
          premium: money(row.boundPremiumAmount!, row.currency),
          boundAt: row.boundAt!.toISOString(),
        },
  supersededBy: row.supersededBy,
  createdBy: asSeenBy({ keyId: row.createdByKeyId, role: row.createdByRole }, reader),
  history: historySeenBy(row.history, reader),
  revision: row.revision,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  ratingInputHash: row.ratingInputHash,
});

/**
 * The whole quote: the rating as priced (at top level, as a score response), with the quote's own referral
 * reasons and tracked subjectivities in place of the rating's, where it stands, and the exact input it was rated
 * from.
 */
export function presentQuote(row: QuoteRow, today: string, reader: Actor) {
  return {
    ...header(row, today),
    ...row.result,
    ...quoteState(row, reader),
    ratingInput: JSON.parse(row.ratingInput) as StoredRatingInput,
  };
}

export type QuoteView = ReturnType<typeof presentQuote>;

/**
 * A new quote's rating result, serialised once for its row and for its answer: serialising the 40 KB result twice
 * was, after garbage collection, the largest cost of creating a quote in this process. The answer carries the
 * quote's own referral reasons and subjectivities instead of the rating's, so `members` is the rest of the result
 * as the members of a JSON object (the text between its braces), and `stored` the whole result.
 */
export interface SerialisedResult {
  members: string;
  stored: string;
}

const membersOf = (value: object) => JSON.stringify(value).slice(1, -1);
const objectOf = (...members: string[]) => `{${members.filter((text) => text.length > 0).join(',')}}`;

export function serialiseResult(result: RatingResult): SerialisedResult {
  const { referralReasons, subjectivities, ...rest } = result;
  const members = membersOf(rest);
  return { members, stored: objectOf(members, membersOf({ referralReasons, subjectivities })) };
}

/**
 * The text of `presentQuote` for a quote whose result was just serialised: the same members, with the result and
 * the stored rating input spliced in as they are.
 */
export function presentQuoteText(
  row: QuoteRow,
  today: string,
  result: SerialisedResult,
  reader: Actor,
): JsonText<QuoteView> {
  return asJsonText(
    objectOf(
      membersOf(header(row, today)),
      result.members,
      membersOf(quoteState(row, reader)),
      `"ratingInput":${row.ratingInput}`,
    ),
  );
}
