/**
 * The closed sets of the posture contract. Their members are public API values:
 * brokers send them and rating models key tables by them (a table keyed by sector or device category must cover
 * every member), so add members deliberately and never rename one.
 */

/** The party the seeds' liability analysis assigns duties to. */
export const APPLICANT_ROLES = ['manufacturer', 'service_provider', 'platform_operator', 'enterprise_user'] as const;
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];

export const SECTORS = [
  'consumer_electronics',
  'smart_home',
  'healthcare',
  'financial',
  'industrial',
  'critical_infrastructure',
  'automotive',
  'retail',
  'public_sector',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const DEVICE_CATEGORIES = [
  'camera',
  'router',
  'gateway',
  'medical_device',
  'industrial_controller',
  'smart_lock',
  'wearable',
  'vehicle_telematics',
  'sensor',
  'smart_meter',
  'ev_charger',
  'other',
] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

/** Ordered from least to most harmful on compromise; the order is meaningful to rating rules. */
export const CRITICALITIES = ['low', 'moderate', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** Also the keys of `recordsHeld`, so a record count and a device's data types speak of the same things. */
export const DATA_TYPES = ['pii', 'phi', 'payment', 'biometric', 'location'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const CERTIFICATION_SCHEMES = [
  'etsi_en_303_645',
  'iec_62443_4_2',
  'iec_62443_3_3',
  'iec_62443_4_1',
  'ul_2900',
  'us_cyber_trust_mark',
  'iso_27001',
  'soc2_type2',
  'cyber_essentials_plus',
  'common_criteria',
  'psa_certified',
] as const;
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number];

export const CERTIFICATION_SCOPES = ['product', 'product_line', 'organization'] as const;
export type CertificationScope = (typeof CERTIFICATION_SCOPES)[number];

export const ASSESSORS = ['third_party', 'self'] as const;
export type Assessor = (typeof ASSESSORS)[number];

/** The frameworks safe-harbor statutes (Ohio, Utah, Connecticut, Iowa) list for a written security programme. */
export const FRAMEWORK_NAMES = [
  'nist_csf',
  'nist_800_53',
  'nist_800_171',
  'fedramp',
  'iso_27001',
  'cis_controls',
  'pci_dss',
  'hipaa_security_rule',
  'hitech',
  'glba_safeguards',
  'fisma',
] as const;
export type FrameworkName = (typeof FRAMEWORK_NAMES)[number];

export const FRAMEWORK_BASES = ['self_attested', 'verified'] as const;
export type FrameworkBasis = (typeof FRAMEWORK_BASES)[number];

export const UPDATE_MECHANISMS = ['none', 'manual', 'ota'] as const;
export type UpdateMechanism = (typeof UPDATE_MECHANISMS)[number];

export const DEFAULT_CREDENTIAL_MODES = ['unique_per_device', 'set_at_setup', 'universal_default'] as const;
export type DefaultCredentialMode = (typeof DEFAULT_CREDENTIAL_MODES)[number];

export const ENCRYPTION_IN_TRANSIT = ['none', 'tls1_2', 'tls1_3'] as const;
export type EncryptionInTransit = (typeof ENCRYPTION_IN_TRANSIT)[number];

/** Indemnity the applicant gives its customers: liability it assumes, so broader is riskier, not better. */
export const INDEMNITY_LEVELS = ['none', 'capped', 'uncapped'] as const;
export type IndemnityLevel = (typeof INDEMNITY_LEVELS)[number];

/** Indemnity the applicant's suppliers give it: recovery the insurer can pursue, so broader is better. */
export const SUPPLIER_INDEMNITY_LEVELS = ['none', 'partial', 'full'] as const;
export type SupplierIndemnityLevel = (typeof SUPPLIER_INDEMNITY_LEVELS)[number];

export const SDLC_VALUES = ['iec_62443_4_1', 'nist_ssdf', 'internal', 'none'] as const;
export type SdlcValue = (typeof SDLC_VALUES)[number];

export const INCIDENT_KINDS = [
  'breach',
  'ransomware',
  'device_compromise',
  'botnet_participation',
  'regulatory_action',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const CVE_LOCATIONS = ['own_product', 'corporate'] as const;
export type CveLocation = (typeof CVE_LOCATIONS)[number];

/** Renders a closed set for a description or a message: `a | b | c`. */
export function listOf(values: readonly string[]): string {
  return values.join(' | ');
}
