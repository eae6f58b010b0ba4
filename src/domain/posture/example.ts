import { Access, Development } from './access';
import { Certification, CertificationList, Framework, FrameworkList } from './certifications';
import { Contracts } from './contracts';
import { addExample } from './documentation';
import { Incident, IncidentList } from './incidents';
import { DataHandling, Governance, Monitoring } from './operations';
import { CoverageOption, CoverageOptions } from './options';
import { Patching } from './patching';
import { Posture } from './posture';
import { DeviceFleetEntry, Profile, RecordsHeld } from './profile';
import { ScoreRequest } from './request';

/**
 * The canonical score request: the contract's canonical example, used as the OpenAPI
 * example of the request and its parts and checked against the schema by the unit tests. Shared: clone it
 * (`structuredClone`) before changing it.
 */
export const scoreRequestExample: ScoreRequest = {
  profile: {
    legalName: 'Acme Cameras Ltd',
    role: 'manufacturer',
    sector: 'consumer_electronics',
    annualRevenue: { amount: 4_500_000_000, currency: 'USD' },
    employeeCount: 320,
    jurisdictions: ['US-CA', 'US-OH', 'GB', 'DE'],
    deviceFleet: [
      {
        category: 'camera',
        units: 250_000,
        criticality: 'moderate',
        endOfSupportDate: '2030-12-31',
        dataTypes: ['pii', 'location'],
      },
    ],
    recordsHeld: { pii: 1_200_000, phi: 0, payment: 0, biometric: 0, location: 250_000 },
  },
  posture: {
    patching: {
      criticalRemediationDays: 21,
      highRemediationDays: 45,
      openKevCount: 1,
      openKevPastDueCount: 1,
      openCves: ['CVE-2023-1389', { cveId: 'CVE-2024-3400', location: 'corporate', affectedUnitsPct: 0 }],
      fleetOnSupportedFirmwarePct: 92,
      endOfSupportFleetPct: 3,
      updateMechanism: 'ota',
      updatesSigned: true,
      automaticUpdates: true,
      rollbackProtection: false,
      supportPeriodMonths: 60,
      supportPeriodPublished: true,
      vulnerabilityDisclosurePolicy: true,
      bugBounty: false,
      disclosureTimelineDays: 90,
      sbomMaintained: true,
    },
    certifications: [
      {
        scheme: 'etsi_en_303_645',
        scope: 'product',
        assessor: 'third_party',
        issuedOn: '2025-03-01',
        expiresOn: '2028-03-01',
        reference: 'LAB-123',
      },
    ],
    frameworks: [{ framework: 'nist_csf', version: '2.0', lastReviewedOn: '2026-02-01', basis: 'verified' }],
    access: {
      defaultCredentials: 'unique_per_device',
      hardcodedCredentials: false,
      mfa: { admin: true, remote: true, cloudConsole: true },
      rbac: true,
      accessReviewDays: 90,
      privilegedAccessManagement: false,
      remoteAdminExposed: false,
      encryptionInTransit: 'tls1_3',
      encryptionAtRest: true,
      secureBoot: true,
      hardwareRootOfTrust: false,
      networkSegmentation: true,
    },
    contracts: {
      customerIndemnityGiven: 'capped',
      limitationOfLiability: true,
      securityWarranty: true,
      customerBreachNotificationHours: 72,
      postSaleSupportMonths: 60,
      supplierIndemnity: 'partial',
      supplierLiabilityCapped: true,
      supplierSecurityFlowDown: true,
      supplierAuditRights: false,
      suppliersCarryCyberInsurance: true,
    },
    monitoring: {
      centralizedLogging: true,
      logRetentionDays: 365,
      intrusionDetection: true,
      vulnerabilityScanIntervalDays: 7,
      lastPenetrationTest: '2026-05-10',
      incidentResponsePlan: true,
      incidentResponseLastTested: '2026-01-15',
      breachNotificationTargetHours: 48,
      exploitedVulnReportingHours: 24,
    },
    data: {
      dataMinimization: true,
      retentionSchedule: true,
      secureDisposal: true,
      personalDataEncrypted: true,
      offlineBackups: true,
      lastRestoreTest: '2026-06-01',
    },
    development: {
      threatModeling: true,
      secureDevelopmentLifecycle: 'nist_ssdf',
      securityTestingBeforeRelease: true,
      thirdPartyComponentReview: true,
      tamperResistance: false,
    },
    governance: {
      securityOwner: true,
      securityTrainingIntervalMonths: 12,
      independentAuditIntervalMonths: 12,
      consentsToExternalScanning: true,
      remediationCooperationUndertaking: true,
    },
    incidents: [
      {
        occurredOn: '2023-04-02',
        kind: 'device_compromise',
        status: 'closed',
        recordsAffected: 0,
        loss: { amount: 5_000_000, currency: 'USD' },
        rootCauseRemediated: true,
      },
    ],
  },
  options: [{ limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } }],
  asOf: '2026-11-22',
};

// Added here rather than beside each schema: the example's type is inferred from those schemas, so a schema file
// that read the example would import a file that imports it.
addExample(Access, scoreRequestExample.posture.access);
addExample(Development, scoreRequestExample.posture.development);
addExample(Certification, scoreRequestExample.posture.certifications?.[0]);
addExample(Framework, scoreRequestExample.posture.frameworks?.[0]);
addExample(CertificationList, scoreRequestExample.posture.certifications);
addExample(FrameworkList, scoreRequestExample.posture.frameworks);
addExample(Contracts, scoreRequestExample.posture.contracts);
addExample(Incident, scoreRequestExample.posture.incidents?.[0]);
addExample(IncidentList, scoreRequestExample.posture.incidents);
addExample(Monitoring, scoreRequestExample.posture.monitoring);
addExample(DataHandling, scoreRequestExample.posture.data);
addExample(Governance, scoreRequestExample.posture.governance);
addExample(Patching, scoreRequestExample.posture.patching);
addExample(Posture, scoreRequestExample.posture);
addExample(DeviceFleetEntry, scoreRequestExample.profile.deviceFleet[0]);
addExample(RecordsHeld, scoreRequestExample.profile.recordsHeld);
addExample(Profile, scoreRequestExample.profile);
addExample(CoverageOption, scoreRequestExample.options[0]);
addExample(CoverageOptions, scoreRequestExample.options);
addExample(ScoreRequest, scoreRequestExample);
