import type { KevMatch } from './kev/match';
import type { Money } from './posture';
import type { CoverageOption } from './posture/options';
import type { ComplianceStatus, RegimeFinding, SafeHarborStatus } from './rating/regimes';
import type { UnknownAnswer } from './unknowns';

export type Tier = 'preferred' | 'standard' | 'substandard' | 'high_risk';
export type Decision = 'quote' | 'refer' | 'decline';

export interface FactorResult {
  id: string;
  title: string;
  value: number | boolean | string;
  points: number;
  maxPoints: number;
  reason: string;
}

export interface DomainResult {
  score: number;
  weight: number;
  factors: FactorResult[];
}

export interface Trigger {
  fact: string;
  value: number | boolean | string;
}

export interface Reason {
  code: string;
  title: string;
  overridable: boolean;
  triggeredBy: Trigger[];
}

export interface Restriction {
  code: string;
  kind: 'form_exclusion' | 'exclusion' | 'sublimit' | 'coinsurance' | 'waiting_period';
  part: string;
  title: string;
  triggeredBy: Trigger[];
  remedy: string;
  source?: string;
  sublimitShare?: number;
  coinsurancePct?: number;
  waitingPeriodHours?: number;
  /** Whether the restriction reduces the price of the part it restricts. */
  credit: boolean;
}

export interface Subjectivity {
  code: string;
  title: string;
  timing: 'pre_bind' | 'post_bind';
  dueDays?: number;
  evidence: string;
  status: 'open' | 'satisfied' | 'waived';
  onFailure?: string;
  triggeredBy: Trigger[];
}

export interface WaterfallStep {
  step: string;
  title: string;
  /** The multiplier applied to the running premium; null for the base premium and additive steps. */
  factor: number | null;
  /** Change to the running premium, in minor units. The amounts of a waterfall sum to its premium. */
  amount: number;
}

export interface PartCoverage {
  part: string;
  title: string;
  sublimit: Money;
  coinsurancePct: number;
  waitingPeriodHours: number | null;
}

export interface OptionPremium {
  option: CoverageOption;
  premium: Money;
  waterfall: WaterfallStep[];
  coverage: PartCoverage[];
}

export interface RatingResult {
  model: { id: string; version: string; hash: string };
  kevCatalog: { version: string } | null;
  asOf: string;
  currency: string;
  exposure: { base: number; driver: string; drivers: { id: string; title: string; base: number }[] };
  score: {
    composite: number;
    domains: Record<'patching' | 'certifications' | 'access' | 'contracts' | 'monitoring' | 'data', DomainResult>;
  };
  completeness: number;
  unknowns: UnknownAnswer[];
  notApplicable: string[];
  tier: Tier;
  /** The tier the composite score alone would give, before caps. */
  scoreTier: Tier;
  tierCaps: { id: string; title: string; maxTier: Tier }[];
  decision: Decision;
  referralReasons: Reason[];
  declineReasons: Reason[];
  restrictions: Restriction[];
  exclusions: Restriction[];
  /** Posture restrictions an eligible carrier programme relieved the applicant of. */
  waivedRestrictions: { code: string; title: string; regime: string }[];
  subjectivities: Subjectivity[];
  compliance: RegimeFinding<ComplianceStatus>[];
  safeHarbor: RegimeFinding<SafeHarborStatus>[];
  kev: { matched: KevMatch[]; pastDueCount: number };
  premiums: OptionPremium[];
}
