import { createHash, randomUUID } from 'node:crypto';
import { findAssessmentToRate } from '../../db/queries/assessments';
import { insertQuote, newQuoteRow, openQuotesOfAssessment, setQuoteFields } from '../../db/queries/quotes';
import { addDays, daysBetween } from '../../domain/calendar';
import { canonicalJson } from '../../domain/canonical';
import type { Sector } from '../../domain/posture/enums';
import type { CoverageOption } from '../../domain/posture/options';
import {
  authorityShortfalls,
  currentStatus,
  type QuoteEvent,
  ratingInputOf,
  type StoredQuoteStatus,
  type StoredRatingInput,
  storedRatingInput,
  trackSubjectivities,
} from '../../domain/quotes';
import type { RatingResult } from '../../domain/rating-result';
import { type AuditEntry, appendAuditEvents } from '../audit/append';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import type { JsonText } from '../json-text';
import { rateOrRefuse } from '../rating/rate-checked';
import { presentQuoteText, type QuoteView, serialiseResult } from './present';
import { auditedQuote, auditedQuoteState, eventActor } from './shared';

export interface CreateQuoteInput {
  assessmentId: string;
  options: CoverageOption[];
  effectiveDate: string;
}

/** How far ahead a policy may incept: a quote for a later date would be rated on a stale posture. */
export const MAX_DAYS_TO_INCEPTION = 365;

function initialStatus(ctx: ServiceContext, result: RatingResult, sector: Sector) {
  if (result.decision === 'decline') return { status: 'declined' as const, referralReasons: result.referralReasons };
  // A broker's quote needs no authority of its own: it is on offer unless a rule refers it.
  const shortfalls =
    ctx.actor.role === 'underwriter'
      ? authorityShortfalls(ctx.actor.authority, {
          sector,
          options: result.premiums.map((premium) => ({ limit: premium.option.limit, premium: premium.premium })),
        })
      : [];
  const referralReasons = [...result.referralReasons, ...shortfalls];
  return { status: (referralReasons.length > 0 ? 'referred' : 'quoted') as StoredQuoteStatus, referralReasons };
}

function checkEffectiveDate(effectiveDate: string, today: string): void {
  const ahead = daysBetween(today, effectiveDate);
  if (ahead < 0 || ahead > MAX_DAYS_TO_INCEPTION) {
    throw new InvalidError('The effective date is out of range.', [
      {
        path: 'effectiveDate',
        message:
          ahead < 0
            ? `cannot be before today (${today}): a policy is not quoted to start in the past`
            : `cannot be more than ${MAX_DAYS_TO_INCEPTION} days after today (${today})`,
      },
    ]);
  }
}

/**
 * Quotes an assessment (docs/workflow.md): rated as of the server's date with the model in force on the
 * effective date and the loaded KEV catalog, from a rating input stored verbatim as canonical JSON; the engine
 * rates the parsed stored text itself, so a replay starts from exactly what priced the quote. Declined by a decline
 * rule, referred by a referral rule or beyond the creating underwriter's authority, quoted otherwise. Any open
 * quote of the same assessment is superseded.
 */
export async function createQuote(
  ctx: ServiceContext,
  input: CreateQuoteInput,
): Promise<{ id: string; revision: number; json: JsonText<QuoteView> }> {
  if (ctx.actor.role === 'applicant') {
    throw new ForbiddenError(
      'Applicant keys get indications, not quotes: POST /v1/score (or /v1/insurability) prices a posture without an offer.',
      'role',
    );
  }
  requireRole(ctx.actor, 'underwriter', 'broker');
  checkEffectiveDate(input.effectiveDate, ctx.today);
  const scope = scopeOf(ctx.actor);
  const { row, serialised } = await ctx.db.transaction(async (tx) => {
    // Sent together: the assessment's lock, which serialises quotes of one assessment so each supersedes the one
    // before it, is taken first, and its open quotes are read (and locked) under it.
    const [assessment, openQuotes] = await Promise.all([
      findAssessmentToRate(tx, scope, input.assessmentId, true),
      openQuotesOfAssessment(tx, scope, input.assessmentId),
    ]);
    if (!assessment) throw new NotFoundError('assessment');
    const model = await ctx.models.inForce(ctx.defaultModelId, input.effectiveDate, tx);
    if (!model) {
      throw new InvalidError(`No version of rating model ${ctx.defaultModelId} is in force on the effective date.`, [
        { path: 'effectiveDate', message: `no version of rating model ${ctx.defaultModelId} is in force on it` },
      ]);
    }
    const kevCatalog = await ctx.kev.snapshot(tx, assessment.posture.patching?.openCves);
    const canonicalInput = canonicalJson(
      storedRatingInput({
        profile: assessment.profile,
        posture: assessment.posture,
        options: input.options,
        asOf: ctx.today,
        kevCatalog,
      }),
    );
    const stored = JSON.parse(canonicalInput) as StoredRatingInput;
    const result = rateOrRefuse(model, ratingInputOf(stored));
    const { status, referralReasons } = initialStatus(ctx, result, stored.profile.sector);
    const serialised = serialiseResult(result);

    const id = randomUUID();
    const now = new Date();
    const row = newQuoteRow({
      id,
      ownerOrganizationId: assessment.ownerOrganizationId,
      applicantId: assessment.applicantId,
      assessmentId: assessment.id,
      status,
      effectiveDate: input.effectiveDate,
      ratingDate: ctx.today,
      expiresOn: addDays(ctx.today, model.quoteValidityDays),
      modelId: model.id,
      modelVersion: model.version,
      modelHash: model.hash,
      kevCatalogVersion: stored.kevCatalog?.version ?? null,
      currency: model.currency,
      tier: result.tier,
      decision: result.decision,
      ratingInput: canonicalInput,
      ratingInputHash: createHash('sha256').update(canonicalInput).digest('hex'),
      result,
      referralReasons,
      subjectivities: trackSubjectivities(result.subjectivities),
      history: [{ action: 'created', from: null, to: status, at: now.toISOString(), actor: eventActor(ctx.actor) }],
      createdByKeyId: ctx.actor.keyId,
      createdByRole: ctx.actor.role,
      createdAt: now,
      updatedAt: now,
    });
    const supersessions = openQuotes
      // A lapsed quote is no longer open: it stays expired rather than superseded.
      .filter((open) => currentStatus(open.status, open.expiresOn, ctx.today) !== 'expired')
      .map((open) => supersession(ctx, open, id, now));
    // Every write goes out at once, pipelined on the transaction's connection, the audit append last: from that
    // statement to the commit the broker's audit chain is locked, serialising its quotes.
    await Promise.all([
      ...supersessions.map(({ quoteId, fields }) => setQuoteFields(tx, quoteId, fields)),
      insertQuote(
        tx,
        row,
        serialised.stored,
        result.premiums.map((premium, optionIndex) => ({
          quoteId: id,
          optionIndex,
          ownerOrganizationId: assessment.ownerOrganizationId,
          currency: model.currency,
          limitAmount: premium.option.limit.amount,
          retentionAmount: premium.option.retention.amount,
          attachmentAmount: premium.option.attachment?.amount ?? 0,
          premiumAmount: premium.premium.amount,
        })),
      ),
      appendAuditEvents(
        tx,
        ctx.actor,
        [
          ...supersessions.map(({ event }) => event),
          {
            organizationId: row.ownerOrganizationId,
            action: 'quote.created',
            entityType: 'quote',
            entityId: row.id,
            before: null,
            after: {
              ...auditedQuote(row),
              assessmentId: row.assessmentId,
              model: result.model,
              kevCatalog: result.kevCatalog,
              referralReasons: referralReasons.map((reason) => reason.code),
              declineReasons: result.declineReasons.map((reason) => reason.code),
            },
          },
        ],
        now,
      ),
    ]);
    return { row, serialised };
  });
  // Presented after the commit: the broker's audit chain stays locked until then.
  return { id: row.id, revision: row.revision, json: presentQuoteText(row, ctx.today, serialised, ctx.actor) };
}

type OpenQuote = Awaited<ReturnType<typeof openQuotesOfAssessment>>[number];

/** What superseding an open quote writes: its new state, and the audit event recording the change. */
function supersession(ctx: ServiceContext, open: OpenQuote, newQuoteId: string, now: Date) {
  const event: QuoteEvent = {
    action: 'superseded',
    from: open.status,
    to: 'superseded',
    at: now.toISOString(),
    actor: eventActor(ctx.actor),
    supersededBy: newQuoteId,
  };
  return {
    quoteId: open.id,
    fields: {
      status: 'superseded' as const,
      supersededBy: newQuoteId,
      history: [...open.history, event],
      revision: open.revision + 1,
    },
    event: {
      organizationId: open.ownerOrganizationId,
      action: 'quote.superseded',
      entityType: 'quote',
      entityId: open.id,
      before: auditedQuoteState(open),
      after: { ...auditedQuoteState({ ...open, status: 'superseded' }), supersededBy: newQuoteId },
    } satisfies AuditEntry,
  };
}
