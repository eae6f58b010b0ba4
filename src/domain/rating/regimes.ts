import type { CompiledRatingModel, CompiledRegime } from '../../models/compiled';
import type { RegimeDefinition } from '../../models/schema';
import { daysBetween } from '../calendar';
import { type Facts, RegimeItemObject } from '../facts/extract';
import type { Profile } from '../posture';

export type ComplianceStatus = 'compliant' | 'non_compliant' | 'not_applicable' | 'not_yet_applicable';
export type SafeHarborStatus = 'eligible' | 'partially_eligible' | 'not_eligible' | 'not_applicable';

export interface RequirementFinding {
  requirement: string;
  title: string;
}

export interface UnmetRequirement extends RequirementFinding {
  /** What would show the requirement is met. */
  evidence: string;
  level: 'required' | 'full';
}

export interface RegimeFinding<S> {
  regime: string;
  title: string;
  status: S;
  citation: string;
  /** Why the regime does not apply, when it does not. */
  applicability: string | null;
  met: RequirementFinding[];
  unmet: UnmetRequirement[];
  /** Requirements that start to apply after the rating date (the EU CRA's later application date). */
  upcoming: (RequirementFinding & { appliesFrom: string })[];
}

interface Framework {
  framework: string;
  version?: string | null;
  lastReviewedOn?: string | null;
  basis?: string | null;
}

const NEVER = 36_500;

const inJurisdiction = (held: readonly string[], code: string) =>
  held.some((jurisdiction) => jurisdiction === code || (!code.includes('-') && jurisdiction.startsWith(`${code}-`)));

/** Why a regime does not reach this applicant, or null when it does. */
function notApplicableBecause(regime: CompiledRegime, profile: Profile, facts: Facts, derived: Facts): string | null {
  const scope = regime.definition.appliesTo;
  if (scope.jurisdictions && !scope.jurisdictions.some((code) => inJurisdiction(profile.jurisdictions, code))) {
    return `no jurisdiction among ${scope.jurisdictions.join(', ')}`;
  }
  if (scope.deviceCategories || scope.excludedDeviceCategories) {
    const excluded = new Set(scope.excludedDeviceCategories ?? []);
    const inScope = profile.deviceFleet.some(
      (entry) =>
        !excluded.has(entry.category) && (!scope.deviceCategories || scope.deviceCategories.includes(entry.category)),
    );
    if (!inScope) return 'no device of a category the regime covers';
  }
  if (scope.dataTypes) {
    const held = scope.dataTypes.some(
      (type) =>
        (profile.recordsHeld[type] ?? 0) > 0 || profile.deviceFleet.some((entry) => entry.dataTypes.includes(type)),
    );
    if (!held) return `no ${scope.dataTypes.join(' or ')} data held`;
  }
  if (scope.roles && !scope.roles.includes(profile.role)) return `the applicant is not a ${scope.roles.join(' or ')}`;
  if (scope.sectors && !scope.sectors.includes(profile.sector))
    return `the applicant is not in ${scope.sectors.join(' or ')}`;
  if (regime.when && !regime.when.evaluate(facts, derived, undefined)) return 'its applicability condition is not met';
  return null;
}

/**
 * How the applicant's written programmes stand against what a regime rewards: a listed framework (one that counts
 * only together with another needs that other), verified or not, on the latest revision or within the regime's
 * window after that revision's publication.
 */
function programmeFacts(
  model: CompiledRatingModel,
  regime: RegimeDefinition,
  frameworks: readonly Framework[],
  asOf: string,
): Facts {
  const item = new RegimeItemObject();
  item.programmeReviewAgeDays = NEVER;
  const programme = regime.programme;
  if (!programme) return item;
  const conforming = frameworks.filter(
    (framework) =>
      programme.frameworks.includes(framework.framework as never) &&
      !programme.onlyWithAnother.includes(framework.framework as never),
  );
  item.conformingProgramme = conforming.length > 0;
  item.conformingProgrammeVerified = conforming.some((framework) => framework.basis === 'verified');
  item.programmeRevisionCurrent = conforming.some((framework) => {
    const latest = model.frameworkRevisions.get(framework.framework)?.find((revision) => revision.publishedOn <= asOf);
    if (!latest || framework.version === latest.version) return true;
    return daysBetween(latest.publishedOn, asOf) <= programme.revisionWindowDays;
  });
  for (const framework of conforming) {
    if (framework.lastReviewedOn) {
      item.programmeReviewAgeDays = Math.min(
        item.programmeReviewAgeDays as number,
        Math.max(0, daysBetween(framework.lastReviewedOn, asOf)),
      );
    }
  }
  return item;
}

function evaluate(
  regime: CompiledRegime,
  facts: Facts,
  derived: Facts,
  item: Facts,
  asOf: string,
): Pick<RegimeFinding<unknown>, 'met' | 'unmet' | 'upcoming'> {
  const met: RequirementFinding[] = [];
  const unmet: UnmetRequirement[] = [];
  const upcoming: RegimeFinding<unknown>['upcoming'] = [];
  for (const { definition, met: condition } of regime.requirements) {
    const finding = { requirement: definition.id, title: definition.title };
    if (definition.appliesFrom && definition.appliesFrom > asOf) {
      upcoming.push({ ...finding, appliesFrom: definition.appliesFrom });
    } else if (condition.evaluate(facts, derived, item)) {
      met.push(finding);
    } else {
      unmet.push({ ...finding, evidence: definition.evidence, level: definition.level });
    }
  }
  return { met, unmet, upcoming };
}

/**
 * Compliance (obligations) and safe-harbor (defences earned by demonstrated security) findings, as data in the
 * model (DESIGN.md section 3): whether each regime reaches the applicant, and each requirement met or not with
 * the evidence that would meet it. A safe harbor's `required` requirements decide eligibility; unmet `full` ones
 * (verification, core outcomes) leave it at best partially eligible.
 */
export function evaluateRegimes(
  model: CompiledRatingModel,
  profile: Profile,
  frameworks: readonly Framework[],
  facts: Facts,
  derived: Facts,
  asOf: string,
) {
  const compliance: RegimeFinding<ComplianceStatus>[] = [];
  const safeHarbor: RegimeFinding<SafeHarborStatus>[] = [];
  for (const regime of model.regimes) {
    const { definition } = regime;
    const base = { regime: definition.id, title: definition.title, citation: definition.citation };
    const because = notApplicableBecause(regime, profile, facts, derived);
    const notYet = definition.effectiveFrom > asOf;
    const empty = { met: [], unmet: [], upcoming: [] };
    if (definition.kind === 'compliance') {
      if (because !== null) compliance.push({ ...base, status: 'not_applicable', applicability: because, ...empty });
      else if (notYet) {
        compliance.push({
          ...base,
          status: 'not_yet_applicable',
          applicability: `applies from ${definition.effectiveFrom}`,
          ...empty,
        });
      } else {
        const result = evaluate(regime, facts, derived, programmeFacts(model, definition, frameworks, asOf), asOf);
        compliance.push({
          ...base,
          status: result.unmet.length === 0 ? 'compliant' : 'non_compliant',
          applicability: null,
          ...result,
        });
      }
      continue;
    }
    if (because !== null || notYet) {
      const why = because ?? `in force from ${definition.effectiveFrom}`;
      safeHarbor.push({ ...base, status: 'not_applicable', applicability: why, ...empty });
      continue;
    }
    const result = evaluate(regime, facts, derived, programmeFacts(model, definition, frameworks, asOf), asOf);
    const status: SafeHarborStatus = result.unmet.some((requirement) => requirement.level === 'required')
      ? 'not_eligible'
      : result.unmet.length > 0
        ? 'partially_eligible'
        : 'eligible';
    safeHarbor.push({ ...base, status, applicability: null, ...result });
  }
  return { compliance, safeHarbor };
}
