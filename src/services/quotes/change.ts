import type { Transaction } from '../../db/client';
import { findQuote, type QuoteRow, updateOptionPremiums, updateQuote } from '../../db/queries/quotes';
import { currentStatus, type QuoteEvent, type QuoteStatus, type StoredQuoteStatus } from '../../domain/quotes';
import { appendAuditEvent } from '../audit/append';
import { requireCurrentTag } from '../concurrency';
import { scopeOf, type UnderwritingContext } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { auditedQuote, eventActor } from './create';
import { presentQuote, type QuoteView } from './present';

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
  ctx: UnderwritingContext,
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
    return presentQuote(updated, ctx.today);
  });
}
