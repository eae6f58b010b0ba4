import { TRANSITIONS } from '../../domain/quotes';
import { requireRole, type UnderwritingContext } from '../context';
import { InvalidError } from '../errors';
import { changeQuote, requireState } from './change';

/** A broker (or underwriter) asks for one option to be bound; an underwriter then binds it. */
export async function requestBind(
  ctx: UnderwritingContext,
  id: string,
  ifMatch: string | undefined,
  input: { optionIndex: number },
) {
  requireRole(ctx.actor, 'underwriter', 'broker');
  return changeQuote(ctx, id, ifMatch, (row, status) => {
    requireState(status, TRANSITIONS.request_bind.from, 'requested to bind');
    if (!row.result.premiums[input.optionIndex]) {
      throw new InvalidError('No such option.', [
        { path: 'optionIndex', message: `the quote has options 0 to ${row.result.premiums.length - 1}` },
      ]);
    }
    return {
      to: TRANSITIONS.request_bind.to,
      event: { action: 'bind_requested', optionIndex: input.optionIndex },
      values: { requestedOptionIndex: input.optionIndex },
    };
  });
}

/** An underwriter declines, with a reason; an underwriter's decline is final (a new quote starts afresh). */
export async function declineQuote(
  ctx: UnderwritingContext,
  id: string,
  ifMatch: string | undefined,
  input: { reason: string },
) {
  requireRole(ctx.actor, 'underwriter');
  return changeQuote(ctx, id, ifMatch, (_row, status) => {
    requireState(status, TRANSITIONS.decline.from, 'declined');
    return { to: TRANSITIONS.decline.to, event: { action: 'declined', reason: input.reason } };
  });
}

/** The client did not take the offer up. */
export async function markNotTakenUp(
  ctx: UnderwritingContext,
  id: string,
  ifMatch: string | undefined,
  input: { reason?: string | undefined },
) {
  requireRole(ctx.actor, 'underwriter', 'broker');
  return changeQuote(ctx, id, ifMatch, (_row, status) => {
    requireState(status, TRANSITIONS.not_taken_up.from, 'marked not taken up');
    return {
      to: TRANSITIONS.not_taken_up.to,
      event: { action: 'not_taken_up', ...(input.reason ? { reason: input.reason } : {}) },
    };
  });
}
