import { z } from 'zod';
import { cveIdOf, OpenCveEntry } from './cve';
import { UPDATE_MECHANISMS } from './enums';
import { count, days, flag, months, oneOf, percent, refuseDuplicates } from './fields';

/** Far above the size of CISA's whole KEV catalog: a count beyond it is a data-entry error. */
const MAX_KEV = 10_000;
const MAX_OPEN_CVES = 1_000;

export const Patching = z
  .strictObject({
    criticalRemediationDays: days()
      .meta({
        description:
          'Median days from disclosure (or vendor fix) to remediation of critical-severity vulnerabilities (CVSS 9.0+) across products and estate.',
        example: 21,
      })
      .nullish(),
    highRemediationDays: days()
      .meta({ description: 'Median days to remediate high-severity vulnerabilities (CVSS 7.0 to 8.9).', example: 45 })
      .nullish(),
    openKevCount: count('vulnerabilities', MAX_KEV)
      .meta({
        description:
          'Distinct vulnerabilities listed in CISA’s Known Exploited Vulnerabilities catalog that are open today in the applicant’s products or estate. 0 means none.',
        example: 1,
      })
      .nullish(),
    openKevPastDueCount: count('vulnerabilities', MAX_KEV)
      .meta({
        description:
          'How many of `openKevCount` are past their KEV due date. Cannot exceed `openKevCount`. The larger of this and the count matched from `openCves` applies.',
        example: 1,
      })
      .nullish(),
    openCves: z
      .array(OpenCveEntry)
      .max(MAX_OPEN_CVES, { error: `cannot list more than ${MAX_OPEN_CVES} open CVEs` })
      .superRefine((entries, ctx) =>
        refuseDuplicates(
          entries,
          ctx,
          cveIdOf,
          (id, first) => `${id} is listed twice (first at openCves[${first}])`,
          (index, entry) => (typeof entry === 'string' ? [index] : [index, 'cveId']),
        ),
      )
      .meta({
        description:
          'Open vulnerabilities by CVE id, each at most once, matched against the KEV catalog as of the rating date. A bare id means it sits in the applicant’s own products with the affected share unknown; the object form says where it sits. `[]` means none open; omitted or null means not declared.',
        example: ['CVE-2023-1389', { cveId: 'CVE-2024-3400', location: 'corporate', affectedUnitsPct: 0 }],
      })
      .nullish(),
    fleetOnSupportedFirmwarePct: percent()
      .meta({ description: 'Percent of the device fleet running a supported, current firmware release.', example: 92 })
      .nullish(),
    endOfSupportFleetPct: percent()
      .meta({
        description:
          'Percent of the device fleet past its end of support (no more security updates). Together with `fleetOnSupportedFirmwarePct` at most 100.',
        example: 3,
      })
      .nullish(),
    updateMechanism: oneOf(UPDATE_MECHANISMS, 'update mechanism')
      .meta({
        description:
          'How devices receive firmware updates: `none`, `manual` (the user or a technician installs them) or `ota` (over the air).',
        example: 'ota',
      })
      .nullish(),
    updatesSigned: flag(
      'Updates are cryptographically signed and the device verifies the signature before installing.',
    ),
    automaticUpdates: flag('Security updates install automatically by default.'),
    rollbackProtection: flag('Devices refuse to install an older, vulnerable firmware version (anti-rollback).', false),
    supportPeriodMonths: months()
      .meta({
        description:
          'Minimum security-support period from placing on the market, in months (the EU CRA expects at least 60 unless the expected use is shorter).',
        example: 60,
      })
      .nullish(),
    supportPeriodPublished: flag(
      'The support period is published to buyers at the point of sale (a UK PSTI requirement for consumer products).',
    ),
    vulnerabilityDisclosurePolicy: flag(
      'A published vulnerability disclosure policy with a point of contact for reports (a UK PSTI requirement).',
    ),
    bugBounty: flag('A paid bug-bounty programme is run.', false),
    disclosureTimelineDays: days()
      .meta({
        description:
          'Committed coordinated-disclosure timeline, days from report to public disclosure. Not applicable without a disclosure policy.',
        example: 90,
      })
      .nullish(),
    sbomMaintained: flag('A software bill of materials is maintained for each product release.'),
  })
  .superRefine((patching, ctx) => {
    const { openKevCount, openKevPastDueCount } = patching;
    if (openKevCount != null && openKevPastDueCount != null && openKevPastDueCount > openKevCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['openKevPastDueCount'],
        message: `cannot exceed openKevCount (${openKevCount}): past-due KEV vulnerabilities are among the open ones`,
        input: openKevPastDueCount,
      });
    }
    const { fleetOnSupportedFirmwarePct: supported, endOfSupportFleetPct: endOfSupport } = patching;
    if (supported != null && endOfSupport != null && supported + endOfSupport > 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfSupportFleetPct'],
        message: `fleetOnSupportedFirmwarePct (${supported}) plus endOfSupportFleetPct (${endOfSupport}) exceeds 100: devices past end of support cannot be on supported firmware`,
        input: endOfSupport,
      });
    }
  })
  .meta({
    id: 'Patching',
    description:
      'Patch cadence and vulnerability handling. Every field may be omitted or null (unknown, priced pessimistically); the whole section may be too.',
  });

export type Patching = z.output<typeof Patching>;
