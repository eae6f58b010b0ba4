import { fixedShape } from '../../codegen/fixed-shape';
import { compilePostureCopy } from '../../codegen/posture-copy';
import { daysBetween, yearsBefore } from '../calendar';
import type { KevMatch } from '../kev/match';
import type { CompiledRatingModel } from '../model/compiled';
import type { Profile } from '../posture';
import { CRITICALITIES, DATA_TYPES, DEVICE_CATEGORIES } from '../posture/enums';
import {
  DERIVED,
  FACTS,
  type Facts,
  KEV_ITEM_FACTS,
  OPTION_FACTS,
  REGIME_ITEM_FACTS,
  recordsFactOfType,
  unitsFactOfCategory,
  unitsFactOfCriticality,
} from './declarations';
import { POSTURE_FIELDS } from './posture-fields';

export const FactsObject = fixedShape<Facts>('FactsObject', FACTS);
export const DerivedObject = fixedShape<Facts>('DerivedObject', DERIVED);
export const OptionObject = fixedShape<Facts>('OptionObject', OPTION_FACTS);
export const KevItemObject = fixedShape<Facts>('KevItemObject', KEV_ITEM_FACTS);
export const RegimeItemObject = fixedShape<Facts>('RegimeItemObject', REGIME_ITEM_FACTS);

/** When the profile omits it: nobody is excused an expectation for being of unknown size. */
const UNKNOWN_EMPLOYEE_COUNT = 100_000;
const NEVER_REVIEWED_DAYS = 36_500;

const UNITS_BY_CATEGORY = new Map(DEVICE_CATEGORIES.map((category) => [category, unitsFactOfCategory(category)]));
const UNITS_BY_CRITICALITY = new Map(
  CRITICALITIES.map((criticality) => [criticality, unitsFactOfCriticality(criticality)]),
);
const RECORDS_BY_TYPE = DATA_TYPES.map((dataType) => [dataType, recordsFactOfType(dataType)] as const);

interface Certification {
  scheme: string;
  scope?: string | null;
  assessor?: string | null;
  issuedOn?: string | null;
  expiresOn?: string | null;
}
interface Framework {
  basis?: string | null;
  lastReviewedOn?: string | null;
}
interface Incident {
  occurredOn?: string | null;
  kind?: string | null;
  status?: string | null;
  recordsAffected?: number | null;
  loss?: { amount: number } | null;
  rootCauseRemediated?: boolean | null;
}
type OpenCve = string | { cveId: string; location: string };

function read(root: Record<string, unknown>, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) current = (current as Record<string, unknown>)[segment];
  return current;
}

/** Every scalar posture answer copied to its fact in one generated function (see src/codegen/posture-copy.ts). */
const copyPostureFacts = compilePostureCopy<Facts>(
  'posture fields',
  POSTURE_FIELDS.flatMap((field) =>
    field.fact
      ? [{ path: field.path, segments: field.segments, fact: field.fact, asAgeInDays: field.kind === 'date' }]
      : [],
  ),
);

/**
 * Computes the named facts of one applicant on the rating date from its profile and its resolved posture (every
 * field answered or assumed). Money becomes major units of the model currency; dates become ages in days.
 */
export function extractFacts(
  profile: Profile,
  posture: Record<string, unknown>,
  asOf: string,
  model: CompiledRatingModel,
  kevMatches: readonly KevMatch[] | null,
): Facts {
  const facts = new FactsObject();
  const minor = model.minorPerMajor;

  facts.annualRevenue = profile.annualRevenue.amount / minor;
  facts.employeeCount = profile.employeeCount ?? UNKNOWN_EMPLOYEE_COUNT;
  facts.sector = profile.sector;
  facts.role = profile.role;
  facts.jurisdictionCount = profile.jurisdictions.length;
  let fleetUnits = 0;
  let endOfSupportUnits = 0;
  let highCriticality = false;
  for (const entry of profile.deviceFleet) {
    fleetUnits += entry.units;
    const byCategory = UNITS_BY_CATEGORY.get(entry.category)!;
    facts[byCategory] = (facts[byCategory] as number) + entry.units;
    const byCriticality = UNITS_BY_CRITICALITY.get(entry.criticality)!;
    facts[byCriticality] = (facts[byCriticality] as number) + entry.units;
    if (entry.criticality === 'high' || entry.criticality === 'critical') highCriticality = true;
    if (entry.endOfSupportDate && entry.endOfSupportDate < asOf) endOfSupportUnits += entry.units;
  }
  facts.fleetUnits = fleetUnits;
  facts.endOfSupportUnits = endOfSupportUnits;
  facts.highCriticalityFleet = highCriticality;
  let recordsTotal = 0;
  for (const [dataType, fact] of RECORDS_BY_TYPE) {
    const records = profile.recordsHeld[dataType] ?? 0;
    facts[fact] = records;
    recordsTotal += records;
  }
  facts.recordsTotal = recordsTotal;

  copyPostureFacts(posture, facts, asOf, daysBetween);

  const openCves = read(posture, ['patching', 'openCves']) as OpenCve[];
  facts.openCveCount = openCves.length;
  facts.openCveOwnProductCount = openCves.filter(
    (entry) => typeof entry === 'string' || entry.location === 'own_product',
  ).length;

  addKevFacts(facts, kevMatches);
  addCertificationFacts(facts, read(posture, ['certifications']) as Certification[], asOf, model);
  addFrameworkFacts(facts, read(posture, ['frameworks']) as Framework[], asOf);
  addIncidentFacts(facts, read(posture, ['incidents']) as Incident[], asOf, model);
  return facts;
}

/**
 * Matched KEV entries, and the effective counts: the larger of what the applicant declared and what the catalog
 * match found, so neither an incomplete CVE list nor an under-declared count hides an exploited vulnerability.
 */
function addKevFacts(facts: Facts, matches: readonly KevMatch[] | null) {
  const list = matches ?? [];
  let pastDue = 0;
  let ransomware = 0;
  let ransomwarePastDue = 0;
  let endOfLife = 0;
  let maxDaysPastDue = 0;
  for (const match of list) {
    if (match.pastDue) pastDue += 1;
    if (match.knownRansomwareCampaignUse) ransomware += 1;
    if (match.knownRansomwareCampaignUse && match.pastDue) ransomwarePastDue += 1;
    if (match.endOfLife) endOfLife += 1;
    maxDaysPastDue = Math.max(maxDaysPastDue, match.daysPastDue);
  }
  const declaredOpen = facts.openKevCount as number;
  const declaredPastDue = facts.openKevPastDueCount as number;
  facts.kevCatalogLoaded = matches !== null;
  facts.kevMatchedCount = list.length;
  facts.kevMatchedPastDueCount = pastDue;
  facts.kevRansomwareCount = ransomware;
  facts.kevRansomwarePastDueCount = ransomwarePastDue;
  facts.kevEndOfLifeCount = endOfLife;
  facts.kevMaxDaysPastDue = maxDaysPastDue;
  facts.kevOpenCount = Math.max(declaredOpen, list.length);
  facts.kevPastDueCount = Math.max(declaredPastDue, pastDue);
  facts.kevDeclarationMismatch = list.length > declaredOpen || pastDue > declaredPastDue;
}

/**
 * A certificate counts only while valid on the rating date (issued on or before it, expiring after it; an
 * unknown expiry cannot be verified, so it does not count). Third-party assessment and device evidence are
 * told apart so the model can weigh them (models/iot-cyber-1.0.0.md).
 */
function addCertificationFacts(
  facts: Facts,
  certifications: Certification[],
  asOf: string,
  model: CompiledRatingModel,
) {
  let valid = 0;
  let expired = 0;
  for (const certificate of certifications) {
    const issued = !certificate.issuedOn || certificate.issuedOn <= asOf;
    const current = Boolean(certificate.expiresOn && certificate.expiresOn > asOf);
    if (!current) expired += 1;
    if (!issued || !current) continue;
    valid += 1;
    const thirdParty = certificate.assessor === 'third_party';
    const productScope = certificate.scope === 'product' || certificate.scope === 'product_line';
    const device = model.certificationEvidence[certificate.scheme] === 'device' && productScope;
    if (device) facts[thirdParty ? 'deviceCertThirdParty' : 'deviceCertSelf'] = true;
    else facts[thirdParty ? 'operationsCertThirdParty' : 'operationsCertSelf'] = true;
  }
  facts.validCertificationCount = valid;
  facts.expiredCertificationCount = expired;
}

function addFrameworkFacts(facts: Facts, frameworks: Framework[], asOf: string) {
  facts.frameworkCount = frameworks.length;
  facts.verifiedFrameworkCount = frameworks.filter((framework) => framework.basis === 'verified').length;
  let youngest = NEVER_REVIEWED_DAYS;
  for (const framework of frameworks) {
    if (framework.lastReviewedOn)
      youngest = Math.min(youngest, Math.max(0, daysBetween(framework.lastReviewedOn, asOf)));
  }
  facts.frameworkReviewAgeDays = youngest;
}

/**
 * Incident history over the model's look-back (an undated incident is assumed recent). A root cause declared
 * unremediated counts whatever its age: it is a present hazard, not history. Missing incident details are
 * reported on their own (`incidentDetailsUnknown`) rather than assumed to be the worst, since unknown answers
 * may refer or price but never decline on their own.
 */
function addIncidentFacts(facts: Facts, incidents: Incident[], asOf: string, model: CompiledRatingModel) {
  const since = yearsBefore(asOf, model.pricing.lossHistory.lookbackYears);
  let count = 0;
  let losses = 0;
  let records = 0;
  const byKind: Record<string, number> = { breach: 0, ransomware: 0, device_compromise: 0 };
  for (const incident of incidents) {
    const unremediated = incident.rootCauseRemediated === false;
    if (unremediated) facts.unremediatedIncident = true;
    if (unremediated && (incident.kind === 'breach' || incident.kind === 'ransomware')) facts.unremediatedBreach = true;
    if (!incident.kind || !incident.occurredOn || incident.rootCauseRemediated == null) {
      facts.incidentDetailsUnknown = true;
    }
    if (incident.kind === 'regulatory_action' && incident.status !== 'closed') facts.openRegulatoryAction = true;
    const inLookback = !incident.occurredOn || (incident.occurredOn >= since && incident.occurredOn <= asOf);
    if (!inLookback) continue;
    count += 1;
    if (incident.kind && incident.kind in byKind) byKind[incident.kind]! += 1;
    if (incident.kind === 'botnet_participation') facts.botnetParticipation = true;
    losses += (incident.loss?.amount ?? 0) / model.minorPerMajor;
    records += incident.recordsAffected ?? 0;
  }
  facts.incidentCount = count;
  facts.breachCount = byKind.breach!;
  facts.ransomwareCount = byKind.ransomware!;
  facts.deviceCompromiseCount = byKind.device_compromise!;
  facts.incidentLosses = losses;
  facts.incidentRecordsAffected = records;
}
