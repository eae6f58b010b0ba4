/**
 * The default rating model `iot-cyber@1.0.0` (models/iot-cyber-1.0.0.json, explained in models/README.md) written
 * out as plain TypeScript: the baseline a programmer would write if the model were code rather than data. Every
 * points formula, tier band and cap, rule condition, exposure weight, table and pricing step is a literal here.
 *
 * It shares with the engine only the plumbing that is code in both paths, not model interpretation: unknown-answer
 * resolution (`resolveUnknowns`), fact extraction (`extractFacts`) and KEV catalog matching (`matchKev`).
 * `npm run bench` checks that it agrees with `rate(model, input)` on every fixture applicant before timing both.
 */
import type { Facts } from '../../../src/domain/facts/declarations';
import { DerivedObject, extractFacts } from '../../../src/domain/facts/extract';
import { type KevMatch, matchKev } from '../../../src/domain/kev/match';
import type { CompiledRatingModel } from '../../../src/domain/model/compiled';
import type { ApplicantRole, Sector } from '../../../src/domain/posture/enums';
import type { CoverageOption } from '../../../src/domain/posture/options';
import type { RatingInput } from '../../../src/domain/rate';
import { ModelDefectError } from '../../../src/domain/rating/errors';
import { evaluateRegimes } from '../../../src/domain/rating/regimes';
import type {
  DomainResult,
  FactorResult,
  OptionPremium,
  PartCoverage,
  RatingResult,
  Reason,
  Restriction,
  Subjectivity,
  Tier,
  Trigger,
  WaterfallStep,
} from '../../../src/domain/rating-result';
import { resolveUnknowns, type UnknownAnswer } from '../../../src/domain/unknowns';

const MODEL_ID = 'iot-cyber';
const MODEL_VERSION = '1.0.0';
const CURRENCY = 'USD';
/** Cents per dollar: money in formulas is in dollars, premiums in integer cents. */
const MINOR = 100;
const MIN_COMPLETENESS = 0.6;
const MINIMUM_PREMIUM = 100_000;

/** The facts this model reads, as `extractFacts` fills them (dates as ages in days, money in dollars). */
interface IotFacts {
  readonly annualRevenue: number;
  readonly employeeCount: number;
  readonly sector: Sector;
  readonly role: ApplicantRole;
  readonly fleetUnits: number;
  readonly unitsCamera: number;
  readonly unitsRouter: number;
  readonly unitsGateway: number;
  readonly unitsLow: number;
  readonly unitsModerate: number;
  readonly unitsHigh: number;
  readonly unitsCritical: number;
  readonly highCriticalityFleet: boolean;
  readonly endOfSupportUnits: number;
  readonly recordsPii: number;
  readonly recordsPhi: number;
  readonly recordsPayment: number;
  readonly recordsBiometric: number;
  readonly recordsLocation: number;
  readonly criticalRemediationDays: number;
  readonly highRemediationDays: number;
  readonly fleetOnSupportedFirmwarePct: number;
  readonly endOfSupportFleetPct: number;
  readonly updateMechanism: 'none' | 'manual' | 'ota';
  readonly updatesSigned: boolean;
  readonly automaticUpdates: boolean;
  readonly rollbackProtection: boolean;
  readonly supportPeriodMonths: number;
  readonly supportPeriodPublished: boolean;
  readonly vulnerabilityDisclosurePolicy: boolean;
  readonly bugBounty: boolean;
  readonly disclosureTimelineDays: number;
  readonly sbomMaintained: boolean;
  readonly defaultCredentials: 'unique_per_device' | 'set_at_setup' | 'universal_default';
  readonly hardcodedCredentials: boolean;
  readonly mfaAdmin: boolean;
  readonly mfaRemote: boolean;
  readonly mfaCloudConsole: boolean;
  readonly rbac: boolean;
  readonly accessReviewDays: number;
  readonly privilegedAccessManagement: boolean;
  readonly remoteAdminExposed: boolean;
  readonly encryptionInTransit: 'none' | 'tls1_2' | 'tls1_3';
  readonly encryptionAtRest: boolean;
  readonly secureBoot: boolean;
  readonly hardwareRootOfTrust: boolean;
  readonly networkSegmentation: boolean;
  readonly customerIndemnityGiven: 'none' | 'capped' | 'uncapped';
  readonly limitationOfLiability: boolean;
  readonly customerBreachNotificationHours: number;
  readonly postSaleSupportMonths: number;
  readonly supplierIndemnity: 'none' | 'partial' | 'full';
  readonly supplierLiabilityCapped: boolean;
  readonly supplierSecurityFlowDown: boolean;
  readonly supplierAuditRights: boolean;
  readonly suppliersCarryCyberInsurance: boolean;
  readonly centralizedLogging: boolean;
  readonly logRetentionDays: number;
  readonly intrusionDetection: boolean;
  readonly vulnerabilityScanIntervalDays: number;
  readonly lastPenetrationTestAgeDays: number;
  readonly incidentResponsePlan: boolean;
  readonly incidentResponseLastTestedAgeDays: number;
  readonly breachNotificationTargetHours: number;
  readonly exploitedVulnReportingHours: number;
  readonly dataMinimization: boolean;
  readonly retentionSchedule: boolean;
  readonly secureDisposal: boolean;
  readonly personalDataEncrypted: boolean;
  readonly offlineBackups: boolean;
  readonly lastRestoreTestAgeDays: number;
  readonly threatModeling: boolean;
  readonly secureDevelopmentLifecycle: 'iec_62443_4_1' | 'nist_ssdf' | 'internal' | 'none';
  readonly securityTestingBeforeRelease: boolean;
  readonly thirdPartyComponentReview: boolean;
  readonly tamperResistance: boolean;
  readonly securityOwner: boolean;
  readonly securityTrainingIntervalMonths: number;
  readonly independentAuditIntervalMonths: number;
  readonly consentsToExternalScanning: boolean;
  readonly remediationCooperationUndertaking: boolean;
  readonly kevMatchedPastDueCount: number;
  readonly kevRansomwarePastDueCount: number;
  readonly kevEndOfLifeCount: number;
  readonly kevMaxDaysPastDue: number;
  readonly kevOpenCount: number;
  readonly kevPastDueCount: number;
  readonly kevDeclarationMismatch: boolean;
  readonly deviceCertThirdParty: boolean;
  readonly deviceCertSelf: boolean;
  readonly operationsCertThirdParty: boolean;
  readonly operationsCertSelf: boolean;
  readonly frameworkCount: number;
  readonly verifiedFrameworkCount: number;
  readonly frameworkReviewAgeDays: number;
  readonly incidentCount: number;
  readonly breachCount: number;
  readonly ransomwareCount: number;
  readonly deviceCompromiseCount: number;
  readonly botnetParticipation: boolean;
  readonly openRegulatoryAction: boolean;
  readonly unremediatedIncident: boolean;
  readonly unremediatedBreach: boolean;
  readonly incidentDetailsUnknown: boolean;
  readonly incidentLosses: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic the model relies on

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
/** Waterfall factors are reported to six decimals. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Numbers in explanations: whole numbers as they are, anything else to two decimals. */
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : String(round2(x)));

/**
 * The model's `wholeDollar` rounding (half up, to 100 cents), with its tolerance: a quotient within a billionth of
 * an increment (or 8 ulps at large magnitudes, never more than a thousandth) of a whole or a half counts as one.
 */
const RELATIVE_TOLERANCE = 8 * Number.EPSILON;
function roundWholeDollar(cents: number): number {
  const q = cents / 100;
  const magnitude = q < 0 ? -q : q;
  const tolerance = Math.min(1e-3, Math.max(1e-9, magnitude * RELATIVE_TOLERANCE));
  let n = Math.floor(magnitude);
  let fraction = magnitude - n;
  if (fraction <= tolerance) {
    fraction = 0;
  } else if (1 - fraction <= tolerance) {
    n += 1;
    fraction = 0;
  }
  if (fraction !== 0 && (fraction > 0.5 || Math.abs(fraction - 0.5) <= tolerance)) n += 1;
  const rounded = n * 100;
  return (q < 0 ? -rounded : rounded) + 0;
}

/** A piecewise-linear table; beyond its ends it either holds the end values or extends the end segments. */
interface Curve {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly clamp: boolean;
}

function curve(beyond: 'clamp' | 'extrapolate', ...points: readonly (readonly [number, number])[]): Curve {
  return { xs: points.map(([x]) => x), ys: points.map(([, y]) => y), clamp: beyond === 'clamp' };
}

/** Reads a curve, measuring from the nearest point below so that every listed point is exact. */
function at(table: Curve, x: number): number {
  const { xs, ys } = table;
  const last = xs.length - 1;
  const x0 = xs[0]!;
  if (x <= x0) return table.clamp || x === x0 ? ys[0]! : ys[0]! + ((x - x0) / (xs[1]! - x0)) * (ys[1]! - ys[0]!);
  const xn = xs[last]!;
  if (x >= xn) {
    return table.clamp || x === xn
      ? ys[last]!
      : ys[last]! + ((x - xn) / (xn - xs[last - 1]!)) * (ys[last]! - ys[last - 1]!);
  }
  let i = 1;
  while (xs[i]! <= x) i += 1;
  const xa = xs[i - 1]!;
  const ya = ys[i - 1]!;
  return ya + ((x - xa) / (xs[i]! - xa)) * (ys[i]! - ya);
}

function factor(
  id: string,
  title: string,
  value: number | boolean | string,
  points: number,
  maxPoints: number,
  reason: string,
): FactorResult {
  return { id, title, value, points: round2(points), maxPoints, reason };
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

/** Base premium (USD) for the USD 1M basis option by exposure base. */
const BASE_PREMIUM = curve(
  'extrapolate',
  [0, 1500],
  [1_000_000, 2000],
  [5_000_000, 3500],
  [10_000_000, 5000],
  [20_000_000, 7000],
  [50_000_000, 11_000],
  [100_000_000, 16_000],
  [250_000_000, 25_000],
  [500_000_000, 36_000],
  [1_000_000_000, 52_000],
  [2_500_000_000, 80_000],
  [5_000_000_000, 110_000],
  [10_000_000_000, 150_000],
  [25_000_000_000, 220_000],
  [50_000_000_000, 300_000],
);
/** Increased-limit factors by ground-up limit (USD), 1 at USD 1M. */
const ILF = curve(
  'extrapolate',
  [0, 0],
  [250_000, 0.45],
  [500_000, 0.68],
  [1_000_000, 1],
  [2_000_000, 1.62],
  [3_000_000, 2.05],
  [5_000_000, 2.8],
  [10_000_000, 3.9],
  [15_000_000, 4.6],
  [20_000_000, 5.25],
  [25_000_000, 5.9],
  [50_000_000, 8.3],
  [100_000_000, 11.5],
);
/** Retention factor by retention per USD 1M of exposure base. */
const RETENTION_FACTOR = curve(
  'clamp',
  [0, 1.15],
  [25, 1.1],
  [100, 1.05],
  [250, 1.02],
  [1000, 1],
  [2500, 0.93],
  [5000, 0.87],
  [10_000, 0.8],
  [25_000, 0.7],
  [50_000, 0.62],
  [100_000, 0.55],
);
const SECTOR_HAZARD: Readonly<Record<Sector, number>> = {
  consumer_electronics: 1,
  smart_home: 1.05,
  healthcare: 1.5,
  financial: 1.35,
  industrial: 1.3,
  critical_infrastructure: 1.6,
  automotive: 1.3,
  retail: 1.15,
  public_sector: 1.25,
  other: 1,
};
const ROLE_FACTOR: Readonly<Record<ApplicantRole, number>> = {
  manufacturer: 1.1,
  platform_operator: 1.05,
  service_provider: 1,
  enterprise_user: 0.9,
};
const TIER_FACTOR: Readonly<Record<Tier, number>> = { preferred: 0.85, standard: 1, substandard: 1.3, high_risk: 1.75 };
const TIERS = ['preferred', 'standard', 'substandard', 'high_risk'] as const;

// Points tables (all hold their end values beyond their ends).
const CRITICAL_REMEDIATION_POINTS = curve('clamp', [7, 12], [15, 11], [30, 7], [60, 3], [90, 1], [180, 0]);
const HIGH_REMEDIATION_POINTS = curve('clamp', [15, 8], [30, 7], [60, 4], [90, 2], [180, 0]);
const SUPPORTED_FIRMWARE_POINTS = curve('clamp', [50, 0], [75, 2], [90, 4], [95, 5], [100, 6]);
const END_OF_SUPPORT_POINTS = curve('clamp', [0, 6], [5, 4], [10, 3], [25, 1], [50, 0]);
const SUPPORT_PERIOD_POINTS = curve('clamp', [0, 0], [12, 1], [24, 2], [36, 3.5], [60, 6]);
const DISCLOSURE_TIMELINE_POINTS = curve('clamp', [90, 2], [180, 1], [365, 0]);
const ACCESS_REVIEW_POINTS = curve('clamp', [90, 3], [180, 2], [365, 1], [730, 0]);
const CUSTOMER_NOTIFICATION_POINTS = curve('clamp', [72, 8], [168, 3], [720, 0]);
const POST_SALE_SUPPORT_POINTS = curve('clamp', [0, 0], [12, 1], [24, 3], [36, 5], [60, 8]);
const LOG_RETENTION_POINTS = curve('clamp', [0, 0], [30, 1], [90, 3], [365, 5]);
const SCAN_INTERVAL_POINTS = curve('clamp', [7, 6], [30, 4.5], [90, 3], [180, 1], [365, 0]);
const PEN_TEST_AGE_POINTS = curve('clamp', [365, 6], [730, 2], [1095, 0]);
const IR_TEST_AGE_POINTS = curve('clamp', [365, 5], [730, 2], [1095, 0]);
const BREACH_NOTIFICATION_POINTS = curve('clamp', [72, 4], [168, 1], [720, 0]);
const EXPLOITED_REPORTING_POINTS = curve('clamp', [24, 4], [72, 2], [168, 0]);
const TRAINING_INTERVAL_POINTS = curve('clamp', [12, 4], [24, 1], [36, 0]);
const AUDIT_INTERVAL_POINTS = curve('clamp', [12, 4], [24, 2.5], [36, 1], [60, 0]);
const RESTORE_TEST_AGE_POINTS = curve('clamp', [90, 20], [180, 15], [365, 8], [730, 0]);
const FRAMEWORK_REVIEW_POINTS = curve('clamp', [365, 15], [730, 5], [1095, 0]);

/** Coverage parts in the model's order, with their share of the premium and their default sublimit. */
const PARTS: readonly {
  id: string;
  title: string;
  premiumShare: number;
  defaultSublimitShare: number;
  waitingPeriodHours?: number;
}[] = [
  {
    id: 'incident_response',
    title: 'Incident response (forensics, legal, notification, credit monitoring)',
    premiumShare: 0.12,
    defaultSublimitShare: 1,
  },
  {
    id: 'business_interruption',
    title: 'Business interruption (own network and device outage)',
    premiumShare: 0.16,
    defaultSublimitShare: 1,
    waitingPeriodHours: 12,
  },
  { id: 'cyber_extortion', title: 'Cyber extortion (ransomware)', premiumShare: 0.12, defaultSublimitShare: 0.5 },
  { id: 'data_restoration', title: 'Data and software restoration', premiumShare: 0.07, defaultSublimitShare: 1 },
  {
    id: 'device_bricking',
    title: 'Device bricking (replacement of devices rendered unusable)',
    premiumShare: 0.08,
    defaultSublimitShare: 0.5,
  },
  {
    id: 'privacy_liability',
    title: 'Privacy and network-security liability',
    premiumShare: 0.15,
    defaultSublimitShare: 1,
  },
  {
    id: 'regulatory_defense',
    title: 'Regulatory defence and fines where insurable',
    premiumShare: 0.08,
    defaultSublimitShare: 1,
  },
  {
    id: 'pci',
    title: 'PCI fines, assessments and card-brand recoveries',
    premiumShare: 0.04,
    defaultSublimitShare: 0.5,
  },
  {
    id: 'technology_errors_omissions',
    title: 'Technology errors and omissions (customers’ losses from the product)',
    premiumShare: 0.18,
    defaultSublimitShare: 1,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Wording of the rules (the conditions are in applyRules below)

interface RestrictionText {
  code: string;
  kind: Restriction['kind'];
  part: string;
  title: string;
  remedy: string;
  source: string;
}
interface ReasonText {
  code: string;
  title: string;
  overridable: boolean;
}
interface SubjectivityText {
  code: string;
  title: string;
  timing: Subjectivity['timing'];
  dueDays?: number;
  evidence: string;
  onFailure: string;
}

const WAR_STATE_CYBER_OPERATION: RestrictionText = {
  code: 'WAR_STATE_CYBER_OPERATION',
  kind: 'form_exclusion',
  part: 'all',
  title:
    'War; cyber operations carried out in the course of war or as retaliation between specified states; and state cyber operations with a major detrimental impact on the functioning of a state or its essential services (in the style of LMA 5567), attribution to a state resting first on the government of the state affected',
  remedy: 'None: a form exclusion of every policy, not a finding about the applicant, and never a recommendation.',
  source:
    'LMA 5564 to 5567 (Lloyd’s Market Association war and cyber operation exclusions, 2021); Lloyd’s Market Bulletin Y5381 (2022), which requires such an exclusion in standalone cyber policies from 31 March 2023.',
};
const BODILY_INJURY_PROPERTY_DAMAGE: RestrictionText = {
  code: 'BODILY_INJURY_PROPERTY_DAMAGE',
  kind: 'form_exclusion',
  part: 'all',
  title:
    'Bodily injury and physical damage to tangible property (other than the insured’s own bricked devices under the device-bricking part); device makers may buy back by endorsement',
  remedy:
    'None in the base form; a device maker may ask the underwriter for the bodily-injury and property-damage buy-back endorsement, priced outside this model.',
  source: 'Standard cyber policy forms; the loss belongs to general and product liability policies.',
};
const INFRASTRUCTURE_FAILURE: RestrictionText = {
  code: 'INFRASTRUCTURE_FAILURE',
  kind: 'form_exclusion',
  part: 'all',
  title:
    'Failure or interruption of power, telecommunications, internet, satellite or other infrastructure not under the insured’s operational control',
  remedy: 'None: a form exclusion of every policy, not a finding about the applicant, and never a recommendation.',
  source: 'Standard cyber policy forms: systemic infrastructure outages are not insurable at a single-risk price.',
};
const PRODUCT_RECALL: RestrictionText = {
  code: 'PRODUCT_RECALL',
  kind: 'form_exclusion',
  part: 'all',
  title: 'Costs of recalling, withdrawing, repairing or replacing the insured’s products (product recall)',
  remedy: 'None: a form exclusion of every policy, not a finding about the applicant, and never a recommendation.',
  source: 'Standard cyber and technology E&O forms; recall is insured under product-recall policies.',
};
const BIOMETRIC_PRIVACY_STATUTES: RestrictionText = {
  code: 'BIOMETRIC_PRIVACY_STATUTES',
  kind: 'form_exclusion',
  part: 'all',
  title:
    'Claims under biometric-privacy statutes (Illinois BIPA 740 ILCS 14, Texas Bus. & Com. Code 503.001, Washington RCW 19.375 and similar), where biometric records are held',
  remedy:
    'Applies while biometric identifiers are held; holding none removes it. Statutory damages per violation make the exposure unratable from records alone.',
  source:
    '740 ILCS 14/20 (liquidated damages of USD 1,000 or 5,000 per violation); market practice since Rosenbach v. Six Flags (Ill. 2019).',
};
const MIRAI_PATTERN_DEFAULT_PASSWORDS: ReasonText = {
  code: 'MIRAI_PATTERN_DEFAULT_PASSWORDS',
  title:
    'Devices with universal default passwords and remote administration exposed to the internet (the Mirai pattern)',
  overridable: false,
};
const MIRAI_PATTERN_HARDCODED_CREDENTIALS: ReasonText = {
  code: 'MIRAI_PATTERN_HARDCODED_CREDENTIALS',
  title:
    'Devices with hard-coded credentials and remote administration exposed to the internet (the Mirai pattern, with credentials nobody can change)',
  overridable: false,
};
const BOTNET_PARTICIPATION: ReasonText = {
  code: 'BOTNET_PARTICIPATION',
  title: 'The applicant’s devices took part in a botnet within the look-back period',
  overridable: true,
};
const UNREMEDIATED_BREACH: ReasonText = {
  code: 'UNREMEDIATED_BREACH',
  title: 'A breach or ransomware incident whose root cause is declared not remediated',
  overridable: true,
};
const CRITICAL_HARDCODED_CREDENTIALS: ReasonText = {
  code: 'CRITICAL_HARDCODED_CREDENTIALS',
  title:
    'Hard-coded credentials in a critical-infrastructure or healthcare applicant, or in a fleet of high or critical criticality',
  overridable: false,
};
const CRITICAL_UNIVERSAL_DEFAULT_PASSWORDS: ReasonText = {
  code: 'CRITICAL_UNIVERSAL_DEFAULT_PASSWORDS',
  title:
    'Universal default passwords in a critical-infrastructure or healthcare applicant, or in a fleet of high or critical criticality',
  overridable: true,
};
const CRITICAL_KEV_PAST_DUE: ReasonText = {
  code: 'CRITICAL_KEV_PAST_DUE',
  title:
    'Known exploited vulnerabilities past their CISA due date in a critical-infrastructure or healthcare applicant, or in a fleet of high or critical criticality',
  overridable: true,
};
const CRITICAL_REMOTE_ADMIN_EXPOSED: ReasonText = {
  code: 'CRITICAL_REMOTE_ADMIN_EXPOSED',
  title:
    'Remote administration exposed to the internet in a critical-infrastructure or healthcare applicant, or in a fleet of high or critical criticality',
  overridable: true,
};
const KEV_PAST_DUE_MANY: ReasonText = {
  code: 'KEV_PAST_DUE_MANY',
  title: 'Five or more known exploited vulnerabilities past their CISA due date',
  overridable: true,
};
const NO_UPDATE_MECHANISM: ReasonText = {
  code: 'NO_UPDATE_MECHANISM',
  title: 'A device maker whose devices cannot be updated',
  overridable: true,
};
const END_OF_SUPPORT_MAJORITY: ReasonText = {
  code: 'END_OF_SUPPORT_MAJORITY',
  title: 'Half or more of the fleet is past end of support',
  overridable: true,
};
const UNCAPPED_INDEMNITY_UNLIMITED_LIABILITY: ReasonText = {
  code: 'UNCAPPED_INDEMNITY_UNLIMITED_LIABILITY',
  title: 'Uncapped indemnities given to customers with no limitation of the applicant’s own liability',
  overridable: true,
};
const OPEN_REGULATORY_ACTION: ReasonText = {
  code: 'OPEN_REGULATORY_ACTION',
  title: 'A regulatory action is open (or of unknown status)',
  overridable: true,
};
const HIGH_RISK_TIER: ReasonText = {
  code: 'HIGH_RISK_TIER',
  title: 'The posture places the applicant in the high-risk tier',
  overridable: true,
};
const DEFAULT_OR_HARDCODED_CREDENTIAL_DEVICES: RestrictionText = {
  code: 'DEFAULT_OR_HARDCODED_CREDENTIAL_DEVICES',
  kind: 'exclusion',
  part: 'all',
  title: 'Claims arising from devices shipped with universal default passwords or hard-coded credentials',
  remedy: 'Ship unique per-device or user-set credentials and remove hard-coded credentials.',
  source:
    'UK PSTI (SI 2023/1007 Sch. 1 para 1) and California Civil Code 1798.91.04 (SB-327) ban universal default passwords; ETSI EN 303 645 5.1-1 and 5.4-3.',
};
const KEV_PAST_DUE_COINSURANCE: RestrictionText = {
  code: 'KEV_PAST_DUE_COINSURANCE',
  kind: 'coinsurance',
  part: 'all',
  title:
    'Coinsurance on losses arising from exploitation of a known exploited vulnerability left open past its CISA due date: 10% for one, 5 points more for each further one, 10 more when one is used by ransomware, 10 more when one is over 90 days past due, at most 50%',
  remedy: 'Remediate or mitigate each past-due KEV vulnerability (the catalog’s required action) and evidence it.',
  source:
    'CISA BOD 22-01 due dates; the market’s “neglected software exploit” endorsements, which step coinsurance up the longer a known fix is left unapplied.',
};
const END_OF_SUPPORT_DEVICE_BRICKING: RestrictionText = {
  code: 'END_OF_SUPPORT_DEVICE_BRICKING',
  kind: 'sublimit',
  part: 'device_bricking',
  title: 'Device bricking sublimited to 10% of the aggregate while more than 10% of the fleet is past end of support',
  remedy: 'Bring the share of the fleet past end of support to 10% or less (retire, replace or extend support).',
  source: 'NIST SP 800-53 SA-22; EU CRA Art. 13(8) support period.',
};
const END_OF_SUPPORT_BUSINESS_INTERRUPTION: RestrictionText = {
  code: 'END_OF_SUPPORT_BUSINESS_INTERRUPTION',
  kind: 'sublimit',
  part: 'business_interruption',
  title:
    'Business interruption sublimited to 25% of the aggregate while more than 10% of the fleet is past end of support',
  remedy: 'Bring the share of the fleet past end of support to 10% or less.',
  source: 'NIST SP 800-53 SA-22; EU CRA Art. 13(8) support period.',
};
const UNSIGNED_UPDATES_DEVICE_BRICKING: RestrictionText = {
  code: 'UNSIGNED_UPDATES_DEVICE_BRICKING',
  kind: 'sublimit',
  part: 'device_bricking',
  title:
    'Device bricking and device compromise sublimited to 10% of the aggregate while devices accept unsigned updates or cannot be updated',
  remedy: 'Sign firmware updates and have devices verify the signature before installing.',
  source: 'ETSI EN 303 645 5.3-9 and 5.3-10; NIST SP 800-193 (platform firmware resiliency); NIST SP 800-53 SI-7(15).',
};
const NO_MFA_REMOTE_EXTORTION: RestrictionText = {
  code: 'NO_MFA_REMOTE_EXTORTION',
  kind: 'sublimit',
  part: 'cyber_extortion',
  title:
    'Cyber extortion sublimited to 25% of the aggregate (instead of 50%) while remote access is not protected by MFA',
  remedy: 'Require multi-factor authentication on all remote access (VPN, remote desktop, device management).',
  source:
    'Market ransomware sublimits and MFA requirements (since 2021); NIST SP 800-53 IA-2; PCI DSS 8.4.3; CISA #StopRansomware Guide.',
};
const UNCAPPED_CUSTOMER_INDEMNITY: RestrictionText = {
  code: 'UNCAPPED_CUSTOMER_INDEMNITY',
  kind: 'exclusion',
  part: 'technology_errors_omissions',
  title:
    'Liability assumed under uncapped indemnities given to customers, beyond the liability the insured would have without the contract',
  remedy: 'Cap the indemnities given to customers for security failures.',
  source: 'Contractual-liability exclusions of technology E&O and cyber forms.',
};
const SPECIFIC_MATTER_UNREMEDIATED: RestrictionText = {
  code: 'SPECIFIC_MATTER_UNREMEDIATED',
  kind: 'exclusion',
  part: 'all',
  title: 'Claims arising from a disclosed incident whose root cause is declared not remediated (specific matter)',
  remedy: 'Remediate the root cause of every disclosed incident and evidence it.',
  source: 'Specific-matter (known circumstance) exclusions of claims-made cyber forms.',
};
const NO_OFFLINE_BACKUPS_WAITING_PERIOD: RestrictionText = {
  code: 'NO_OFFLINE_BACKUPS_WAITING_PERIOD',
  kind: 'waiting_period',
  part: 'business_interruption',
  title: 'Business-interruption waiting period of 24 hours (instead of 12) while backups are not offline or immutable',
  remedy: 'Keep offline or immutable backups out of ransomware’s reach and test restoring them.',
  source: 'CISA #StopRansomware Guide; NIST SP 800-53 CP-9.',
};
const KEV_REMEDIATE: SubjectivityText = {
  code: 'KEV_REMEDIATE',
  title: 'Remediate this known exploited vulnerability, past its CISA due date, before binding',
  timing: 'pre_bind',
  evidence:
    'A scan or patch report, dated after the quote, showing the vulnerability remediated or mitigated as the catalog’s required action says.',
  onFailure: 'The quote cannot be bound; a new assessment without the past-due vulnerability is re-rated.',
};
const KEV_REMEDIATE_UNLISTED: SubjectivityText = {
  code: 'KEV_REMEDIATE_UNLISTED',
  title: 'Identify and remediate the past-due known exploited vulnerabilities declared but not listed by CVE id',
  timing: 'pre_bind',
  evidence:
    'The CVE ids of every past-due KEV vulnerability declared, and a scan or patch report dated after the quote showing each remediated or mitigated.',
  onFailure: 'The quote cannot be bound; a new assessment listing the vulnerabilities is re-rated.',
};
const KEV_DECLARATION_MISMATCH: ReasonText = {
  code: 'KEV_DECLARATION_MISMATCH',
  title:
    'The KEV catalog match finds more open or past-due known exploited vulnerabilities than the applicant declared',
  overridable: true,
};
const INCIDENT_DETAILS: SubjectivityText = {
  code: 'INCIDENT_DETAILS',
  title: 'Complete the details of every disclosed incident before binding',
  timing: 'pre_bind',
  evidence:
    'For each incident: its date, kind and whether its root cause is remediated, with the forensic or closing report.',
  onFailure: 'The quote cannot be bound; an incident left incomplete may be excluded as a specific matter.',
};
const REMOTE_ADMIN_CLOSE: SubjectivityText = {
  code: 'REMOTE_ADMIN_CLOSE',
  title: 'Close internet-facing remote administration within 60 days of binding',
  timing: 'post_bind',
  dueDays: 60,
  evidence:
    'An external scan (the carrier’s or an independent one) showing no telnet, SSH, UPnP or web administration reachable from the internet.',
  onFailure:
    'The underwriter may apply the remote-administration exclusion by endorsement at the due date or decline to renew.',
};
const INCIDENT_RESPONSE_PLAN: SubjectivityText = {
  code: 'INCIDENT_RESPONSE_PLAN',
  title: 'Adopt a written incident-response plan within 90 days of binding',
  timing: 'post_bind',
  dueDays: 90,
  evidence:
    'The written plan, naming the incident lead, the carrier’s breach hotline and notification duties (GDPR 72 hours, EU CRA 24 hours).',
  onFailure: 'The underwriter may reduce the incident-response sublimit by endorsement or decline to renew.',
};

// No restriction of this model earns a premium credit (`credit: false` throughout).
function exclusion(text: RestrictionText, triggeredBy: Trigger[]): Restriction {
  const { code, kind, part, title, remedy, source } = text;
  return { code, kind, part, title, triggeredBy, remedy, source, credit: false };
}
function sublimit(text: RestrictionText, triggeredBy: Trigger[], sublimitShare: number): Restriction {
  const { code, kind, part, title, remedy, source } = text;
  return { code, kind, part, title, triggeredBy, remedy, source, sublimitShare, credit: false };
}
function coinsurance(text: RestrictionText, triggeredBy: Trigger[], coinsurancePct: number): Restriction {
  const { code, kind, part, title, remedy, source } = text;
  return { code, kind, part, title, triggeredBy, remedy, source, coinsurancePct, credit: false };
}
function waitingPeriod(text: RestrictionText, triggeredBy: Trigger[], waitingPeriodHours: number): Restriction {
  const { code, kind, part, title, remedy, source } = text;
  return { code, kind, part, title, triggeredBy, remedy, source, waitingPeriodHours, credit: false };
}
function reason(text: ReasonText, triggeredBy: Trigger[]): Reason {
  return { code: text.code, title: text.title, overridable: text.overridable, triggeredBy };
}
function subjectivity(text: SubjectivityText, triggeredBy: Trigger[]): Subjectivity {
  const { code, title, timing, dueDays, evidence, onFailure } = text;
  return dueDays === undefined
    ? { code, title, timing, evidence, status: 'open', onFailure, triggeredBy }
    : { code, title, timing, dueDays, evidence, status: 'open', onFailure, triggeredBy };
}

// ---------------------------------------------------------------------------------------------------------------
// Scores: each domain is 100 × points earned / points available, to two decimals.

/** Patch cadence and vulnerability handling: weight 0.25, 94 points. */
function scorePatching(f: IotFacts): DomainResult {
  const factors: FactorResult[] = [];
  let earned = 0;
  let p: number;

  p = at(CRITICAL_REMEDIATION_POINTS, f.criticalRemediationDays);
  earned += p;
  factors.push(
    factor(
      'critical_remediation',
      'Time to remediate critical vulnerabilities',
      f.criticalRemediationDays,
      p,
      12,
      `Critical vulnerabilities are remediated in a median ${fmt(f.criticalRemediationDays)} days (${fmt(p)} of 12 points); the model’s target is 15 days for critical vulnerabilities on internet-facing systems (CISA BOD 19-02), full credit at 7.`,
    ),
  );
  p = at(HIGH_REMEDIATION_POINTS, f.highRemediationDays);
  earned += p;
  factors.push(
    factor(
      'high_remediation',
      'Time to remediate high-severity vulnerabilities',
      f.highRemediationDays,
      p,
      8,
      `High-severity vulnerabilities are remediated in a median ${fmt(f.highRemediationDays)} days (${fmt(p)} of 8 points); the model’s target is 30 days (CISA BOD 19-02).`,
    ),
  );
  p = f.kevOpenCount === 0 ? 6 : Math.max(0, 3 - f.kevOpenCount);
  earned += p;
  factors.push(
    factor(
      'open_kev',
      'Open known exploited vulnerabilities',
      f.kevOpenCount,
      p,
      6,
      `${fmt(f.kevOpenCount)} vulnerabilities listed in CISA’s Known Exploited Vulnerabilities catalog are open (${fmt(p)} of 6 points); KEV entries are being exploited in the wild and are to be fixed by the catalog’s due date (CISA BOD 22-01).`,
    ),
  );
  p = f.kevPastDueCount === 0 ? 10 : Math.max(0, 4 - 2 * f.kevPastDueCount);
  earned += p;
  factors.push(
    factor(
      'kev_past_due',
      'Known exploited vulnerabilities past their due date',
      f.kevPastDueCount,
      p,
      10,
      `${fmt(f.kevPastDueCount)} open KEV vulnerabilities are past the due date CISA set for them (${fmt(p)} of 10 points); BOD 22-01 gives two weeks for vulnerabilities listed since 2021. A past-due KEV also caps the tier at standard.`,
    ),
  );
  p = f.fleetUnits === 0 ? 6 : at(SUPPORTED_FIRMWARE_POINTS, f.fleetOnSupportedFirmwarePct);
  earned += p;
  factors.push(
    factor(
      'supported_firmware',
      'Fleet on supported, current firmware',
      f.fleetOnSupportedFirmwarePct,
      p,
      6,
      `${fmt(f.fleetOnSupportedFirmwarePct)}% of the fleet runs supported, current firmware (${fmt(p)} of 6 points; full credit at 100%, none at 50% or less; full credit when no devices are declared). Keeping devices updated is a baseline IoT provision (ETSI EN 303 645 5.3, NISTIR 8259A).`,
    ),
  );
  p =
    f.fleetUnits === 0
      ? 6
      : at(END_OF_SUPPORT_POINTS, Math.max(f.endOfSupportFleetPct, (100 * f.endOfSupportUnits) / f.fleetUnits));
  earned += p;
  factors.push(
    factor(
      'end_of_support',
      'Fleet past end of support',
      f.endOfSupportFleetPct,
      p,
      6,
      `${fmt(f.endOfSupportFleetPct)}% of the fleet is declared past end of support; the larger of this and the share of declared fleet lines past their end-of-support date is scored (${fmt(p)} of 6 points). Unsupported devices receive no security updates (NIST SP 800-53 SA-22).`,
    ),
  );
  p = f.fleetUnits === 0 ? 8 : f.updateMechanism === 'ota' ? 8 : f.updateMechanism === 'manual' ? 4 : 0;
  earned += p;
  factors.push(
    factor(
      'update_mechanism',
      'Firmware update mechanism',
      f.updateMechanism,
      p,
      8,
      `Devices are updated by: ${f.updateMechanism} (${fmt(p)} of 8 points; over the air 8, manual 4, none 0). Devices must be updatable to be secure over their life (ETSI EN 303 645 5.3-1, EU CRA Annex I Part I(2)(c)).`,
    ),
  );
  p = f.fleetUnits === 0 ? 8 : f.updateMechanism !== 'none' && f.updatesSigned ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'signed_updates',
      'Signed and verified updates',
      f.updatesSigned,
      p,
      8,
      `Updates are signed and verified by the device: ${f.updatesSigned} (${fmt(p)} of 8 points; nothing without an update mechanism). Unsigned updates let an attacker install firmware of their own (ETSI EN 303 645 5.3-9, NIST SP 800-53 SI-7(15)).`,
    ),
  );
  p = f.fleetUnits === 0 ? 4 : f.updateMechanism === 'ota' && f.automaticUpdates ? 4 : 0;
  earned += p;
  factors.push(
    factor(
      'automatic_updates',
      'Automatic security updates',
      f.automaticUpdates,
      p,
      4,
      `Security updates install automatically: ${f.automaticUpdates} (${fmt(p)} of 4 points; counts only with over-the-air updates). Automatic updates close the window users leave open (ETSI EN 303 645 5.3-4).`,
    ),
  );
  p = f.fleetUnits === 0 ? 3 : f.updateMechanism !== 'none' && f.rollbackProtection ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'rollback_protection',
      'Anti-rollback protection',
      f.rollbackProtection,
      p,
      3,
      `Devices refuse older, vulnerable firmware: ${f.rollbackProtection} (${fmt(p)} of 3 points; nothing without an update mechanism). Without anti-rollback a patched flaw can be re-opened by downgrading.`,
    ),
  );
  p = f.fleetUnits === 0 ? 6 : at(SUPPORT_PERIOD_POINTS, f.supportPeriodMonths);
  earned += p;
  factors.push(
    factor(
      'support_period',
      'Published minimum security-support period',
      f.supportPeriodMonths,
      p,
      6,
      `Devices are supported with security updates for at least ${fmt(f.supportPeriodMonths)} months (${fmt(p)} of 6 points); the EU Cyber Resilience Act expects at least five years (60 months) unless the expected use is shorter (Regulation (EU) 2024/2847 Art. 13(8)).`,
    ),
  );
  p = f.fleetUnits === 0 ? 3 : f.supportPeriodPublished ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'support_period_published',
      'Support period published to buyers',
      f.supportPeriodPublished,
      p,
      3,
      `The support period is published to buyers: ${f.supportPeriodPublished} (${fmt(p)} of 3 points). The UK PSTI regime requires the defined support period to be published (SI 2023/1007 Sch. 1 para 3).`,
    ),
  );
  p = f.vulnerabilityDisclosurePolicy ? 5 : 0;
  earned += p;
  factors.push(
    factor(
      'disclosure_policy',
      'Vulnerability disclosure policy',
      f.vulnerabilityDisclosurePolicy,
      p,
      5,
      `A published vulnerability disclosure policy with a contact point: ${f.vulnerabilityDisclosurePolicy} (${fmt(p)} of 5 points). Required by UK PSTI (SI 2023/1007 Sch. 1 para 2) and ETSI EN 303 645 5.2-1; see ISO/IEC 29147.`,
    ),
  );
  p = f.vulnerabilityDisclosurePolicy ? at(DISCLOSURE_TIMELINE_POINTS, f.disclosureTimelineDays) : 0;
  earned += p;
  factors.push(
    factor(
      'disclosure_timeline',
      'Coordinated-disclosure timeline',
      f.disclosureTimelineDays,
      p,
      2,
      `Reported vulnerabilities are disclosed in coordination within ${fmt(f.disclosureTimelineDays)} days (${fmt(p)} of 2 points; full credit at the 90-day industry norm; nothing without a disclosure policy).`,
    ),
  );
  p = f.bugBounty || (f.employeeCount < 250 && f.annualRevenue < 50000000) ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'bug_bounty',
      'Bug bounty (scaled to size)',
      f.bugBounty,
      p,
      3,
      `A paid bug bounty is run: ${f.bugBounty} (${fmt(p)} of 3 points). Expected of organisations with 250 or more staff or USD 50M or more revenue (the EU SME ceiling, Commission Recommendation 2003/361/EC); smaller ones get full credit without one, as duties scale with size (Ohio Rev. Code 1354.02).`,
    ),
  );
  p = f.sbomMaintained ? 4 : 0;
  earned += p;
  factors.push(
    factor(
      'sbom',
      'Software bill of materials',
      f.sbomMaintained,
      p,
      4,
      `An SBOM is maintained for each release: ${f.sbomMaintained} (${fmt(p)} of 4 points). Expected by the EU CRA (Annex I Part II(1)), US Executive Order 14028 and, for medical devices, FD&C Act section 524B.`,
    ),
  );

  return { score: round2((100 * earned) / 94), weight: 0.25, factors };
}

/** Certifications and written security programmes: weight 0.1, 100 points. */
function scoreCertifications(f: IotFacts): DomainResult {
  const factors: FactorResult[] = [];
  let earned = 0;
  let p: number;

  p = f.deviceCertThirdParty ? 40 : f.deviceCertSelf ? 15 : 0;
  earned += p;
  factors.push(
    factor(
      'device_certification',
      'Device security certification',
      f.deviceCertThirdParty,
      p,
      40,
      `A valid third-party device certificate: ${f.deviceCertThirdParty} (${fmt(p)} of 40 points; 15 for a self-assessed one). Device schemes: ETSI EN 303 645, IEC 62443-4-2, US Cyber Trust Mark, UL 2900, PSA Certified, Common Criteria; certificates count only while valid on the rating date.`,
    ),
  );
  p = f.operationsCertThirdParty ? 25 : f.operationsCertSelf ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'operations_certification',
      'Operations security certification',
      f.operationsCertThirdParty,
      p,
      25,
      `A valid third-party certificate of the security of operations: ${f.operationsCertThirdParty} (${fmt(p)} of 25 points; 8 for a self-assessed one). Operations schemes: ISO/IEC 27001, SOC 2 Type II, Cyber Essentials Plus, IEC 62443-3-3, IEC 62443-4-1.`,
    ),
  );
  p = f.verifiedFrameworkCount > 0 ? 20 : f.frameworkCount > 0 ? 10 : 0;
  earned += p;
  factors.push(
    factor(
      'security_programme',
      'Written security programme',
      f.verifiedFrameworkCount,
      p,
      20,
      `${fmt(f.verifiedFrameworkCount)} written security programmes are independently verified (${fmt(p)} of 20 points; 10 for a self-attested one). A programme conforming to a recognised framework (NIST CSF, SP 800-53, ISO/IEC 27001, CIS Controls) is what the Ohio, Utah, Connecticut and Iowa safe harbors ask for.`,
    ),
  );
  p = at(FRAMEWORK_REVIEW_POINTS, f.frameworkReviewAgeDays);
  earned += p;
  factors.push(
    factor(
      'programme_review',
      'Programme reviewed recently',
      f.frameworkReviewAgeDays,
      p,
      15,
      `The security programme was last reviewed ${fmt(f.frameworkReviewAgeDays)} days ago (${fmt(p)} of 15 points; full within a year). Safe harbors expect a programme kept current with framework revisions (Ohio Rev. Code 1354.03: within one year of a revision).`,
    ),
  );

  return { score: round2((100 * earned) / 100), weight: 0.1, factors };
}

/** Access control, device hardening and secure development: weight 0.25, 105 points. */
function scoreAccess(f: IotFacts): DomainResult {
  const factors: FactorResult[] = [];
  let earned = 0;
  let p: number;

  p = f.defaultCredentials === 'unique_per_device' ? 12 : f.defaultCredentials === 'set_at_setup' ? 10 : 0;
  earned += p;
  factors.push(
    factor(
      'default_credentials',
      'Default credentials',
      f.defaultCredentials,
      p,
      12,
      `Devices ship with credentials that are: ${f.defaultCredentials} (${fmt(p)} of 12 points). Universal default passwords are banned by UK PSTI (SI 2023/1007 Sch. 1 para 1) and California SB-327 (Civil Code 1798.91.04); nobody is excused them whatever their size.`,
    ),
  );
  p = f.hardcodedCredentials ? 0 : 12;
  earned += p;
  factors.push(
    factor(
      'hardcoded_credentials',
      'No hard-coded credentials',
      f.hardcodedCredentials,
      p,
      12,
      `Hard-coded credentials present: ${f.hardcodedCredentials} (${fmt(p)} of 12 points). Credentials that cannot be changed are treated at least as severely as universal default passwords (ETSI EN 303 645 5.4-3, CWE-798).`,
    ),
  );
  p = f.mfaAdmin ? 6 : 0;
  earned += p;
  factors.push(
    factor(
      'mfa_admin',
      'MFA on administrative accounts',
      f.mfaAdmin,
      p,
      6,
      `Multi-factor authentication required for administrators: ${f.mfaAdmin} (${fmt(p)} of 6 points; NIST SP 800-53 IA-2(1), NIST CSF 2.0 PR.AA-03).`,
    ),
  );
  p = f.mfaRemote ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'mfa_remote',
      'MFA on remote access',
      f.mfaRemote,
      p,
      8,
      `Multi-factor authentication required for remote access: ${f.mfaRemote} (${fmt(p)} of 8 points). Stolen remote-access credentials are the commonest ransomware entry; MFA on remote access is a market minimum (NIST SP 800-53 IA-2, PCI DSS 8.4.3).`,
    ),
  );
  p = f.mfaCloudConsole ? 6 : 0;
  earned += p;
  factors.push(
    factor(
      'mfa_cloud_console',
      'MFA on cloud and device-management consoles',
      f.mfaCloudConsole,
      p,
      6,
      `Multi-factor authentication required on cloud and device-management consoles: ${f.mfaCloudConsole} (${fmt(p)} of 6 points). A console controls the whole fleet (NIST SP 800-53 IA-2).`,
    ),
  );
  p = f.rbac ? 4 : 0;
  earned += p;
  factors.push(
    factor(
      'rbac',
      'Role-based access control',
      f.rbac,
      p,
      4,
      `Role-based access control: ${f.rbac} (${fmt(p)} of 4 points; least privilege, NIST SP 800-53 AC-6).`,
    ),
  );
  p = f.rbac ? at(ACCESS_REVIEW_POINTS, f.accessReviewDays) : 0;
  earned += p;
  factors.push(
    factor(
      'access_review',
      'Access reviews',
      f.accessReviewDays,
      p,
      3,
      `Access is reviewed every ${fmt(f.accessReviewDays)} days (${fmt(p)} of 3 points; full at quarterly; nothing without role-based access; NIST SP 800-53 AC-2(j)).`,
    ),
  );
  p = f.privilegedAccessManagement || (f.employeeCount < 250 && f.annualRevenue < 50000000) ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'privileged_access_management',
      'Privileged-access management (scaled to size)',
      f.privilegedAccessManagement,
      p,
      3,
      `Privileged accounts go through a PAM tool: ${f.privilegedAccessManagement} (${fmt(p)} of 3 points). Expected from 250 staff or USD 50M revenue; smaller organisations get full credit without one.`,
    ),
  );
  p = f.remoteAdminExposed ? 0 : 10;
  earned += p;
  factors.push(
    factor(
      'remote_admin_closed',
      'Remote administration not exposed to the internet',
      f.remoteAdminExposed,
      p,
      10,
      `Remote administration (telnet, SSH, UPnP, web admin) reachable from the internet: ${f.remoteAdminExposed} (${fmt(p)} of 10 points). Exposed telnet with default credentials is how the Mirai botnet spread in 2016 (ETSI EN 303 645 5.6: minimise exposed attack surfaces; CISA BOD 23-02).`,
    ),
  );
  p = f.encryptionInTransit === 'tls1_3' ? 6 : f.encryptionInTransit === 'tls1_2' ? 5 : 0;
  earned += p;
  factors.push(
    factor(
      'encryption_in_transit',
      'Encryption in transit',
      f.encryptionInTransit,
      p,
      6,
      `The weakest transport encryption used is: ${f.encryptionInTransit} (${fmt(p)} of 6 points; ETSI EN 303 645 5.5-1, NIST SP 800-52 Rev. 2).`,
    ),
  );
  p = f.encryptionAtRest ? 4 : 0;
  earned += p;
  factors.push(
    factor(
      'encryption_at_rest',
      'Encryption at rest',
      f.encryptionAtRest,
      p,
      4,
      `Stored data is encrypted on devices and servers: ${f.encryptionAtRest} (${fmt(p)} of 4 points; NIST SP 800-53 SC-28).`,
    ),
  );
  p = f.fleetUnits === 0 ? 5 : f.secureBoot ? 5 : 0;
  earned += p;
  factors.push(
    factor(
      'secure_boot',
      'Secure boot',
      f.secureBoot,
      p,
      5,
      `Devices boot only signed firmware: ${f.secureBoot} (${fmt(p)} of 5 points; ETSI EN 303 645 5.7-1, IEC 62443-4-2 CR 3.14).`,
    ),
  );
  p = f.fleetUnits === 0 ? 3 : f.hardwareRootOfTrust ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'hardware_root_of_trust',
      'Hardware root of trust',
      f.hardwareRootOfTrust,
      p,
      3,
      `Device keys are held in a hardware root of trust: ${f.hardwareRootOfTrust} (${fmt(p)} of 3 points; ETSI EN 303 645 5.4-1, PSA Certified level 2 and above).`,
    ),
  );
  p = f.networkSegmentation ? 6 : 0;
  earned += p;
  factors.push(
    factor(
      'network_segmentation',
      'Network segmentation',
      f.networkSegmentation,
      p,
      6,
      `Devices and corporate systems are on segmented networks: ${f.networkSegmentation} (${fmt(p)} of 6 points; IEC 62443-3-3 zones and conduits, NIST SP 800-53 SC-7).`,
    ),
  );
  p = f.threatModeling ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'threat_modeling',
      'Threat modelling',
      f.threatModeling,
      p,
      3,
      `Products are threat-modelled in design: ${f.threatModeling} (${fmt(p)} of 3 points; IEC 62443-4-1 SR-2, NIST SP 800-218 PW.1).`,
    ),
  );
  p =
    f.secureDevelopmentLifecycle === 'iec_62443_4_1'
      ? 5
      : f.secureDevelopmentLifecycle === 'nist_ssdf'
        ? 4
        : f.secureDevelopmentLifecycle === 'internal'
          ? 2
          : 0;
  earned += p;
  factors.push(
    factor(
      'secure_development_lifecycle',
      'Secure development lifecycle',
      f.secureDevelopmentLifecycle,
      p,
      5,
      `The secure development lifecycle followed: ${f.secureDevelopmentLifecycle} (${fmt(p)} of 5 points; IEC 62443-4-1 5, which is certifiable, NIST SSDF (SP 800-218) 4, an internal one 2).`,
    ),
  );
  p = f.securityTestingBeforeRelease ? 4 : 0;
  earned += p;
  factors.push(
    factor(
      'security_testing_before_release',
      'Security testing before release',
      f.securityTestingBeforeRelease,
      p,
      4,
      `Every release passes security testing: ${f.securityTestingBeforeRelease} (${fmt(p)} of 4 points; IEC 62443-4-1 SVV-1 to SVV-4, NIST SP 800-218 PW.8).`,
    ),
  );
  p = f.thirdPartyComponentReview ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'third_party_component_review',
      'Third-party component review',
      f.thirdPartyComponentReview,
      p,
      3,
      `Third-party and open-source components are reviewed before use: ${f.thirdPartyComponentReview} (${fmt(p)} of 3 points; NIST SP 800-218 PW.4, EU CRA Art. 13(5)).`,
    ),
  );
  p = f.fleetUnits === 0 ? 2 : f.tamperResistance ? 2 : f.highCriticalityFleet ? 0 : 1;
  earned += p;
  factors.push(
    factor(
      'tamper_resistance',
      'Tamper resistance (scaled to harm potential)',
      f.tamperResistance,
      p,
      2,
      `Devices resist physical tampering: ${f.tamperResistance} (${fmt(p)} of 2 points; half credit without it for fleets of low or moderate criticality, none for high or critical ones; IEC 62443-4-2 EDR 3.11).`,
    ),
  );

  return { score: round2((100 * earned) / 105), weight: 0.25, factors };
}

/** Contractual protections: weight 0.12, 98 points. */
function scoreContracts(f: IotFacts): DomainResult {
  const factors: FactorResult[] = [];
  let earned = 0;
  let p: number;

  p = f.customerIndemnityGiven === 'none' ? 20 : f.customerIndemnityGiven === 'capped' ? 12 : 0;
  earned += p;
  factors.push(
    factor(
      'customer_indemnity',
      'Indemnity given to customers',
      f.customerIndemnityGiven,
      p,
      20,
      `Indemnity for security failures given to customers: ${f.customerIndemnityGiven} (${fmt(p)} of 20 points). Indemnities are liability assumed by contract: broader is riskier, and an uncapped one also brings the contractual-liability exclusion.`,
    ),
  );
  p = f.limitationOfLiability ? 20 : 0;
  earned += p;
  factors.push(
    factor(
      'limitation_of_liability',
      'Limitation of liability in customer contracts',
      f.limitationOfLiability,
      p,
      20,
      `Customer contracts cap the applicant’s own liability: ${f.limitationOfLiability} (${fmt(p)} of 20 points).`,
    ),
  );
  p = at(CUSTOMER_NOTIFICATION_POINTS, f.customerBreachNotificationHours);
  earned += p;
  factors.push(
    factor(
      'customer_breach_notification',
      'Breach-notification commitment to customers',
      f.customerBreachNotificationHours,
      p,
      8,
      `Customers are told of a breach within ${fmt(f.customerBreachNotificationHours)} hours (${fmt(p)} of 8 points; full at 72 hours or less, so customers who are controllers can meet GDPR Art. 33’s 72 hours and processors notify without undue delay, Art. 33(2)).`,
    ),
  );
  p = at(POST_SALE_SUPPORT_POINTS, f.postSaleSupportMonths);
  earned += p;
  factors.push(
    factor(
      'post_sale_support',
      'Post-sale security support committed by contract',
      f.postSaleSupportMonths,
      p,
      8,
      `${fmt(f.postSaleSupportMonths)} months of post-sale security support are committed to customers (${fmt(p)} of 8 points; full at the EU CRA’s five years).`,
    ),
  );
  p = f.supplierIndemnity === 'full' ? 14 : f.supplierIndemnity === 'partial' ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'supplier_indemnity',
      'Indemnity from suppliers',
      f.supplierIndemnity,
      p,
      14,
      `Suppliers indemnify the applicant for security defects: ${f.supplierIndemnity} (${fmt(p)} of 14 points). Recovery the insurer can pursue by subrogation.`,
    ),
  );
  p = f.supplierLiabilityCapped ? 0 : 4;
  earned += p;
  factors.push(
    factor(
      'supplier_liability_uncapped',
      'Suppliers’ liability not capped',
      f.supplierLiabilityCapped,
      p,
      4,
      `Suppliers’ liability to the applicant is capped: ${f.supplierLiabilityCapped} (${fmt(p)} of 4 points). A cap limits what can be recovered from a supplier whose component caused a loss.`,
    ),
  );
  p = f.supplierSecurityFlowDown ? 10 : 0;
  earned += p;
  factors.push(
    factor(
      'supplier_security_flow_down',
      'Security obligations flowed down to suppliers',
      f.supplierSecurityFlowDown,
      p,
      10,
      `Security obligations are flowed down to suppliers: ${f.supplierSecurityFlowDown} (${fmt(p)} of 10 points; NIST CSF 2.0 GV.SC-05, NIST SP 800-53 SR-3).`,
    ),
  );
  p = f.supplierAuditRights ? 6 : 0;
  earned += p;
  factors.push(
    factor(
      'supplier_audit_rights',
      'Right to audit suppliers',
      f.supplierAuditRights,
      p,
      6,
      `The applicant may audit its suppliers’ security: ${f.supplierAuditRights} (${fmt(p)} of 6 points; NIST SP 800-53 SR-6).`,
    ),
  );
  p = f.suppliersCarryCyberInsurance ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'suppliers_carry_cyber_insurance',
      'Suppliers required to carry cyber insurance',
      f.suppliersCarryCyberInsurance,
      p,
      8,
      `Suppliers must carry cyber insurance: ${f.suppliersCarryCyberInsurance} (${fmt(p)} of 8 points); it funds the recovery an indemnity promises.`,
    ),
  );

  return { score: round2((100 * earned) / 98), weight: 0.12, factors };
}

/** Monitoring, incident response and governance: weight 0.17, 73 points. */
function scoreMonitoring(f: IotFacts): DomainResult {
  const factors: FactorResult[] = [];
  let earned = 0;
  let p: number;

  p = f.centralizedLogging ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'centralized_logging',
      'Centralised security logging',
      f.centralizedLogging,
      p,
      8,
      `Security logs are collected centrally: ${f.centralizedLogging} (${fmt(p)} of 8 points; NIST SP 800-53 AU-6, NIST CSF 2.0 DE.CM).`,
    ),
  );
  p = f.centralizedLogging ? at(LOG_RETENTION_POINTS, f.logRetentionDays) : 0;
  earned += p;
  factors.push(
    factor(
      'log_retention',
      'Log retention',
      f.logRetentionDays,
      p,
      5,
      `Centralised logs are kept ${fmt(f.logRetentionDays)} days (${fmt(p)} of 5 points; full at 12 months, as OMB M-21-31 and PCI DSS 10.5.1 require; NIST SP 800-53 AU-11; nothing without central logging).`,
    ),
  );
  p = f.intrusionDetection ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'intrusion_detection',
      'Intrusion and anomaly detection',
      f.intrusionDetection,
      p,
      8,
      `Intrusion or anomaly detection watches devices and networks: ${f.intrusionDetection} (${fmt(p)} of 8 points; NIST SP 800-53 SI-4).`,
    ),
  );
  p = at(SCAN_INTERVAL_POINTS, f.vulnerabilityScanIntervalDays);
  earned += p;
  factors.push(
    factor(
      'vulnerability_scanning',
      'Vulnerability scanning interval',
      f.vulnerabilityScanIntervalDays,
      p,
      6,
      `The estate and fleet are scanned every ${fmt(f.vulnerabilityScanIntervalDays)} days (${fmt(p)} of 6 points; full at weekly; quarterly is the floor in PCI DSS 11.3 and CIS Control 7; NIST SP 800-53 RA-5).`,
    ),
  );
  p = at(PEN_TEST_AGE_POINTS, f.lastPenetrationTestAgeDays);
  earned += p;
  factors.push(
    factor(
      'penetration_test',
      'Penetration test recency',
      f.lastPenetrationTestAgeDays,
      p,
      6,
      `The last independent penetration test was ${fmt(f.lastPenetrationTestAgeDays)} days ago (${fmt(p)} of 6 points; full within 12 months, PCI DSS 11.4; NIST SP 800-53 CA-8).`,
    ),
  );
  p = f.incidentResponsePlan ? 8 : 0;
  earned += p;
  factors.push(
    factor(
      'incident_response_plan',
      'Incident-response plan',
      f.incidentResponsePlan,
      p,
      8,
      `A written incident-response plan exists: ${f.incidentResponsePlan} (${fmt(p)} of 8 points; NIST SP 800-53 IR-8, NIST SP 800-61).`,
    ),
  );
  p = f.incidentResponsePlan ? at(IR_TEST_AGE_POINTS, f.incidentResponseLastTestedAgeDays) : 0;
  earned += p;
  factors.push(
    factor(
      'incident_response_tested',
      'Incident-response plan exercised',
      f.incidentResponseLastTestedAgeDays,
      p,
      5,
      `The incident-response plan was last exercised ${fmt(f.incidentResponseLastTestedAgeDays)} days ago (${fmt(p)} of 5 points; full within a year; NIST SP 800-53 IR-3; nothing without a plan).`,
    ),
  );
  p = at(BREACH_NOTIFICATION_POINTS, f.breachNotificationTargetHours);
  earned += p;
  factors.push(
    factor(
      'breach_notification_target',
      'Breach-notification target',
      f.breachNotificationTargetHours,
      p,
      4,
      `The internal target for notifying regulators and affected people is ${fmt(f.breachNotificationTargetHours)} hours (${fmt(p)} of 4 points; full at GDPR Art. 33’s 72 hours).`,
    ),
  );
  p = at(EXPLOITED_REPORTING_POINTS, f.exploitedVulnReportingHours);
  earned += p;
  factors.push(
    factor(
      'exploited_vulnerability_reporting',
      'Reporting of actively exploited vulnerabilities',
      f.exploitedVulnReportingHours,
      p,
      4,
      `Actively exploited vulnerabilities are reported to the authorities within ${fmt(f.exploitedVulnReportingHours)} hours (${fmt(p)} of 4 points; full at the EU CRA’s 24-hour early warning, Regulation (EU) 2024/2847 Art. 14(2)(a)).`,
    ),
  );
  p = f.securityOwner ? 5 : 0;
  earned += p;
  factors.push(
    factor(
      'security_owner',
      'Named security owner',
      f.securityOwner,
      p,
      5,
      `A named person is accountable for security: ${f.securityOwner} (${fmt(p)} of 5 points; NIST CSF 2.0 GV.RR-02).`,
    ),
  );
  p = at(TRAINING_INTERVAL_POINTS, f.securityTrainingIntervalMonths);
  earned += p;
  factors.push(
    factor(
      'security_training',
      'Security-awareness training',
      f.securityTrainingIntervalMonths,
      p,
      4,
      `Staff are trained every ${fmt(f.securityTrainingIntervalMonths)} months (${fmt(p)} of 4 points; full at least annually; NIST SP 800-53 AT-2).`,
    ),
  );
  p = Math.max(
    at(AUDIT_INTERVAL_POINTS, f.independentAuditIntervalMonths),
    f.employeeCount < 250 && f.annualRevenue < 50000000 ? 2 : 0,
  );
  earned += p;
  factors.push(
    factor(
      'independent_audit',
      'Independent audit interval (scaled to size)',
      f.independentAuditIntervalMonths,
      p,
      4,
      `The security programme is independently audited every ${fmt(f.independentAuditIntervalMonths)} months (${fmt(p)} of 4 points; full at annual; organisations under 250 staff and USD 50M revenue get at least half credit).`,
    ),
  );
  p = f.consentsToExternalScanning ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'external_scanning_consent',
      'Consent to the carrier’s external scanning',
      f.consentsToExternalScanning,
      p,
      3,
      `The applicant consents to the carrier scanning its internet-facing systems: ${f.consentsToExternalScanning} (${fmt(p)} of 3 points; a condition of the carrier’s IoT safe harbor: transparency and ongoing monitoring).`,
    ),
  );
  p = f.remediationCooperationUndertaking ? 3 : 0;
  earned += p;
  factors.push(
    factor(
      'remediation_cooperation',
      'Remediation-cooperation undertaking',
      f.remediationCooperationUndertaking,
      p,
      3,
      `The applicant undertakes to remediate vulnerabilities the carrier reports: ${f.remediationCooperationUndertaking} (${fmt(p)} of 3 points; a condition of the carrier’s IoT safe harbor: cooperative remediation).`,
    ),
  );

  return { score: round2((100 * earned) / 73), weight: 0.17, factors };
}

/** Data handling and resilience: weight 0.11, 100 points. */
function scoreData(f: IotFacts): DomainResult {
  const factors: FactorResult[] = [];
  let earned = 0;
  let p: number;

  p = f.dataMinimization ? 15 : 0;
  earned += p;
  factors.push(
    factor(
      'data_minimization',
      'Data minimisation',
      f.dataMinimization,
      p,
      15,
      `Only the personal data the product needs is collected: ${f.dataMinimization} (${fmt(p)} of 15 points; GDPR Art. 5(1)(c)). Data not held cannot be breached.`,
    ),
  );
  p = f.retentionSchedule ? 10 : 0;
  earned += p;
  factors.push(
    factor(
      'retention_schedule',
      'Retention schedule',
      f.retentionSchedule,
      p,
      10,
      `A retention schedule sets how long data is kept: ${f.retentionSchedule} (${fmt(p)} of 10 points; GDPR Art. 5(1)(e)).`,
    ),
  );
  p = f.secureDisposal ? 10 : 0;
  earned += p;
  factors.push(
    factor(
      'secure_disposal',
      'Secure disposal',
      f.secureDisposal,
      p,
      10,
      `Data and decommissioned devices are wiped or destroyed: ${f.secureDisposal} (${fmt(p)} of 10 points; NIST SP 800-88, ETSI EN 303 645 5.11-1).`,
    ),
  );
  p = f.personalDataEncrypted ? 20 : 0;
  earned += p;
  factors.push(
    factor(
      'personal_data_encrypted',
      'Stored personal data encrypted',
      f.personalDataEncrypted,
      p,
      20,
      `Stored personal data is encrypted: ${f.personalDataEncrypted} (${fmt(p)} of 20 points; GDPR Art. 32(1)(a); encrypted data often relieves notification duties, GDPR Art. 34(3)(a) and many US state laws).`,
    ),
  );
  p = f.offlineBackups ? 25 : 0;
  earned += p;
  factors.push(
    factor(
      'offline_backups',
      'Offline or immutable backups',
      f.offlineBackups,
      p,
      25,
      `Backups are offline or immutable: ${f.offlineBackups} (${fmt(p)} of 25 points; the first ransomware control in the CISA #StopRansomware Guide; NIST SP 800-53 CP-9).`,
    ),
  );
  p = f.offlineBackups ? at(RESTORE_TEST_AGE_POINTS, f.lastRestoreTestAgeDays) : 0;
  earned += p;
  factors.push(
    factor(
      'restore_test',
      'Restore tested',
      f.lastRestoreTestAgeDays,
      p,
      20,
      `A restore from backup was last tested ${fmt(f.lastRestoreTestAgeDays)} days ago (${fmt(p)} of 20 points; full within 90 days; NIST SP 800-53 CP-4, CP-9(1); nothing without offline backups).`,
    ),
  );

  return { score: round2((100 * earned) / 100), weight: 0.11, factors };
}

// ---------------------------------------------------------------------------------------------------------------
// Rating

/**
 * Rates one applicant with `iot-cyber@1.0.0`, exactly as `rate(model, input)` does (without an underwriter's
 * schedule adjustment). The model is passed only for the shared plumbing and its identity.
 */
export function rateHandWritten(model: CompiledRatingModel, input: RatingInput): RatingResult {
  if (model.id !== MODEL_ID || model.version !== MODEL_VERSION) {
    throw new Error(`the hand-written rater implements ${MODEL_ID}@${MODEL_VERSION}, not ${model.id}@${model.version}`);
  }
  const asOf = input.asOf;
  const resolved = resolveUnknowns(input.posture, model, asOf);
  const catalog = input.kevCatalog ?? null;
  const openCves = (resolved.posture.patching as { openCves: Parameters<typeof matchKev>[0] }).openCves;
  const matches = catalog ? matchKev(openCves, catalog, asOf) : null;
  const f = extractFacts(input.profile, resolved.posture, asOf, model, matches) as unknown as IotFacts;

  // Exposure base: the largest of revenue, devices weighted by criticality (botnet-prone categories USD 50 more)
  // and records weighted by type; on a tie the earlier driver names it.
  const revenue = f.annualRevenue;
  const devices =
    f.unitsLow * 25 +
    f.unitsModerate * 150 +
    f.unitsHigh * 600 +
    f.unitsCritical * 2500 +
    (f.unitsCamera + f.unitsRouter + f.unitsGateway) * 50;
  const records =
    f.recordsPii * 5 + f.recordsLocation * 8 + f.recordsPayment * 15 + f.recordsPhi * 30 + f.recordsBiometric * 40;
  let exposureBase = revenue;
  let driver = 'revenue';
  if (devices > exposureBase) {
    exposureBase = devices;
    driver = 'devices';
  }
  if (records > exposureBase) {
    exposureBase = records;
    driver = 'records';
  }

  const patching = scorePatching(f);
  const certifications = scoreCertifications(f);
  const access = scoreAccess(f);
  const contracts = scoreContracts(f);
  const monitoring = scoreMonitoring(f);
  const data = scoreData(f);
  const composite = round2(
    0.25 * patching.score +
      0.1 * certifications.score +
      0.25 * access.score +
      0.12 * contracts.score +
      0.17 * monitoring.score +
      0.11 * data.score,
  );

  // Tier: the best band the composite reaches (80, 60, 40, 0), then no better than any cap that applies.
  let rank = composite >= 80 ? 0 : composite >= 60 ? 1 : composite >= 40 ? 2 : 3;
  const scoreTier = TIERS[rank]!;
  const tierCaps: RatingResult['tierCaps'] = [];
  if (f.kevPastDueCount > 0) {
    tierCaps.push({
      id: 'kev_past_due',
      title: 'A known exploited vulnerability past its CISA due date: at best standard',
      maxTier: 'standard',
    });
    rank = Math.max(rank, 1);
  }
  if (f.kevPastDueCount >= 3) {
    tierCaps.push({
      id: 'kev_past_due_many',
      title: 'Three or more known exploited vulnerabilities past their CISA due date: at best substandard',
      maxTier: 'substandard',
    });
    rank = Math.max(rank, 2);
  }
  if (f.kevRansomwarePastDueCount > 0) {
    tierCaps.push({
      id: 'kev_ransomware_past_due',
      title: 'A known exploited vulnerability used by ransomware and past its CISA due date: at best substandard',
      maxTier: 'substandard',
    });
    rank = Math.max(rank, 2);
  }
  if (f.defaultCredentials === 'universal_default' || f.hardcodedCredentials) {
    tierCaps.push({
      id: 'default_or_hardcoded_credentials',
      title: 'Universal default passwords or hard-coded credentials: at best substandard',
      maxTier: 'substandard',
    });
    rank = Math.max(rank, 2);
  }
  if (f.remoteAdminExposed) {
    tierCaps.push({
      id: 'remote_admin_exposed',
      title: 'Remote administration exposed to the internet: at best standard',
      maxTier: 'standard',
    });
    rank = Math.max(rank, 1);
  }
  if (!f.mfaRemote) {
    tierCaps.push({
      id: 'no_mfa_remote',
      title: 'No multi-factor authentication on remote access: at best standard',
      maxTier: 'standard',
    });
    rank = Math.max(rank, 1);
  }
  if (f.fleetUnits > 0 && f.updateMechanism === 'none') {
    tierCaps.push({
      id: 'devices_not_updatable',
      title: 'Devices that cannot be updated: at best standard',
      maxTier: 'standard',
    });
    rank = Math.max(rank, 1);
  }
  const tier = TIERS[rank]!;

  const out = applyRules(f, rank, matches, resolved.unknowns, resolved.completeness);

  // Compliance and safe-harbor findings are computed by the engine's own regime code on both sides of the
  // benchmark: the comparison is about scoring, rules and pricing, written out here by hand.
  const derived = new DerivedObject();
  derived.exposureBase = exposureBase;
  derived.patchingScore = patching.score;
  derived.certificationsScore = certifications.score;
  derived.accessScore = access.score;
  derived.contractsScore = contracts.score;
  derived.monitoringScore = monitoring.score;
  derived.dataScore = data.score;
  derived.composite = composite;
  derived.completeness = resolved.completeness;
  derived.unknownCount = resolved.unknowns.length;
  derived.tier = tier;
  derived.tierRank = rank;
  const regimes = evaluateRegimes(
    model,
    input.profile,
    (resolved.posture.frameworks ?? []) as Parameters<typeof evaluateRegimes>[2],
    f as unknown as Facts,
    derived,
    asOf,
  );
  const waivedRestrictions: RatingResult['waivedRestrictions'] = [];
  const carrier = regimes.safeHarbor.find((finding) => finding.regime === 'carrier_iot_safe_harbor');
  if (carrier?.status === 'eligible') {
    const waives = model.regimes.find((regime) => regime.definition.id === 'carrier_iot_safe_harbor')!.definition
      .waives;
    const kept = out.restrictions.filter((restriction) => {
      const waived = waives.includes(restriction.code.split(':')[0]!);
      if (waived)
        waivedRestrictions.push({
          code: restriction.code,
          title: restriction.title,
          regime: 'carrier_iot_safe_harbor',
        });
      return !waived;
    });
    out.restrictions = kept;
    out.exclusions = kept.filter(
      (restriction) => restriction.kind === 'form_exclusion' || restriction.kind === 'exclusion',
    );
  }
  const premiums: OptionPremium[] = [];
  for (const option of input.options) premiums.push(priceOption(option, f, exposureBase, tier, out));

  return {
    model: { id: model.id, version: model.version, hash: model.hash },
    kevCatalog: catalog ? { version: catalog.version } : null,
    asOf,
    currency: CURRENCY,
    exposure: {
      base: round2(exposureBase),
      driver,
      drivers: [
        { id: 'revenue', title: 'Annual revenue', base: round2(revenue) },
        {
          id: 'devices',
          title: 'Devices in service, weighted by criticality (botnet-prone categories weigh more)',
          base: round2(devices),
        },
        { id: 'records', title: 'Records held, weighted by type', base: round2(records) },
      ],
    },
    score: { composite, domains: { patching, certifications, access, contracts, monitoring, data } },
    completeness: resolved.completeness,
    unknowns: resolved.unknowns,
    notApplicable: resolved.notApplicable,
    tier,
    scoreTier,
    tierCaps,
    decision: out.declineReasons.length > 0 ? 'decline' : out.referralReasons.length > 0 ? 'refer' : 'quote',
    referralReasons: out.referralReasons,
    declineReasons: out.declineReasons,
    restrictions: out.restrictions,
    exclusions: out.exclusions,
    waivedRestrictions,
    subjectivities: out.subjectivities,
    compliance: regimes.compliance,
    safeHarbor: regimes.safeHarbor,
    kev: { matched: matches ?? [], pastDueCount: f.kevPastDueCount },
    premiums,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rules, in the model's order

interface RuleOutcome {
  restrictions: Restriction[];
  /** The form exclusions and exclusions among the restrictions. */
  exclusions: Restriction[];
  subjectivities: Subjectivity[];
  referralReasons: Reason[];
  declineReasons: Reason[];
  // The coverage terms the restrictions impose; undefined where none applies.
  coinsurancePct: number | undefined;
  businessInterruptionSublimitShare: number | undefined;
  businessInterruptionWaitingPeriodHours: number | undefined;
  cyberExtortionSublimitShare: number | undefined;
  deviceBrickingSublimitShare: number | undefined;
}

function exclude(out: RuleOutcome, text: RestrictionText, triggeredBy: Trigger[]): void {
  const restriction = exclusion(text, triggeredBy);
  out.restrictions.push(restriction);
  out.exclusions.push(restriction);
}

function isUnknown(unknowns: readonly UnknownAnswer[], field: string): boolean {
  for (const unknown of unknowns) if (unknown.field === field) return true;
  return false;
}

/**
 * Unknown answers never decline on their own: a decline that would not hold had its assumed answers been the best
 * possible is referred until they are confirmed. Every decline of this model is a conjunction that the best answer
 * of any of its posture fields falsifies (unique credentials, none hard-coded, no exposed remote administration), or
 * reads `incidents`, which has no best answer; so it holds regardless exactly when none of `fields` was assumed.
 * (With this model's assumptions a decline cannot rest on an assumed answer at all, but the rule is written out.)
 */
function decline(
  out: RuleOutcome,
  text: ReasonText,
  triggeredBy: Trigger[],
  unknowns: readonly UnknownAnswer[],
  fields: readonly string[],
): void {
  let assumed = '';
  for (const field of fields) if (isUnknown(unknowns, field)) assumed = assumed ? `${assumed}, ${field}` : field;
  if (assumed === '') {
    out.declineReasons.push(reason(text, triggeredBy));
  } else {
    out.referralReasons.push({
      code: text.code,
      title: `${text.title} (rests on assumed answers to ${assumed}: declines if confirmed)`,
      overridable: true,
      triggeredBy,
    });
  }
}

function applyRules(
  f: IotFacts,
  tierRank: number,
  kevMatches: readonly KevMatch[] | null,
  unknowns: readonly UnknownAnswer[],
  completeness: number,
): RuleOutcome {
  const out: RuleOutcome = {
    restrictions: [],
    exclusions: [],
    subjectivities: [],
    referralReasons: [],
    declineReasons: [],
    coinsurancePct: undefined,
    businessInterruptionSublimitShare: undefined,
    businessInterruptionWaitingPeriodHours: undefined,
    cyberExtortionSublimitShare: undefined,
    deviceBrickingSublimitShare: undefined,
  };
  const universalDefault = f.defaultCredentials === 'universal_default';
  const criticalApplicant =
    f.sector === 'critical_infrastructure' || f.sector === 'healthcare' || f.highCriticalityFleet;
  // A KEV entry whose required action is to retire an end-of-life product counts as end of support.
  const endOfSupport =
    f.kevEndOfLifeCount > 0 ||
    (f.fleetUnits > 0 && (f.endOfSupportFleetPct > 10 || 100 * f.endOfSupportUnits > 10 * f.fleetUnits));

  // Form exclusions.
  exclude(out, WAR_STATE_CYBER_OPERATION, []);
  exclude(out, BODILY_INJURY_PROPERTY_DAMAGE, []);
  exclude(out, INFRASTRUCTURE_FAILURE, []);
  exclude(out, PRODUCT_RECALL, []);
  if (f.recordsBiometric > 0) {
    exclude(out, BIOMETRIC_PRIVACY_STATUTES, [{ fact: 'recordsBiometric', value: f.recordsBiometric }]);
  }

  // Declines.
  if (universalDefault && f.remoteAdminExposed) {
    decline(
      out,
      MIRAI_PATTERN_DEFAULT_PASSWORDS,
      [
        { fact: 'defaultCredentials', value: f.defaultCredentials },
        { fact: 'remoteAdminExposed', value: f.remoteAdminExposed },
      ],
      unknowns,
      ['access.defaultCredentials', 'access.remoteAdminExposed'],
    );
  }
  if (f.hardcodedCredentials && f.remoteAdminExposed) {
    decline(
      out,
      MIRAI_PATTERN_HARDCODED_CREDENTIALS,
      [
        { fact: 'hardcodedCredentials', value: f.hardcodedCredentials },
        { fact: 'remoteAdminExposed', value: f.remoteAdminExposed },
      ],
      unknowns,
      ['access.hardcodedCredentials', 'access.remoteAdminExposed'],
    );
  }
  if (f.botnetParticipation) {
    decline(out, BOTNET_PARTICIPATION, [{ fact: 'botnetParticipation', value: f.botnetParticipation }], unknowns, [
      'incidents',
    ]);
  }
  if (f.unremediatedBreach) {
    decline(out, UNREMEDIATED_BREACH, [{ fact: 'unremediatedBreach', value: f.unremediatedBreach }], unknowns, [
      'incidents',
    ]);
  }
  if (f.hardcodedCredentials && criticalApplicant) {
    decline(
      out,
      CRITICAL_HARDCODED_CREDENTIALS,
      [
        { fact: 'hardcodedCredentials', value: f.hardcodedCredentials },
        { fact: 'sector', value: f.sector },
        { fact: 'highCriticalityFleet', value: f.highCriticalityFleet },
      ],
      unknowns,
      ['access.hardcodedCredentials'],
    );
  }
  if (universalDefault && criticalApplicant) {
    decline(
      out,
      CRITICAL_UNIVERSAL_DEFAULT_PASSWORDS,
      [
        { fact: 'defaultCredentials', value: f.defaultCredentials },
        { fact: 'sector', value: f.sector },
        { fact: 'highCriticalityFleet', value: f.highCriticalityFleet },
      ],
      unknowns,
      ['access.defaultCredentials'],
    );
  }

  // Referrals.
  if (f.kevPastDueCount > 0 && criticalApplicant) {
    out.referralReasons.push(
      reason(CRITICAL_KEV_PAST_DUE, [
        { fact: 'kevPastDueCount', value: f.kevPastDueCount },
        { fact: 'sector', value: f.sector },
        { fact: 'highCriticalityFleet', value: f.highCriticalityFleet },
      ]),
    );
  }
  if (f.remoteAdminExposed && criticalApplicant) {
    out.referralReasons.push(
      reason(CRITICAL_REMOTE_ADMIN_EXPOSED, [
        { fact: 'remoteAdminExposed', value: f.remoteAdminExposed },
        { fact: 'sector', value: f.sector },
        { fact: 'highCriticalityFleet', value: f.highCriticalityFleet },
      ]),
    );
  }
  if (f.kevPastDueCount >= 5) {
    out.referralReasons.push(reason(KEV_PAST_DUE_MANY, [{ fact: 'kevPastDueCount', value: f.kevPastDueCount }]));
  }
  if (f.role === 'manufacturer' && f.fleetUnits > 0 && f.updateMechanism === 'none') {
    out.referralReasons.push(
      reason(NO_UPDATE_MECHANISM, [
        { fact: 'role', value: f.role },
        { fact: 'fleetUnits', value: f.fleetUnits },
        { fact: 'updateMechanism', value: f.updateMechanism },
      ]),
    );
  }
  if (f.fleetUnits > 0 && (f.endOfSupportFleetPct >= 50 || 2 * f.endOfSupportUnits >= f.fleetUnits)) {
    out.referralReasons.push(
      reason(END_OF_SUPPORT_MAJORITY, [
        { fact: 'fleetUnits', value: f.fleetUnits },
        { fact: 'endOfSupportFleetPct', value: f.endOfSupportFleetPct },
        { fact: 'endOfSupportUnits', value: f.endOfSupportUnits },
      ]),
    );
  }
  if (f.customerIndemnityGiven === 'uncapped' && !f.limitationOfLiability) {
    out.referralReasons.push(
      reason(UNCAPPED_INDEMNITY_UNLIMITED_LIABILITY, [
        { fact: 'customerIndemnityGiven', value: f.customerIndemnityGiven },
        { fact: 'limitationOfLiability', value: f.limitationOfLiability },
      ]),
    );
  }
  if (f.openRegulatoryAction) {
    out.referralReasons.push(
      reason(OPEN_REGULATORY_ACTION, [{ fact: 'openRegulatoryAction', value: f.openRegulatoryAction }]),
    );
  }
  if (tierRank >= 3) {
    out.referralReasons.push(reason(HIGH_RISK_TIER, [{ fact: 'tierRank', value: tierRank }]));
  }

  // Exclusions, coinsurance, sublimits and waiting periods.
  if (universalDefault || f.hardcodedCredentials) {
    exclude(out, DEFAULT_OR_HARDCODED_CREDENTIAL_DEVICES, [
      { fact: 'defaultCredentials', value: f.defaultCredentials },
      { fact: 'hardcodedCredentials', value: f.hardcodedCredentials },
    ]);
  }
  if (f.kevPastDueCount > 0) {
    // On every part: 5% plus 5 points per past-due KEV, 10 more when one is used by ransomware, 10 more when one is
    // over 90 days past due, at most 50%.
    const pct = round4(
      Math.min(
        Math.max(
          5 + 5 * f.kevPastDueCount + (f.kevRansomwarePastDueCount > 0 ? 10 : 0) + (f.kevMaxDaysPastDue > 90 ? 10 : 0),
          0,
        ),
        50,
      ),
    );
    out.coinsurancePct = pct;
    out.restrictions.push(
      coinsurance(KEV_PAST_DUE_COINSURANCE, [{ fact: 'kevPastDueCount', value: f.kevPastDueCount }], pct),
    );
  }
  if (endOfSupport) {
    out.deviceBrickingSublimitShare = 0.1;
    out.restrictions.push(
      sublimit(
        END_OF_SUPPORT_DEVICE_BRICKING,
        [
          { fact: 'kevEndOfLifeCount', value: f.kevEndOfLifeCount },
          { fact: 'fleetUnits', value: f.fleetUnits },
          { fact: 'endOfSupportFleetPct', value: f.endOfSupportFleetPct },
          { fact: 'endOfSupportUnits', value: f.endOfSupportUnits },
        ],
        0.1,
      ),
    );
    out.businessInterruptionSublimitShare = 0.25;
    out.restrictions.push(
      sublimit(
        END_OF_SUPPORT_BUSINESS_INTERRUPTION,
        [
          { fact: 'kevEndOfLifeCount', value: f.kevEndOfLifeCount },
          { fact: 'fleetUnits', value: f.fleetUnits },
          { fact: 'endOfSupportFleetPct', value: f.endOfSupportFleetPct },
          { fact: 'endOfSupportUnits', value: f.endOfSupportUnits },
        ],
        0.25,
      ),
    );
  }
  if (f.fleetUnits > 0 && (f.updateMechanism === 'none' || !f.updatesSigned)) {
    out.deviceBrickingSublimitShare = 0.1;
    out.restrictions.push(
      sublimit(
        UNSIGNED_UPDATES_DEVICE_BRICKING,
        [
          { fact: 'fleetUnits', value: f.fleetUnits },
          { fact: 'updateMechanism', value: f.updateMechanism },
          { fact: 'updatesSigned', value: f.updatesSigned },
        ],
        0.1,
      ),
    );
  }
  if (!f.mfaRemote) {
    out.cyberExtortionSublimitShare = 0.25;
    out.restrictions.push(sublimit(NO_MFA_REMOTE_EXTORTION, [{ fact: 'mfaRemote', value: f.mfaRemote }], 0.25));
  }
  if (f.customerIndemnityGiven === 'uncapped') {
    exclude(out, UNCAPPED_CUSTOMER_INDEMNITY, [{ fact: 'customerIndemnityGiven', value: f.customerIndemnityGiven }]);
  }
  if (f.unremediatedIncident) {
    exclude(out, SPECIFIC_MATTER_UNREMEDIATED, [{ fact: 'unremediatedIncident', value: f.unremediatedIncident }]);
  }
  if (!f.offlineBackups) {
    out.businessInterruptionWaitingPeriodHours = 24;
    out.restrictions.push(
      waitingPeriod(NO_OFFLINE_BACKUPS_WAITING_PERIOD, [{ fact: 'offlineBackups', value: f.offlineBackups }], 24),
    );
  }

  // KEV: one subjectivity per matched entry past due (unless its product is to be retired, which the end-of-support
  // sublimits deal with), one for past-due entries declared but not listed, a referral when the match finds more.
  if (kevMatches !== null) {
    for (const match of kevMatches) {
      if (!match.pastDue || match.endOfLife) continue;
      out.subjectivities.push({
        code: `${KEV_REMEDIATE.code}:${match.cveID}`,
        title: KEV_REMEDIATE.title,
        timing: KEV_REMEDIATE.timing,
        evidence: KEV_REMEDIATE.evidence,
        status: 'open',
        onFailure: KEV_REMEDIATE.onFailure,
        triggeredBy: [
          { fact: 'pastDue', value: match.pastDue },
          { fact: 'endOfLife', value: match.endOfLife },
        ],
      });
    }
  }
  if (f.kevPastDueCount > f.kevMatchedPastDueCount) {
    out.subjectivities.push(
      subjectivity(KEV_REMEDIATE_UNLISTED, [
        { fact: 'kevPastDueCount', value: f.kevPastDueCount },
        { fact: 'kevMatchedPastDueCount', value: f.kevMatchedPastDueCount },
      ]),
    );
  }
  if (f.kevDeclarationMismatch) {
    out.referralReasons.push(
      reason(KEV_DECLARATION_MISMATCH, [{ fact: 'kevDeclarationMismatch', value: f.kevDeclarationMismatch }]),
    );
  }

  // Other subjectivities.
  if (f.incidentDetailsUnknown) {
    out.subjectivities.push(
      subjectivity(INCIDENT_DETAILS, [{ fact: 'incidentDetailsUnknown', value: f.incidentDetailsUnknown }]),
    );
  }
  if (f.remoteAdminExposed) {
    out.subjectivities.push(
      subjectivity(REMOTE_ADMIN_CLOSE, [{ fact: 'remoteAdminExposed', value: f.remoteAdminExposed }]),
    );
  }
  if (!f.incidentResponsePlan) {
    out.subjectivities.push(
      subjectivity(INCIDENT_RESPONSE_PLAN, [{ fact: 'incidentResponsePlan', value: f.incidentResponsePlan }]),
    );
  }

  // Unknown answers: asked for before binding or referred, as the model's unknown-answer table says.
  for (const unknown of unknowns) {
    if (unknown.action === 'subjectivity') {
      out.subjectivities.push({
        code: `ANSWER:${unknown.field}`,
        title: `Answer the posture question ${unknown.field}`,
        timing: unknown.timing,
        evidence: `The applicant's answer to ${unknown.field}; until then it is rated as ${JSON.stringify(unknown.assumed)}.`,
        status: 'open',
        triggeredBy: [],
      });
    } else if (unknown.action === 'referral') {
      out.referralReasons.push({
        code: `UNKNOWN_ANSWER:${unknown.field}`,
        title: `The answer to ${unknown.field} is unknown and the model refers it`,
        overridable: true,
        triggeredBy: [],
      });
    }
  }
  if (completeness < MIN_COMPLETENESS) {
    out.referralReasons.push({
      code: 'INCOMPLETE_SUBMISSION',
      title: `Only ${(completeness * 100).toFixed(1)}% of applicable posture questions are answered; the model needs 60.0%`,
      overridable: true,
      triggeredBy: [{ fact: 'completeness', value: completeness }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Pricing

/** A multiplicative waterfall step: adds round(running × factor) − running, so the amounts sum to the premium. */
function multiply(steps: WaterfallStep[], running: number, step: string, title: string, factor: number): number {
  // As the engine does: a factor of 0 (every part at 100% coinsurance) is refused, not priced.
  if (!(factor > 0 && Number.isFinite(factor))) throw new ModelDefectError(step, `factor ${factor} is not positive`);
  const next = roundWholeDollar(running * factor);
  steps.push({ step, title, factor: round6(factor), amount: next - running });
  return next;
}

/**
 * Prices one option: base premium by exposure base, sector and role, the increased-limit factor of the layer, the
 * retention factor, the tier factor, credits for the client's own sublimits and coinsurance, loss history and the
 * minimum premium; every step rounded to the whole dollar.
 */
function priceOption(
  option: CoverageOption,
  f: IotFacts,
  exposureBase: number,
  tier: Tier,
  rules: RuleOutcome,
): OptionPremium {
  const limit = option.limit.amount / MINOR;
  const retention = option.retention.amount / MINOR;
  const attachment = (option.attachment?.amount ?? 0) / MINOR;

  const steps: WaterfallStep[] = [];
  let running = roundWholeDollar(at(BASE_PREMIUM, exposureBase) * MINOR);
  steps.push({
    step: 'base_premium',
    title: 'Base premium for USD 1M by exposure base',
    factor: null,
    amount: running,
  });
  running = multiply(steps, running, 'sector_hazard', 'Sector hazard', SECTOR_HAZARD[f.sector]);
  running = multiply(steps, running, 'role', 'Role in the device’s life', ROLE_FACTOR[f.role]);
  // The layer starts at the attachment: the retention is priced by its own factor, not by the layer.
  const ilfAtAttachment = at(ILF, attachment);
  const layerFactor = at(ILF, attachment + limit) - ilfAtAttachment;
  running = multiply(steps, running, 'increased_limit', 'Increased-limit factor for the layer', layerFactor);
  const retentionFactor =
    attachment > 0 ? 1 : at(RETENTION_FACTOR, (retention * 1_000_000) / Math.max(exposureBase, 1_000_000));
  running = multiply(steps, running, 'retention', 'Retention relative to the size of the risk', retentionFactor);
  running = multiply(steps, running, 'tier', `Tier factor (${tier})`, TIER_FACTOR[tier]);

  // Coverage terms of each part: its defaults, the client's choices, then the tightest restriction. Only the
  // client's own sublimits and coinsurance earn a credit (no restriction of this model carries one).
  const coverage: PartCoverage[] = [];
  let restrictionFactor = 0;
  for (const part of PARTS) {
    const chosen = option.sublimits?.[part.id];
    const chosenSublimit = chosen ? Math.min(limit, chosen.amount / MINOR) : limit * part.defaultSublimitShare;
    const chosenCoinsurancePct = option.coinsurance?.[part.id] ?? 0;
    let valueRatio = 1;
    if (chosen) {
      const standard = at(ILF, attachment + limit * part.defaultSublimitShare) - ilfAtAttachment;
      if (standard > 0) valueRatio = (at(ILF, attachment + chosenSublimit) - ilfAtAttachment) / standard;
    }
    restrictionFactor += part.premiumShare * valueRatio * (1 - chosenCoinsurancePct / 100);

    let partSublimit = chosenSublimit;
    let waitingPeriodHours =
      part.waitingPeriodHours === undefined ? null : (option.waitingPeriodHours ?? part.waitingPeriodHours);
    const coinsurancePct =
      rules.coinsurancePct === undefined ? chosenCoinsurancePct : Math.max(chosenCoinsurancePct, rules.coinsurancePct);
    let restrictedShare: number | undefined;
    if (part.id === 'business_interruption') {
      restrictedShare = rules.businessInterruptionSublimitShare;
      if (rules.businessInterruptionWaitingPeriodHours !== undefined && waitingPeriodHours !== null) {
        waitingPeriodHours = Math.max(waitingPeriodHours, rules.businessInterruptionWaitingPeriodHours);
      }
    } else if (part.id === 'cyber_extortion') {
      restrictedShare = rules.cyberExtortionSublimitShare;
    } else if (part.id === 'device_bricking') {
      restrictedShare = rules.deviceBrickingSublimitShare;
    }
    if (restrictedShare !== undefined) partSublimit = Math.min(partSublimit, limit * restrictedShare);
    coverage.push({
      part: part.id,
      title: part.title,
      sublimit: { amount: Math.round(partSublimit * MINOR), currency: CURRENCY },
      coinsurancePct,
      waitingPeriodHours,
    });
  }
  running = multiply(steps, running, 'restriction_credit', 'Sublimits and coinsurance', restrictionFactor);

  // Loss history over five years: loadings per incident by kind and for losses relative to the exposure base.
  const lossHistory = Math.min(
    Math.max(
      1 +
        0.05 * f.incidentCount +
        0.1 * f.breachCount +
        0.15 * f.ransomwareCount +
        0.05 * f.deviceCompromiseCount +
        Math.min(0.25, (2.5 * f.incidentLosses) / Math.max(exposureBase, 1_000_000)),
      1,
    ),
    1.75,
  );
  running = multiply(steps, running, 'loss_history', 'Loss history over five years', lossHistory);
  if (running < MINIMUM_PREMIUM) {
    steps.push({
      step: 'minimum_premium',
      title: 'Uplift to the minimum premium',
      factor: null,
      amount: MINIMUM_PREMIUM - running,
    });
    running = MINIMUM_PREMIUM;
  }
  return { option, premium: { amount: running, currency: CURRENCY }, waterfall: steps, coverage };
}
