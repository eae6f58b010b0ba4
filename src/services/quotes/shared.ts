import type { Transaction } from '../../db/client';
import { findQuote, type QuoteRow, updateOptionPremiums, updateQuote } from '../../db/queries/quotes';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import type { Money } from '../../domain/posture/money';
import {
  currentStatus,
  type QuoteEvent,
  type QuoteStatus,
  type StoredQuoteStatus,
  type StoredRatingInput,
} from '../../domain/quotes';
import type { Reason } from '../../domain/rating-result';
import { appendAuditEvent } from '../audit/append';
import { requireCurrentTag } from '../concurrency';
import { type Actor, type ServiceContext, scopeOf } from '../context';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { presentQuote, type QuoteView } from './present';

/** The pinned model of a stored quote; versions are immutable, so it is always the one that priced it. */
export async function pinnedModel(
  ctx: ServiceContext,
  row: QuoteRow,
  tx: Parameters<ServiceContext['models']['get']>[2],
): Promise<CompiledRatingModel> {
  const model = await ctx.models.get(row.modelId, row.modelVersion, tx);
  if (!model || model.hash !== row.modelHash) {
    throw new Error(`quote ${row.id}: pinned model ${row.modelId}@${row.modelVersion} is missing or changed`);
  }
  return model;
}

export const storedInputOf = (row: QuoteRow) => JSON.parse(row.ratingInput) as StoredRatingInput;

/** 403 `authority_exceeded` naming each shortfall. */
export function requireAuthority(shortfalls: readonly Reason[]): void {
  if (shortfalls.length > 0) {
    throw new ForbiddenError(
      `Beyond this underwriter’s authority: ${shortfalls.map((shortfall) => shortfall.title).join('; ')}.`,
      'authority_exceeded',
    );
  }
}

export const eventActor = (actor: Actor) => ({ keyId: actor.keyId, role: actor.role });

/** What an audit event records of a quote: where it stands and what it costs, and the hash of its input. */
export const auditedQuote = (row: Pick<QuoteRow, 'status' | 'tier' | 'decision' | 'ratingInputHash' | 'result'>) =>
  auditedQuoteState({ ...row, premiums: row.result.premiums.map((premium) => premium.premium) });

export const auditedQuoteState = (
  state: Pick<QuoteRow, 'status' | 'tier' | 'decision' | 'ratingInputHash'> & { premiums: Money[] },
) => ({
  status: state.status,
  tier: state.tier,
  decision: state.decision,
  ratingInputHash: state.ratingInputHash,
  premiums: state.premiums,
});

export interface QuoteChange {
  to: StoredQuoteStatus;
  event: Pick<QuoteEvent, 'action'> & Partial<Pick<QuoteEvent, 'reason' | 'optionIndex' | 'subjectivity'>>;
  values?: Partial<
    Pick<
      QuoteRow,
      | 'result'
      | 'schedule'
      | 'subjectivities'
      | 'requestedOptionIndex'
      | 'boundOptionIndex'
      | 'boundPremiumAmount'
      | 'boundAt'
    >
  >;
  /** New premiums per option, when the change re-priced the quote. */
  premiums?: number[];
}

/** 409 naming the current state when an action does not leave from it. */
export function requireState(status: QuoteStatus, allowed: readonly QuoteStatus[], action: string): void {
  if (!allowed.includes(status)) {
    throw new ConflictError(
      `A quote that is ${status} cannot be ${action}; that needs a quote that is ${allowed.join(' or ')}.`,
      status,
    );
  }
}

/**
 * Every change to a quote goes through here, in one transaction: the row is locked, If-Match checked against its
 * revision (428 without, 412 when stale), the decision made on the locked row, the change, its history entry and its
 * audit event written together. Racing changes serialise on the lock, and all but the first meet a stale tag.
 */
export async function changeQuote(
  ctx: ServiceContext,
  id: string,
  ifMatch: string | undefined,
  decide: (row: QuoteRow, status: QuoteStatus, tx: Transaction) => Promise<QuoteChange> | QuoteChange,
): Promise<QuoteView> {
  return ctx.db.transaction(async (tx) => {
    const row = await findQuote(tx, scopeOf(ctx.actor), id, true);
    if (!row) throw new NotFoundError('quote');
    requireCurrentTag(ifMatch, row, 'quote');
    const change = await decide(row, currentStatus(row.status, row.expiresOn, ctx.today), tx);
    const now = new Date();
    const event: QuoteEvent = {
      ...change.event,
      from: row.status,
      to: change.to,
      at: now.toISOString(),
      actor: eventActor(ctx.actor),
    };
    const updated = await updateQuote(tx, id, {
      ...change.values,
      status: change.to,
      history: [...row.history, event],
      revision: row.revision + 1,
    });
    if (change.premiums) await updateOptionPremiums(tx, id, change.premiums);
    await appendAuditEvent(
      tx,
      ctx.actor,
      {
        organizationId: row.ownerOrganizationId,
        action: `quote.${change.event.action}`,
        entityType: 'quote',
        entityId: id,
        before: auditedQuote(row),
        after: { ...auditedQuote(updated), event },
      },
      now,
    );
    return presentQuote(updated, ctx.today, ctx.actor);
  });
}
