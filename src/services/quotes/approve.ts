import type { QuoteRow } from '../../db/queries/quotes';
import { formatPath } from '../../domain/paths';
import {
  applySchedule,
  authorityShortfalls,
  ratingInputOf,
  type ScheduleItemChoice,
  scheduleStep,
  TRANSITIONS,
  type UnderwriterSchedule,
} from '../../domain/quotes';
import { requireRole, type ServiceContext } from '../context';
import { ConflictError, ForbiddenError, InvalidError } from '../errors';
import { rateOrRefuse } from '../rating/rate-checked';
import { changeQuote, pinnedModel, requireAuthority, requireState, storedInputOf } from './shared';

export interface ApproveInput {
  reason: string;
  scheduleAdjustment?: { items: ScheduleItemChoice[] } | undefined;
}

/** A decline can be overridden only when the rules made it and every reason is one an underwriter may override. */
function checkOverridableDecline(ctx: ServiceContext, row: QuoteRow): void {
  const declined = row.history.findLast((event) => event.to === 'declined');
  if (declined?.action !== 'created') {
    throw new ConflictError(
      'An underwriter declined this quote; that is final. Create a new quote instead.',
      'declined',
    );
  }
  const fixed = row.result.declineReasons.filter((reason) => !reason.overridable);
  if (fixed.length > 0) {
    throw new ConflictError(
      `The decline rests on ${fixed.map((reason) => reason.code).join(', ')}, which no underwriter may override.`,
      'declined',
    );
  }
  if (!ctx.actor.authority?.canOverrideDecline) {
    throw new ForbiddenError('Overriding a decline needs authority with canOverrideDecline.', 'authority_exceeded');
  }
}

/**
 * Approves a referred quote, or overrides an overridable decline, putting it on offer (docs/workflow.md). The
 * underwriter may apply a schedule rating within the model's caps: the quote is re-priced from its stored input
 * with the schedule as its own waterfall step, and the approving reason is that step's title. The approver's
 * authority must cover every option as finally priced.
 */
export async function approveQuote(ctx: ServiceContext, id: string, ifMatch: string | undefined, input: ApproveInput) {
  requireRole(ctx.actor, 'underwriter');
  return changeQuote(ctx, id, ifMatch, async (row, status, tx) => {
    requireState(status, TRANSITIONS.approve.from, 'approved');
    if (status === 'declined') checkOverridableDecline(ctx, row);
    const fixed = row.referralReasons.filter((reason) => !reason.overridable);
    if (fixed.length > 0) {
      throw new ConflictError(
        `The referral rests on ${fixed.map((reason) => reason.code).join(', ')}, which no underwriter may override.`,
        status,
      );
    }
    if (ctx.today > row.expiresOn) {
      throw new ConflictError(
        `The rating of ${row.ratingDate} is past its validity (${row.expiresOn}); create a new quote to rate it afresh.`,
        status,
      );
    }
    const stored = storedInputOf(row);
    let result = row.result;
    let schedule: UnderwriterSchedule | null = null;
    const items = input.scheduleAdjustment?.items ?? [];
    if (items.length > 0) {
      const model = await pinnedModel(ctx, row, tx);
      const applied = applySchedule(model.document.pricing.schedule, items, input.reason);
      if (!applied.schedule) {
        throw new InvalidError(
          'The schedule adjustment is outside the rating model’s plan; see errors.',
          applied.problems.map((problem) => ({ path: formatPath(problem.path), message: problem.message })),
        );
      }
      schedule = applied.schedule;
      result = rateOrRefuse(model, ratingInputOf(stored), { scheduleAdjustment: scheduleStep(schedule) });
    }
    requireAuthority(
      authorityShortfalls(ctx.actor.authority, {
        sector: stored.profile.sector,
        options: result.premiums.map((premium) => ({ limit: premium.option.limit, premium: premium.premium })),
      }),
    );
    return {
      to: TRANSITIONS.approve.to,
      event: { action: 'approved', reason: input.reason },
      values: schedule ? { result, schedule } : {},
      ...(schedule ? { premiums: result.premiums.map((premium) => premium.premium.amount) } : {}),
    };
  });
}
