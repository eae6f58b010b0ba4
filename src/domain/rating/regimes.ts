import { daysBetween } from '../calendar';
import type { Facts } from '../facts/declarations';
import { RegimeItemObject } from '../facts/extract';
import type { CompiledRatingModel, CompiledRegime } from '../model/compiled';
import type { RegimeDefinition } from '../model/document';
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

/** Why a regime does not reach this applicant, or null when it does. */
function notApplicableBecause(regime: CompiledRegime, profile: Profile, facts: Facts, derived: Facts): string | null {
  const { scope } = regime;
  if (scope.exactJurisdictions && scope.countries) {
    let reached = false;
    for (const jurisdiction of profile.jurisdictions) {
      // A country code covers its subdivisions (US covers US-OH); a subdivision code matches only itself.
      if (scope.exactJurisdictions.has(jurisdiction) || scope.countries.has(jurisdiction.slice(0, 2))) {
        reached = true;
        break;
      }
    }
    if (!reached) return scope.reasons.jurisdiction;
  }
  if (scope.checksDevices) {
    const inScope = profile.deviceFleet.some(
      (entry) =>
        !scope.excludedDeviceCategories.has(entry.category) &&
        (!scope.deviceCategories || scope.deviceCategories.has(entry.category)),
    );
    if (!inScope) return scope.reasons.devices;
  }
  if (scope.dataTypes) {
    const held = scope.dataTypes.some(
      (type) =>
        (profile.recordsHeld[type as keyof Profile['recordsHeld']] ?? 0) > 0 ||
        profile.deviceFleet.some((entry) => entry.dataTypes.includes(type as never)),
    );
    if (!held) return scope.reasons.data;
  }
  if (scope.roles && !scope.roles.has(profile.role)) return scope.reasons.role;
  if (scope.sectors && !scope.sectors.has(profile.sector)) return scope.reasons.sector;
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
    // Object literals of one shape each (no spreads): this runs for every requirement of every rating.
    if (definition.appliesFrom && definition.appliesFrom > asOf) {
      upcoming.push({ requirement: definition.id, title: definition.title, appliesFrom: definition.appliesFrom });
    } else if (condition.evaluate(facts, derived, item)) {
      met.push({ requirement: definition.id, title: definition.title });
    } else {
      unmet.push({
        requirement: definition.id,
        title: definition.title,
        evidence: definition.evidence,
        level: definition.level,
      });
    }
  }
  return { met, unmet, upcoming };
}

/**
 * Compliance (obligations) and safe-harbor (defences earned by demonstrated security) findings, as data in the
 * model (models/iot-cyber-1.0.0.md): whether each regime reaches the applicant, and each requirement met or not with
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
    const because = notApplicableBecause(regime, profile, facts, derived);
    const notYet = definition.effectiveFrom > asOf;
    const compliant = definition.kind === 'compliance';
    let status: ComplianceStatus | SafeHarborStatus;
    let applicability: string | null = null;
    let result: Pick<RegimeFinding<unknown>, 'met' | 'unmet' | 'upcoming'> = { met: [], unmet: [], upcoming: [] };
    if (because !== null) {
      status = 'not_applicable';
      applicability = because;
    } else if (notYet) {
      // A law not yet in force is upcoming; a defence not yet in force is simply not available.
      status = compliant ? 'not_yet_applicable' : 'not_applicable';
      applicability = `${compliant ? 'applies' : 'in force'} from ${definition.effectiveFrom}`;
    } else {
      result = evaluate(regime, facts, derived, programmeFacts(model, definition, frameworks, asOf), asOf);
      if (compliant) status = result.unmet.length === 0 ? 'compliant' : 'non_compliant';
      else if (result.unmet.some((requirement) => requirement.level === 'required')) status = 'not_eligible';
      else status = result.unmet.length > 0 ? 'partially_eligible' : 'eligible';
    }
    const finding = {
      regime: definition.id,
      title: definition.title,
      citation: definition.citation,
      status,
      applicability,
      met: result.met,
      unmet: result.unmet,
      upcoming: result.upcoming,
    };
    if (compliant) compliance.push(finding as RegimeFinding<ComplianceStatus>);
    else safeHarbor.push(finding as RegimeFinding<SafeHarborStatus>);
  }
  return { compliance, safeHarbor };
}
