import type { Facts } from '../facts/declarations';
import type {
  Domain,
  ImprovementDefinition,
  RatingModelDocument,
  RegimeDefinition,
  RuleDefinition,
  Tier,
  UnknownHandlingDefinition,
} from './document';
import type { CompiledExpression } from './expression';

/**
 * A factor's reason template (`{value}`, `{points}` and `{maxPoints}` in literal text), compiled once at model
 * load into a function that renders it (`src/models/template.ts`).
 */
export interface ReasonTemplate {
  render(value: number | boolean | string, points: number): string;
}

/** A rating model after validation and compilation: what the pure engine in src/domain executes. */
export interface CompiledFactor {
  id: string;
  title: string;
  fact: string;
  /** Reads `fact` from the facts of a rating. */
  readValue: (facts: Facts) => number | boolean | string;
  maxPoints: number;
  reason: string;
  reasonTemplate: ReasonTemplate;
  points: CompiledExpression<number>;
}

export interface CompiledDomain {
  id: Domain;
  title: string;
  weight: number;
  factors: readonly CompiledFactor[];
  maxPointsTotal: number;
  /** The derived value that holds this domain's score, e.g. `patchingScore`. */
  scoreFact: string;
}

export interface CompiledRule {
  definition: RuleDefinition;
  when: CompiledExpression<boolean>;
  sublimitShare?: CompiledExpression<number>;
  coinsurancePct?: CompiledExpression<number>;
  waitingPeriodHours?: CompiledExpression<number>;
  /** The facts the condition reads, reported as what triggered the rule. */
  triggeredBy: readonly string[];
}

export interface CompiledStep {
  id: string;
  title: string;
  factor: CompiledExpression<number>;
}

export interface CoveragePartDefinition {
  id: string;
  title: string;
  premiumShare: number;
  defaultSublimitShare: number;
  waitingPeriodHours?: number | undefined;
}

export interface CompiledRatingModel {
  id: string;
  version: string;
  hash: string;
  /** The canonical JSON (RFC 8785) of the document as written: `hash` is its sha256, and it recompiles to this. */
  canonical: string;
  title: string;
  effectiveFrom: string;
  currency: string;
  /** 10 ** the currency's minor-unit digits: major units times this is minor units. */
  minorPerMajor: number;
  quoteValidityDays: number;
  minCompleteness: number;
  document: RatingModelDocument;
  certificationEvidence: Readonly<Record<string, 'device' | 'operations'>>;
  exposureDrivers: readonly { id: string; title: string; base: CompiledExpression<number> }[];
  domains: readonly CompiledDomain[];
  /** Best first. */
  tierBands: readonly { tier: Tier; minComposite: number }[];
  tierCaps: readonly { id: string; title: string; maxTier: Tier; when: CompiledExpression<boolean> }[];
  parts: readonly CoveragePartDefinition[];
  rules: readonly CompiledRule[];
  pricing: {
    /** Major units in, integer minor units out, by the model's named rounding. */
    round: (minorUnits: number) => number;
    basePremium: CompiledStep;
    adjustments: readonly CompiledStep[];
    ilf: (groundUpLimit: number) => number;
    retention: { method: 'layer' } | ({ method: 'factor' } & CompiledStep);
    tierFactors: Readonly<Record<Tier, number>>;
    lossHistory: CompiledStep & { lookbackYears: number };
    schedule: RatingModelDocument['pricing']['schedule'];
    minimumPremium: number;
  };
  /** Posture field path -> handling, in processing order (parents before the fields they make moot). */
  unknowns: ReadonlyMap<string, UnknownHandlingDefinition>;
  improvements: ReadonlyMap<string, ImprovementDefinition>;
  regimes: readonly CompiledRegime[];
  /** Framework -> its revisions, newest first. */
  frameworkRevisions: ReadonlyMap<string, readonly { version: string; publishedOn: string }[]>;
}

/** A regime's applicability, prepared at load so each rating only looks up sets. */
export interface RegimeScope {
  /** Subdivision codes that must match exactly (`US-OH`), and country codes that cover their subdivisions. */
  exactJurisdictions: ReadonlySet<string> | null;
  countries: ReadonlySet<string> | null;
  deviceCategories: ReadonlySet<string> | null;
  excludedDeviceCategories: ReadonlySet<string>;
  checksDevices: boolean;
  dataTypes: readonly string[] | null;
  roles: ReadonlySet<string> | null;
  sectors: ReadonlySet<string> | null;
  /** Why the regime does not apply, by the test that failed. */
  reasons: { jurisdiction: string; devices: string; data: string; role: string; sector: string };
}

export interface CompiledRegime {
  definition: RegimeDefinition;
  scope: RegimeScope;
  when?: CompiledExpression<boolean>;
  requirements: readonly { definition: RegimeDefinition['requirements'][number]; met: CompiledExpression<boolean> }[];
}
