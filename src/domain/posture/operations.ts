import { z } from 'zod';
import { isoDate } from './dates';
import { days, flag, hours, months } from './fields';

export const Monitoring = z
  .strictObject({
    centralizedLogging: flag('Security logs from devices, cloud and corporate systems are collected centrally.'),
    logRetentionDays: days()
      .meta({
        description: 'Days centralised logs are kept. Not applicable without centralised logging.',
        example: 365,
      })
      .nullish(),
    intrusionDetection: flag('Intrusion or anomaly detection watches devices and networks.'),
    vulnerabilityScanIntervalDays: days()
      .meta({ description: 'Days between vulnerability scans of the estate and connected fleet.', example: 7 })
      .nullish(),
    lastPenetrationTest: isoDate()
      .meta({ description: 'Date the last independent penetration test was completed.', example: '2026-05-10' })
      .nullish(),
    incidentResponsePlan: flag('A written incident-response plan exists.'),
    incidentResponseLastTested: isoDate()
      .meta({
        description:
          'Date the incident-response plan was last exercised (tabletop or live). Not applicable without a plan.',
        example: '2026-01-15',
      })
      .nullish(),
    breachNotificationTargetHours: hours()
      .meta({
        description: 'Internal target, in hours, for notifying regulators and affected people of a breach (GDPR: 72).',
        example: 48,
      })
      .nullish(),
    exploitedVulnReportingHours: hours()
      .meta({
        description:
          'Hours within which an actively exploited vulnerability in a product is reported to the authorities (EU CRA early warning: 24).',
        example: 24,
      })
      .nullish(),
  })
  .meta({
    id: 'Monitoring',
    description:
      'Monitoring and incident response. Every field may be omitted or null (unknown, priced pessimistically); the whole section may be too.',
  });

export const DataHandling = z
  .strictObject({
    dataMinimization: flag('Only the personal data needed for the product’s purpose is collected.'),
    retentionSchedule: flag('A retention schedule sets how long each kind of data is kept.'),
    secureDisposal: flag('Data and decommissioned devices are disposed of securely (wiped or destroyed).'),
    personalDataEncrypted: flag('Stored personal data is encrypted.'),
    offlineBackups: flag('Backups are kept offline or immutable, out of reach of ransomware.'),
    lastRestoreTest: isoDate()
      .meta({
        description: 'Date a restore from backup was last tested. Not applicable without backups.',
        example: '2026-06-01',
      })
      .nullish(),
  })
  .meta({
    id: 'DataHandling',
    description:
      'Data handling and resilience. Every field may be omitted or null (unknown, priced pessimistically); the whole section may be too.',
  });

/** Governance answers are scored in the monitoring domain (docs/workflow.md). */
export const Governance = z
  .strictObject({
    securityOwner: flag('A named person is accountable for product and corporate security.'),
    securityTrainingIntervalMonths: months()
      .meta({ description: 'Months between security-awareness training for staff.', example: 12 })
      .nullish(),
    independentAuditIntervalMonths: months()
      .meta({ description: 'Months between independent audits of the security programme.', example: 12 })
      .nullish(),
    consentsToExternalScanning: flag(
      'The applicant consents to the carrier scanning its internet-facing systems (a condition of the carrier’s IoT safe harbor).',
    ),
    remediationCooperationUndertaking: flag(
      'The applicant undertakes to cooperate with the carrier in remediating vulnerabilities it reports (a condition of the carrier’s IoT safe harbor).',
    ),
  })
  .meta({
    id: 'Governance',
    description:
      'Security governance; scored in the monitoring domain. Every field may be omitted or null (unknown); the whole section may be too.',
  });

export type Monitoring = z.output<typeof Monitoring>;
export type DataHandling = z.output<typeof DataHandling>;
export type Governance = z.output<typeof Governance>;
