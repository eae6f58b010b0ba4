import { TRANSITIONS } from '../../domain/quotes';
import { requireRole, type ServiceContext } from '../context';
import { changeQuote, requireState } from './shared';

/** The client did not take the offer up. */
export async function markNotTakenUp(
  ctx: ServiceContext,
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
