import { APPLICANT_ROLES, CRITICALITIES, DATA_TYPES, DEVICE_CATEGORIES, SECTORS } from '../posture/enums';
import { POSTURE_FIELDS } from './posture-fields';

/**
 * The documented set of named facts rating expressions read (docs/model-format.md lists them). Facts are fixed at
 * build time and always present, so every rating fills an object of one shape (see STACK.md on why the shape
 * of this object matters more than the compiler).
 */
export type FactType = 'number' | 'boolean' | 'string';

/** One rating's declared facts (or derived values, or an item's), by name. */
export type Facts = Record<string, number | boolean | string>;

export interface FactDeclaration {
  name: string;
  type: FactType;
  values?: readonly string[];
  description: string;
  /** The posture field this fact reads, when it reads exactly one. */
  field?: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

export const unitsFactOfCategory = (category: string) => `units${capitalise(camel(category))}`;
export const unitsFactOfCriticality = (criticality: string) => `units${capitalise(criticality)}`;
export const recordsFactOfType = (dataType: string) => `records${capitalise(dataType)}`;

const exposureFacts: FactDeclaration[] = [
  { name: 'annualRevenue', type: 'number', description: 'Annual revenue in major units of the model currency.' },
  {
    name: 'employeeCount',
    type: 'number',
    description: 'Employees; when not given, 100000 (nobody is excused an expectation for being of unknown size).',
  },
  { name: 'sector', type: 'string', values: SECTORS, description: 'The applicant’s sector.' },
  {
    name: 'role',
    type: 'string',
    values: APPLICANT_ROLES,
    description: 'The applicant’s role in the IoT supply chain.',
  },
  { name: 'jurisdictionCount', type: 'number', description: 'Number of jurisdictions listed.' },
  { name: 'fleetUnits', type: 'number', description: 'Devices in the fleet, all categories.' },
  ...DEVICE_CATEGORIES.map((category) => ({
    name: unitsFactOfCategory(category),
    type: 'number' as const,
    description: `Devices of category ${category}.`,
  })),
  ...CRITICALITIES.map((criticality) => ({
    name: unitsFactOfCriticality(criticality),
    type: 'number' as const,
    description: `Devices of ${criticality} criticality.`,
  })),
  {
    name: 'highCriticalityFleet',
    type: 'boolean',
    description: 'Any fleet entry is of high or critical criticality.',
  },
  {
    name: 'endOfSupportUnits',
    type: 'number',
    description: 'Devices whose endOfSupportDate is before the rating date.',
  },
  ...DATA_TYPES.map((dataType) => ({
    name: recordsFactOfType(dataType),
    type: 'number' as const,
    description: `Records held of type ${dataType}.`,
  })),
  { name: 'recordsTotal', type: 'number', description: 'Records held, all types.' },
];

const postureFacts: FactDeclaration[] = POSTURE_FIELDS.flatMap((field) => {
  if (!field.fact) return [];
  const type: FactType = field.kind === 'boolean' ? 'boolean' : field.kind === 'enum' ? 'string' : 'number';
  const description =
    field.kind === 'date' ? `Days from ${field.path} to the rating date. ${field.description}` : field.description;
  return [
    { name: field.fact, type, ...(field.values ? { values: field.values } : {}), description, field: field.path },
  ];
});

const listFacts: FactDeclaration[] = [
  { name: 'openCveCount', type: 'number', description: 'Entries in patching.openCves.', field: 'patching.openCves' },
  {
    name: 'openCveOwnProductCount',
    type: 'number',
    description: 'Entries in patching.openCves in the applicant’s own products (bare ids count here).',
    field: 'patching.openCves',
  },
  {
    name: 'kevCatalogLoaded',
    type: 'boolean',
    description: 'A KEV catalog was available to match openCves against.',
    field: 'patching.openCves',
  },
  {
    name: 'kevMatchedCount',
    type: 'number',
    description: 'openCves entries found in the KEV catalog as of the rating date.',
    field: 'patching.openCves',
  },
  {
    name: 'kevMatchedPastDueCount',
    type: 'number',
    description: 'Matched entries whose own KEV dueDate is before the rating date.',
    field: 'patching.openCves',
  },
  {
    name: 'kevRansomwareCount',
    type: 'number',
    description: 'Matched entries CISA marks as known to be used in ransomware campaigns.',
    field: 'patching.openCves',
  },
  {
    name: 'kevRansomwarePastDueCount',
    type: 'number',
    description: 'Matched entries past due and known to be used in ransomware campaigns.',
    field: 'patching.openCves',
  },
  {
    name: 'kevEndOfLifeCount',
    type: 'number',
    description: 'Matched entries whose required action is to retire an end-of-life product.',
    field: 'patching.openCves',
  },
  {
    name: 'kevMaxDaysPastDue',
    type: 'number',
    description: 'The most days any matched entry is past its due date (0 when none is).',
    field: 'patching.openCves',
  },
  {
    name: 'kevOpenCount',
    type: 'number',
    description: 'Effective open KEV count: the larger of the declared openKevCount and the matched count.',
    field: 'patching.openKevCount',
  },
  {
    name: 'kevPastDueCount',
    type: 'number',
    description:
      'Effective past-due KEV count: the larger of the declared openKevPastDueCount and the matched past-due count.',
    field: 'patching.openKevPastDueCount',
  },
  {
    name: 'kevDeclarationMismatch',
    type: 'boolean',
    description: 'The catalog match finds more open or past-due KEV vulnerabilities than the applicant declared.',
    field: 'patching.openCves',
  },
  {
    name: 'deviceCertThirdParty',
    type: 'boolean',
    description:
      'A certificate valid on the rating date, third-party assessed, of product or product-line scope, from a scheme the model classes as device evidence.',
    field: 'certifications',
  },
  {
    name: 'deviceCertSelf',
    type: 'boolean',
    description: 'As deviceCertThirdParty but self-assessed (or assessor unknown).',
    field: 'certifications',
  },
  {
    name: 'operationsCertThirdParty',
    type: 'boolean',
    description:
      'A certificate valid on the rating date, third-party assessed, from a scheme the model classes as operations evidence (or a device scheme certified at organisation scope).',
    field: 'certifications',
  },
  {
    name: 'operationsCertSelf',
    type: 'boolean',
    description: 'As operationsCertThirdParty but self-assessed.',
    field: 'certifications',
  },
  {
    name: 'validCertificationCount',
    type: 'number',
    description: 'Certificates valid on the rating date.',
    field: 'certifications',
  },
  {
    name: 'expiredCertificationCount',
    type: 'number',
    description: 'Certificates expired by the rating date (or with no expiry date given).',
    field: 'certifications',
  },
  { name: 'frameworkCount', type: 'number', description: 'Written security programmes listed.', field: 'frameworks' },
  {
    name: 'verifiedFrameworkCount',
    type: 'number',
    description: 'Programmes whose conformance is independently verified.',
    field: 'frameworks',
  },
  {
    name: 'frameworkReviewAgeDays',
    type: 'number',
    description: 'Days since the most recently reviewed programme was reviewed; 36500 when none is dated.',
    field: 'frameworks',
  },
  {
    name: 'incidentCount',
    type: 'number',
    description: 'Incidents within the model’s loss-history look-back (an undated incident counts).',
    field: 'incidents',
  },
  { name: 'breachCount', type: 'number', description: 'Breaches within the look-back.', field: 'incidents' },
  {
    name: 'ransomwareCount',
    type: 'number',
    description: 'Ransomware incidents within the look-back.',
    field: 'incidents',
  },
  {
    name: 'deviceCompromiseCount',
    type: 'number',
    description: 'Device compromises within the look-back.',
    field: 'incidents',
  },
  {
    name: 'botnetParticipation',
    type: 'boolean',
    description: 'The applicant’s devices took part in a botnet within the look-back.',
    field: 'incidents',
  },
  {
    name: 'openRegulatoryAction',
    type: 'boolean',
    description: 'A regulatory action that is open (or of unknown status), at any date.',
    field: 'incidents',
  },
  {
    name: 'unremediatedIncident',
    type: 'boolean',
    description: 'An incident of any date whose root cause is declared not remediated.',
    field: 'incidents',
  },
  {
    name: 'unremediatedBreach',
    type: 'boolean',
    description: 'A breach or ransomware incident of any date whose root cause is declared not remediated.',
    field: 'incidents',
  },
  {
    name: 'incidentDetailsUnknown',
    type: 'boolean',
    description: 'An incident is listed without its kind, date or whether its root cause was remediated.',
    field: 'incidents',
  },
  {
    name: 'incidentLosses',
    type: 'number',
    description: 'Losses of incidents within the look-back, in major units of the model currency.',
    field: 'incidents',
  },
  {
    name: 'incidentRecordsAffected',
    type: 'number',
    description: 'Records affected by incidents within the look-back.',
    field: 'incidents',
  },
];

export const FACTS: readonly FactDeclaration[] = [...exposureFacts, ...postureFacts, ...listFacts];

/** Values the engine computes during a rating, readable by later expressions (rules, caps, pricing). */
export const DERIVED: readonly FactDeclaration[] = [
  { name: 'exposureBase', type: 'number', description: 'The largest of the exposure drivers, major units.' },
  ...(['patching', 'certifications', 'access', 'contracts', 'monitoring', 'data'] as const).map((domain) => ({
    name: `${domain}Score`,
    type: 'number' as const,
    description: `The ${domain} domain score, 0 to 100.`,
  })),
  { name: 'composite', type: 'number', description: 'Weighted composite score, 0 to 100.' },
  { name: 'completeness', type: 'number', description: 'Share of applicable posture fields answered, 0 to 1.' },
  { name: 'unknownCount', type: 'number', description: 'Applicable posture fields left unanswered.' },
  {
    name: 'tier',
    type: 'string',
    values: ['preferred', 'standard', 'substandard', 'high_risk'],
    description: 'The tier after caps.',
  },
  { name: 'tierRank', type: 'number', description: 'The tier as a number: 0 preferred to 3 high_risk.' },
];

/** The option being priced, in major units of the model currency; pricing steps read it. */
export const OPTION_FACTS: readonly FactDeclaration[] = [
  { name: 'limit', type: 'number', description: 'Aggregate limit of the option.' },
  { name: 'retention', type: 'number', description: 'Retention (deductible) of the option.' },
  { name: 'attachment', type: 'number', description: 'Attachment point (0 for a primary layer).' },
];

/** One matched KEV entry, for rules evaluated per vulnerability (`forEach: "kevMatches"`). */
export const KEV_ITEM_FACTS: readonly FactDeclaration[] = [
  { name: 'cveId', type: 'string', description: 'The CVE id.' },
  { name: 'pastDue', type: 'boolean', description: 'Its KEV dueDate is before the rating date.' },
  { name: 'daysPastDue', type: 'number', description: 'Days past its due date (0 when not past due).' },
  { name: 'knownRansomware', type: 'boolean', description: 'Known to be used in ransomware campaigns.' },
  { name: 'endOfLife', type: 'boolean', description: 'Its required action is to retire an end-of-life product.' },
  { name: 'ownProduct', type: 'boolean', description: 'It sits in the applicant’s own products (not its IT estate).' },
];

/** A regime's view of the written security programme, for its requirements (`programme` in the regime). */
export const REGIME_ITEM_FACTS: readonly FactDeclaration[] = [
  {
    name: 'conformingProgramme',
    type: 'boolean',
    description:
      'A written programme of a framework the regime lists (one that counts only with another needs that other).',
  },
  {
    name: 'conformingProgrammeVerified',
    type: 'boolean',
    description: 'Such a programme whose conformance is independently verified.',
  },
  {
    name: 'programmeRevisionCurrent',
    type: 'boolean',
    description:
      'Such a programme on the framework’s latest revision, or within the regime’s adoption window after it was published.',
  },
  {
    name: 'programmeReviewAgeDays',
    type: 'number',
    description: 'Days since such a programme was last reviewed (36500 when none is dated).',
  },
];
