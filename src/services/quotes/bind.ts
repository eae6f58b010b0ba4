import { authorityShortfalls, outstandingBeforeBind, startPostBindClocks, TRANSITIONS } from '../../domain/quotes';
import { requireRole, type ServiceContext } from '../context';
import { ConflictError, InvalidError } from '../errors';
import { changeQuote, requireAuthority, requireState, storedInputOf } from './shared';

/**
 * Binds one option of a quote on offer (docs/workflow.md): not expired, within the binding underwriter's
 * authority for that option, and every pre-bind subjectivity satisfied or waived; post-bind subjectivities start
 * their clocks. Racing binds serialise on the quote's lock and all but the first meet a stale ETag.
 */
export async function bindQuote(
  ctx: ServiceContext,
  id: string,
  ifMatch: string | undefined,
  input: { optionIndex: number },
) {
  requireRole(ctx.actor, 'underwriter');
  return changeQuote(ctx, id, ifMatch, (row, status) => {
    requireState(status, TRANSITIONS.bind.from, 'bound');
    const premium = row.result.premiums[input.optionIndex];
    if (!premium) {
      throw new InvalidError('No such option.', [
        { path: 'optionIndex', message: `the quote has options 0 to ${row.result.premiums.length - 1}` },
      ]);
    }
    if (status === 'bind_requested' && row.requestedOptionIndex !== input.optionIndex) {
      throw new InvalidError('The broker asked to bind another option.', [
        {
          path: 'optionIndex',
          message: `the broker requested option ${row.requestedOptionIndex}; bind that, or decline and requote`,
        },
      ]);
    }
    requireAuthority(
      authorityShortfalls(ctx.actor.authority, {
        sector: storedInputOf(row).profile.sector,
        options: [{ limit: premium.option.limit, premium: premium.premium }],
      }),
    );
    const outstanding = outstandingBeforeBind(row.subjectivities);
    if (outstanding.length > 0) {
      throw new ConflictError(
        `Pre-bind subjectivities are still open: ${outstanding.map((subjectivity) => subjectivity.code).join(', ')}. Satisfy or waive each first.`,
        status,
      );
    }
    return {
      to: TRANSITIONS.bind.to,
      event: { action: 'bound', optionIndex: input.optionIndex },
      values: {
        boundOptionIndex: input.optionIndex,
        boundPremiumAmount: premium.premium.amount,
        boundAt: new Date(),
        subjectivities: startPostBindClocks(row.subjectivities, ctx.today),
      },
    };
  });
}
