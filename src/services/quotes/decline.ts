import { TRANSITIONS } from '../../domain/quotes';
import { requireRole, type ServiceContext } from '../context';
import { changeQuote, requireState } from './shared';

/** An underwriter declines, with a reason; an underwriter's decline is final (a new quote starts afresh). */
export async function declineQuote(
  ctx: ServiceContext,
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
