import { type RowRating, rankRows, summarize } from '../../domain/comparison';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { formatPath } from '../../domain/paths';
import type { Posture, Profile } from '../../domain/posture';
import type { CoverageOption } from '../../domain/posture/options';
import { checkAgainstModel } from '../../domain/rate';
import { ROLES, requireRole, type ServiceContext } from '../context';
import { InvalidError } from '../errors';
import { type RowTask, rateRows } from './rate-rows';
import type { RatingPool } from './rating-pool';
import { loadStored, referenceScope, resolve } from './resolve';
import type { Comparison, ComparisonRequest, ComparisonRow } from './types';

export type * from './types';

export const COMPARISON_ROLES = ROLES;

/** The common option must fit the model before any row is rated: otherwise every row would fail alike. */
function checkOption(option: CoverageOption, model: CompiledRatingModel, asOf: string): void {
  const problems = checkAgainstModel(
    {
      profile: { annualRevenue: { amount: 0, currency: model.currency } } as Profile,
      posture: {} as Posture,
      options: [option],
      asOf,
    },
    model,
  );
  if (problems.length > 0) {
    throw new InvalidError(
      'The option does not fit the rating model; see errors for each field.',
      problems.map((problem) => ({ path: formatPath(['option', ...problem.path.slice(2)]), message: problem.message })),
    );
  }
}

const cveIdsOf = (posture: Posture) =>
  (posture.patching?.openCves ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.cveId));

/** The CVE ids inline answers declare, read leniently before validation: the catalog lookup ignores any junk. */
function cveIdsOfRaw(raw: Record<string, unknown>): string[] {
  const openCves = ((raw.posture as { patching?: { openCves?: unknown } } | null)?.patching?.openCves ?? []) as unknown;
  if (!Array.isArray(openCves)) return [];
  return openCves.flatMap((entry) => {
    const id = typeof entry === 'string' ? entry : (entry as { cveId?: unknown } | null)?.cveId;
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * Rates many applicants side by side on one coverage option (POST /v1/comparisons), nothing stored: inline
 * entries as sent, `{applicantId}` with the applicant's current profile and latest assessment, `{assessmentId}`
 * with that assessment's posture and its applicant's current profile; all with the default model in force on the
 * rating date and the loaded KEV catalog. A bad or unknown entry is a row problem, never the set's failure.
 */
export async function compareApplicants(
  ctx: ServiceContext,
  request: ComparisonRequest,
  pool?: RatingPool,
): Promise<Comparison> {
  requireRole(ctx.actor, ...COMPARISON_ROLES);
  const asOf = request.asOf ?? ctx.today;
  const loaded = await ctx.db.transaction(
    async (tx) => {
      const model = await ctx.models.inForce(ctx.defaultModelId, asOf, tx);
      if (!model) {
        throw new InvalidError(`No version of rating model ${ctx.defaultModelId} is in force on ${asOf}.`, [
          {
            path: request.asOf ? 'asOf' : '(body)',
            message: `no version of rating model ${ctx.defaultModelId} is in force on ${asOf}`,
          },
        ]);
      }
      checkOption(request.option, model, asOf);
      const stored = await loadStored(tx, referenceScope(ctx.actor), request.entries);
      const outcomes = request.entries.map((entry, index) => resolve(entry, index, stored));
      const cveIds = outcomes.flatMap((outcome) =>
        'problem' in outcome ? [] : 'raw' in outcome ? cveIdsOfRaw(outcome.raw) : cveIdsOf(outcome.posture),
      );
      return { model, outcomes, kevCatalog: await ctx.kev.snapshot(tx, cveIds) };
    },
    // One consistent snapshot of every reference, and the connection released before the rating work starts.
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const { model, outcomes, kevCatalog } = loaded;
  const task: RowTask = {
    option: request.option,
    asOf,
    kevCatalog,
    rows: outcomes.flatMap((outcome, index): RowTask['rows'] => {
      if ('problem' in outcome) return [];
      if ('raw' in outcome) return [{ index, raw: outcome.raw }];
      return [{ index, reference: outcome.reference, profile: outcome.profile, posture: outcome.posture }];
    }),
  };
  const rated = await (pool ? pool.rateRows(model, task) : rateRows(model, task));
  const outcomeOf = new Map(task.rows.map((row, at) => [row.index, rated[at]!]));

  const rows: ComparisonRow[] = outcomes.map((outcome, index) => {
    const { applicantId, assessmentId, legalName } = outcome;
    const result = 'problem' in outcome ? outcome : outcomeOf.get(index)!;
    return {
      index,
      applicantId,
      assessmentId,
      legalName,
      rank: null,
      percentile: null,
      rating: 'rating' in result ? result.rating : null,
      problem: 'problem' in result ? result.problem : null,
    };
  });

  const ratedRows = rows.filter((row): row is ComparisonRow & { rating: RowRating } => row.rating !== null);
  const standings = rankRows(
    ratedRows.map(({ index, rating }) => ({
      index,
      composite: rating.composite,
      premium: rating.premium.amount,
      premiumPerMillionRevenue: rating.premiumPerMillionRevenue?.amount ?? null,
      premiumPerThousandDevices: rating.premiumPerThousandDevices?.amount ?? null,
    })),
    request.sortBy,
  );
  for (const row of ratedRows) Object.assign(row, standings.get(row.index));

  const totals = summarize(
    rows.length,
    ratedRows.map(({ rating }) => ({
      tier: rating.tier,
      decision: rating.decision,
      composite: rating.composite,
      premium: rating.premium.amount,
    })),
  );
  return {
    rows,
    summary: {
      ...totals,
      medianPremium: totals.medianPremium === null ? null : { amount: totals.medianPremium, currency: model.currency },
      asOf,
      sortBy: request.sortBy,
      model: { id: model.id, version: model.version, hash: model.hash },
      kevCatalog: kevCatalog ? { version: kevCatalog.version } : null,
    },
  };
}
