import type { Facts } from './facts/declarations';
import { DerivedObject, extractFacts, KevItemObject } from './facts/extract';
import { POSTURE_FIELD_BY_PATH } from './facts/posture-fields';
import { bestAnswer } from './improvements';
import { type KevCatalogSnapshot, type KevMatch, matchKev } from './kev/match';
import type { CompiledRatingModel } from './model/compiled';
import type { Posture, Profile } from './posture';
import type { CoverageOption } from './posture/options';
import { collectMoneyPaths } from './posture/request';
import { priceOption, type ScheduleAdjustment } from './rating/premium';
import { evaluateRegimes } from './rating/regimes';
import { applyRules, type HoldsRegardless } from './rating/rules';
import { exposureOf, scoreDomains } from './rating/scores';
import { tierOf } from './rating/tier';
import type { Decision, RatingResult } from './rating-result';
import { resolveUnknowns } from './unknowns';

export interface RatingInput {
  profile: Profile;
  posture: Posture;
  options: readonly CoverageOption[];
  /** The rating date (YYYY-MM-DD): certificates, incidents, ages and catalog entries are judged as of it. */
  asOf: string;
  /** The KEV catalog to match openCves against; null or absent when none is loaded (declared counts alone apply). */
  kevCatalog?: KevCatalogSnapshot | null;
}

export interface RatingContext {
  /** Applied at approval only; absent otherwise. */
  scheduleAdjustment?: ScheduleAdjustment;
  /**
   * False leaves every factor's `reason` empty, and changes nothing else: for batches whose callers keep only the
   * figures (a comparison's rows, a self-check's search). A rating anyone is shown or stores is explained.
   */
  explained?: boolean;
}

export interface RequestProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What the schema cannot know: the request's currency must be the model's, and sublimits and coinsurance may
 * only name the model's coverage parts.
 */
export function checkAgainstModel(input: RatingInput, model: CompiledRatingModel): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const { path, currency } of collectMoneyPaths(input)) {
    if (currency !== model.currency) {
      problems.push({
        path: [...path, 'currency'],
        message: `${currency} is not the rating model's currency (${model.currency}); send amounts in ${model.currency}`,
      });
      break;
    }
  }
  const parts = new Set(model.parts.map((part) => part.id));
  input.options.forEach((option, index) => {
    for (const [part, percent] of Object.entries(option.coinsurance ?? {})) {
      if (percent >= 100) {
        problems.push({
          path: ['options', index, 'coinsurance', part],
          message: 'coinsurance of 100% leaves the part uninsured: lower it, or set a small sublimit instead',
        });
      }
    }
    for (const field of ['sublimits', 'coinsurance'] as const) {
      for (const part of Object.keys(option[field] ?? {})) {
        if (!parts.has(part)) {
          problems.push({
            path: ['options', index, field, part],
            message: `"${part}" is not a coverage part of the model (${[...parts].join(', ')})`,
          });
        }
      }
    }
  });
  return problems;
}

function kevItem(match: KevMatch): Facts {
  const item = new KevItemObject();
  item.cveId = match.cveID;
  item.pastDue = match.pastDue;
  item.daysPastDue = match.daysPastDue;
  item.knownRansomware = match.knownRansomwareCampaignUse;
  item.endOfLife = match.endOfLife;
  item.ownProduct = match.location === 'own_product';
  return item;
}

function setAnswer(posture: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let current = posture;
  for (const segment of segments.slice(0, -1)) current = current[segment] as Record<string, unknown>;
  current[segments.at(-1)!] = value;
}

/**
 * Rates one applicant with one model: a pure function of (profile, posture, options, rating date, model), so the
 * same inputs give the same output to the cent and to the order of every list (models/iot-cyber-1.0.0.md).
 */
export function rate(model: CompiledRatingModel, input: RatingInput, context: RatingContext = {}): RatingResult {
  const resolved = resolveUnknowns(input.posture, model, input.asOf);
  const catalog = input.kevCatalog ?? null;
  const openCves = (resolved.posture.patching as { openCves: Parameters<typeof matchKev>[0] }).openCves;
  const matches = catalog ? matchKev(openCves, catalog, input.asOf) : null;
  const facts = extractFacts(input.profile, resolved.posture, input.asOf, model, matches);
  const derived = new DerivedObject();
  derived.completeness = resolved.completeness;
  derived.unknownCount = resolved.unknowns.length;

  const exposure = exposureOf(model, facts, derived);
  const score = scoreDomains(model, facts, derived, context.explained !== false);
  const tier = tierOf(model, facts, derived);
  const holdsRegardless: HoldsRegardless = (rule, fields) => {
    const favourable = structuredClone(resolved.posture);
    for (const field of fields) {
      const best = bestAnswer(POSTURE_FIELD_BY_PATH.get(field)!, model.improvements.get(field)!, input.asOf);
      if (best === undefined) return false;
      setAnswer(favourable, POSTURE_FIELD_BY_PATH.get(field)!.segments, best);
    }
    return rule.when.evaluate(extractFacts(input.profile, favourable, input.asOf, model, matches), derived, undefined);
  };
  const outcome = applyRules(
    model,
    facts,
    derived,
    resolved.unknowns,
    resolved.completeness,
    holdsRegardless,
    (matches ?? []).map(kevItem),
  );
  const regimes = evaluateRegimes(
    model,
    input.profile,
    (resolved.posture.frameworks ?? []) as Parameters<typeof evaluateRegimes>[2],
    facts,
    derived,
    input.asOf,
  );
  // An eligible carrier programme relieves the applicant of the posture restrictions it lists (never form exclusions).
  const waivedBy = new Map<string, string>();
  for (const regime of model.regimes) {
    const finding = regimes.safeHarbor.find((candidate) => candidate.regime === regime.definition.id);
    if (finding?.status !== 'eligible') continue;
    for (const code of regime.definition.waives) if (!waivedBy.has(code)) waivedBy.set(code, regime.definition.id);
  }
  const baseCode = (code: string) => code.split(':')[0]!;
  const waived =
    waivedBy.size === 0 ? [] : outcome.restrictions.filter((restriction) => waivedBy.has(baseCode(restriction.code)));
  const waivedRestrictions = waived.map((restriction) => ({
    code: restriction.code,
    title: restriction.title,
    regime: waivedBy.get(baseCode(restriction.code))!,
  }));
  const restrictions =
    waived.length === 0
      ? outcome.restrictions
      : outcome.restrictions.filter((restriction) => !waived.includes(restriction));
  const decision: Decision =
    outcome.declineReasons.length > 0 ? 'decline' : outcome.referralReasons.length > 0 ? 'refer' : 'quote';

  return {
    model: { id: model.id, version: model.version, hash: model.hash },
    kevCatalog: catalog ? { version: catalog.version } : null,
    asOf: input.asOf,
    currency: model.currency,
    exposure,
    score,
    completeness: resolved.completeness,
    unknowns: resolved.unknowns,
    notApplicable: resolved.notApplicable,
    tier: tier.tier,
    scoreTier: tier.scoreTier,
    tierCaps: tier.caps,
    decision,
    referralReasons: outcome.referralReasons,
    declineReasons: outcome.declineReasons,
    restrictions,
    exclusions: restrictions.filter((r) => r.kind === 'form_exclusion' || r.kind === 'exclusion'),
    waivedRestrictions,
    subjectivities: outcome.subjectivities,
    compliance: regimes.compliance,
    safeHarbor: regimes.safeHarbor,
    kev: { matched: matches ?? [], pastDueCount: facts.kevPastDueCount as number },
    premiums: input.options.map((option) =>
      priceOption(model, facts, derived, option, restrictions, context.scheduleAdjustment),
    ),
  };
}
