import type { Facts } from '../facts/declarations';
import { OptionObject } from '../facts/extract';
import type { CompiledRatingModel } from '../model/compiled';
import type { CoverageOption } from '../posture/options';
import type { OptionPremium, PartCoverage, Restriction, WaterfallStep } from '../rating-result';
import { ModelDefectError } from './errors';

/** An underwriter's schedule adjustment, applied only at approval and capped by the model. */
export interface ScheduleAdjustment {
  /** -0.1 is a 10% credit, 0.15 a 15% debit. */
  adjustment: number;
  reason: string;
}

const FACTOR_DIGITS = 1e6;
const reportFactor = (factor: number) => Math.round(factor * FACTOR_DIGITS) / FACTOR_DIGITS;

class Waterfall {
  readonly steps: WaterfallStep[] = [];
  running = 0;
  constructor(private readonly round: (minor: number) => number) {}

  base(step: string, title: string, minorUnits: number) {
    this.running = this.round(minorUnits);
    this.steps.push({ step, title, factor: null, amount: this.running });
  }

  /** Each multiplicative step adds `round(running × factor) − running`, so the amounts always sum to the premium. */
  multiply(step: string, title: string, factor: number, path: string) {
    if (!(factor > 0 && Number.isFinite(factor))) throw new ModelDefectError(path, `factor ${factor} is not positive`);
    const next = this.round(this.running * factor);
    this.steps.push({ step, title, factor: reportFactor(factor), amount: next - this.running });
    this.running = next;
  }

  add(step: string, title: string, amount: number) {
    this.steps.push({ step, title, factor: null, amount });
    this.running += amount;
  }
}

interface PartTerms {
  sublimit: number;
  coinsurancePct: number;
  waitingPeriodHours: number | null;
  /** Sublimit and coinsurance that earn a credit: the client's choices and credit-bearing rules only. */
  creditedSublimit: number;
  creditedCoinsurancePct: number;
}

/**
 * The coverage terms of each part under one option: the part's defaults, the option's own choices, and the
 * restrictions the rules imposed (the tightest applies).
 */
function partTerms(model: CompiledRatingModel, option: CoverageOption, restrictions: readonly Restriction[]) {
  const minor = model.minorPerMajor;
  const limit = option.limit.amount / minor;
  const terms = new Map<string, PartTerms>();
  for (const part of model.parts) {
    const chosen = option.sublimits?.[part.id];
    const sublimit = chosen ? Math.min(limit, chosen.amount / minor) : limit * part.defaultSublimitShare;
    const coinsurance = option.coinsurance?.[part.id] ?? 0;
    terms.set(part.id, {
      sublimit,
      coinsurancePct: coinsurance,
      waitingPeriodHours:
        part.waitingPeriodHours === undefined ? null : (option.waitingPeriodHours ?? part.waitingPeriodHours),
      creditedSublimit: sublimit,
      creditedCoinsurancePct: coinsurance,
    });
  }
  for (const restriction of restrictions) {
    const targets = restriction.part === 'all' ? [...terms.values()] : [terms.get(restriction.part)!];
    for (const target of targets) {
      if (restriction.sublimitShare !== undefined) {
        target.sublimit = Math.min(target.sublimit, limit * restriction.sublimitShare);
        if (restriction.credit)
          target.creditedSublimit = Math.min(target.creditedSublimit, limit * restriction.sublimitShare);
      }
      if (restriction.coinsurancePct !== undefined) {
        target.coinsurancePct = Math.max(target.coinsurancePct, restriction.coinsurancePct);
        if (restriction.credit)
          target.creditedCoinsurancePct = Math.max(target.creditedCoinsurancePct, restriction.coinsurancePct);
      }
      if (restriction.waitingPeriodHours !== undefined && target.waitingPeriodHours !== null) {
        target.waitingPeriodHours = Math.max(target.waitingPeriodHours, restriction.waitingPeriodHours);
      }
    }
  }
  return terms;
}

/**
 * Prices one option as a filed cyber rating plan does (models/iot-cyber-1.0.0.md): base premium from the exposure base,
 * the model's adjustments, the increased-limit factor of the layer (the retention priced by the layer or by its own
 * factor, never both), the tier factor, credits for sublimits and coinsurance, the loss-history factor, an optional
 * underwriter schedule adjustment, and the minimum premium. Every step is rounded with the model's rule.
 */
export function priceOption(
  model: CompiledRatingModel,
  facts: Facts,
  derived: Facts,
  option: CoverageOption,
  restrictions: readonly Restriction[],
  schedule?: ScheduleAdjustment,
): OptionPremium {
  const { pricing, minorPerMajor: minor } = model;
  const item = new OptionObject();
  item.limit = option.limit.amount / minor;
  item.retention = option.retention.amount / minor;
  item.attachment = (option.attachment?.amount ?? 0) / minor;
  const limit = item.limit as number;
  const retention = item.retention as number;
  const attachment = item.attachment as number;

  const waterfall = new Waterfall(pricing.round);
  const base = pricing.basePremium.factor.evaluate(facts, derived, item);
  if (!(base >= 0)) throw new ModelDefectError(pricing.basePremium.factor.path, `base premium ${base} is negative`);
  waterfall.base('base_premium', pricing.basePremium.title, base * minor);
  for (const adjustment of pricing.adjustments) {
    waterfall.multiply(
      adjustment.id,
      adjustment.title,
      adjustment.factor.evaluate(facts, derived, item),
      adjustment.factor.path,
    );
  }

  const layerFloor = pricing.retention.method === 'layer' ? attachment + retention : attachment;
  const layerValue = (width: number) => pricing.ilf(layerFloor + width) - pricing.ilf(layerFloor);
  waterfall.multiply(
    'increased_limit',
    'Increased-limit factor for the layer',
    layerValue(limit),
    'pricing.layer.ilfTable',
  );
  if (pricing.retention.method === 'factor') {
    const step = pricing.retention;
    waterfall.multiply(step.id, step.title, step.factor.evaluate(facts, derived, item), step.factor.path);
  }
  waterfall.multiply(
    'tier',
    `Tier factor (${derived.tier})`,
    pricing.tierFactors[derived.tier as 'standard'],
    'pricing.tierFactors',
  );

  const terms = partTerms(model, option, restrictions);
  let restrictionFactor = 0;
  for (const part of model.parts) {
    const term = terms.get(part.id)!;
    const standard = layerValue(limit * part.defaultSublimitShare);
    const valueRatio = standard > 0 ? layerValue(term.creditedSublimit) / standard : 1;
    restrictionFactor += part.premiumShare * valueRatio * (1 - term.creditedCoinsurancePct / 100);
  }
  waterfall.multiply('restriction_credit', 'Sublimits and coinsurance', restrictionFactor, 'coverage.parts');
  waterfall.multiply(
    pricing.lossHistory.id,
    pricing.lossHistory.title,
    pricing.lossHistory.factor.evaluate(facts, derived, item),
    pricing.lossHistory.factor.path,
  );
  if (schedule && schedule.adjustment !== 0) {
    waterfall.multiply(
      'schedule_adjustment',
      `Underwriter schedule adjustment: ${schedule.reason}`,
      1 + schedule.adjustment,
      'schedule',
    );
  }
  if (waterfall.running < pricing.minimumPremium) {
    waterfall.add('minimum_premium', 'Uplift to the minimum premium', pricing.minimumPremium - waterfall.running);
  }

  const coverage: PartCoverage[] = model.parts.map((part) => {
    const term = terms.get(part.id)!;
    return {
      part: part.id,
      title: part.title,
      sublimit: { amount: Math.round(term.sublimit * minor), currency: model.currency },
      coinsurancePct: term.coinsurancePct,
      waitingPeriodHours: term.waitingPeriodHours,
    };
  });
  return {
    option,
    premium: { amount: waterfall.running, currency: model.currency },
    waterfall: waterfall.steps,
    coverage,
  };
}
