import { TRANSITIONS } from '../../domain/quotes';
import { requireRole, type ServiceContext } from '../context';
import { InvalidError } from '../errors';
import { changeQuote, requireState } from './shared';

/** A broker (or underwriter) asks for one option to be bound; an underwriter then binds it. */
export async function requestBind(
  ctx: ServiceContext,
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
