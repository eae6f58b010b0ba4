import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KevEntry } from '../../../src/domain/kev/catalog';
import type { KevCatalogSnapshot } from '../../../src/domain/kev/match';
import { ScoreRequest } from '../../../src/domain/posture';
import { rate } from '../../../src/domain/rate';
import type { ComplianceStatus, SafeHarborStatus } from '../../../src/domain/rating/regimes';
import { compileRatingModel } from '../../../src/models/compile-model';
import { testModel } from '../../support/models';
import { AS_OF, all, type Change, daysAgo, programmes, qualifyingRequest, set } from './applicant';

const model = await testModel('iot-cyber');

function inputWith(change: Change = () => {}, asOf = AS_OF, kevCatalog: KevCatalogSnapshot | null = null) {
  const request = qualifyingRequest(asOf);
  change(request);
  const parsed = ScoreRequest.parse(request);
  return { ...parsed, asOf: parsed.asOf ?? asOf, kevCatalog };
}
const rateWith = (...args: Parameters<typeof inputWith>) => rate(model, inputWith(...args));

const findingOf = (result: ReturnType<typeof rate>, regime: string) =>
  [...result.compliance, ...result.safeHarbor].find((finding) => finding.regime === regime)!;
const ids = (list: readonly { requirement: string }[]) => list.map((item) => item.requirement);
const requirementsOf = (regime: string) =>
  model.regimes.find((candidate) => candidate.definition.id === regime)!.definition.requirements.map(({ id }) => id);

// Answers that fail one requirement (or a few that hang together), shared by several regimes.
const universalDefault = set('posture.access.defaultCredentials', 'universal_default');
const hardcoded = set('posture.access.hardcodedCredentials', true);
const kevPastDue = all(set('posture.patching.openKevCount', 1), set('posture.patching.openKevPastDueCount', 1));
const noMfaRemote = set('posture.access.mfa.remote', false);
const noMfaAdmin = set('posture.access.mfa.admin', false);
const staleIrTest = daysAgo('posture.monitoring.incidentResponseLastTested', 400);
const noIrPlan = set('posture.monitoring.incidentResponsePlan', false);
const noLogging = set('posture.monitoring.centralizedLogging', false);
const notEncrypted = set('posture.data.personalDataEncrypted', false);
const noBackups = set('posture.data.offlineBackups', false);
const noRbac = set('posture.access.rbac', false);
const slowScans = set('posture.monitoring.vulnerabilityScanIntervalDays', 180);
const rareTraining = set('posture.governance.securityTrainingIntervalMonths', 24);
const selfAttested = programmes(
  { framework: 'nist_csf', version: '2.0', basis: 'self_attested' },
  { framework: 'nist_800_171', version: 'r3', basis: 'self_attested' },
);
const reviewedLongAgo = programmes(
  { framework: 'nist_csf', version: '2.0', reviewedDaysAgo: 400 },
  { framework: 'nist_800_171', version: 'r3', reviewedDaysAgo: 400 },
);
const onlyFleet = (category: string) =>
  set('profile.deviceFleet', [{ category, units: 1_000, criticality: 'moderate', dataTypes: ['pii'] }]);
const jurisdictions = (...codes: string[]) => set('profile.jurisdictions', codes);
const role = (value: string) => set('profile.role', value);
const NO_PROGRAMME = ['written_programme', 'current_revision', 'verified', 'reviewed_within_year'];

type Status = ComplianceStatus | SafeHarborStatus;
interface RegimeCases {
  regime: string;
  kind: 'compliance' | 'safe_harbor';
  /** [what fails, the change, the exact unmet requirement ids, the status]. */
  failures: [string, Change, string[], Status][];
  /** [why it does not apply, the change, the applicability the finding reports]. */
  outOfScope: [string, Change, string][];
}

const CASES: RegimeCases[] = [
  {
    regime: 'uk_psti',
    kind: 'compliance',
    failures: [
      ['universal default passwords', universalDefault, ['no_universal_default_passwords'], 'non_compliant'],
      ['hard-coded credentials', hardcoded, ['no_universal_default_passwords'], 'non_compliant'],
      [
        'no point of contact for vulnerability reports',
        set('posture.patching.vulnerabilityDisclosurePolicy', false),
        ['vulnerability_reporting_contact'],
        'non_compliant',
      ],
      [
        'support period not published',
        set('posture.patching.supportPeriodPublished', false),
        ['defined_support_period_published'],
        'non_compliant',
      ],
    ],
    outOfScope: [
      ['outside GB', jurisdictions('DE', 'US-CA'), 'no jurisdiction among GB'],
      ['only excepted products (smart meters)', onlyFleet('smart_meter'), 'no device of a category the regime covers'],
      ['not a manufacturer', role('service_provider'), 'the applicant is not a manufacturer'],
    ],
  },
  {
    regime: 'eu_cra',
    kind: 'compliance',
    failures: [
      [
        'exploited vulnerabilities reported in 72 hours',
        set('posture.monitoring.exploitedVulnReportingHours', 72),
        ['exploited_vulnerability_early_warning'],
        'non_compliant',
      ],
      [
        'an open KEV vulnerability',
        set('posture.patching.openKevCount', 1),
        ['no_known_exploitable_vulnerabilities'],
        'non_compliant',
      ],
      [
        'an open CVE in its own product',
        set('posture.patching.openCves', ['CVE-2023-1389']),
        ['no_known_exploitable_vulnerabilities'],
        'non_compliant',
      ],
      ['universal default passwords', universalDefault, ['secure_by_default_credentials'], 'non_compliant'],
      ['unsigned updates', set('posture.patching.updatesSigned', false), ['secure_updates'], 'non_compliant'],
      ['no update mechanism', set('posture.patching.updateMechanism', 'none'), ['secure_updates'], 'non_compliant'],
      ['no encryption at rest', set('posture.access.encryptionAtRest', false), ['data_protected'], 'non_compliant'],
      ['no data minimisation', set('posture.data.dataMinimization', false), ['data_minimisation'], 'non_compliant'],
      [
        'remote administration exposed',
        set('posture.access.remoteAdminExposed', true),
        ['attack_surface_limited'],
        'non_compliant',
      ],
      ['no threat model', set('posture.development.threatModeling', false), ['risk_assessment'], 'non_compliant'],
      [
        'no third-party component review',
        set('posture.development.thirdPartyComponentReview', false),
        ['component_due_diligence'],
        'non_compliant',
      ],
      ['no SBOM', set('posture.patching.sbomMaintained', false), ['sbom'], 'non_compliant'],
      [
        'no security testing before release',
        set('posture.development.securityTestingBeforeRelease', false),
        ['security_testing'],
        'non_compliant',
      ],
      [
        'no coordinated disclosure policy',
        set('posture.patching.vulnerabilityDisclosurePolicy', false),
        ['coordinated_vulnerability_disclosure'],
        'non_compliant',
      ],
      [
        'a 36-month support period',
        set('posture.patching.supportPeriodMonths', 36),
        ['support_period_five_years'],
        'non_compliant',
      ],
      [
        'support end date not published',
        set('posture.patching.supportPeriodPublished', false),
        ['support_period_published'],
        'non_compliant',
      ],
    ],
    outOfScope: [
      ['outside the EU', jurisdictions('GB', 'US-CA'), expect.stringMatching(/^no jurisdiction among AT, BE, .*, SE$/)],
      ['only medical devices', onlyFleet('medical_device'), 'no device of a category the regime covers'],
      ['not a manufacturer', role('platform_operator'), 'the applicant is not a manufacturer'],
    ],
  },
  {
    regime: 'ca_sb327',
    kind: 'compliance',
    failures: [
      ['universal default passwords', universalDefault, ['unique_or_user_set_credentials'], 'non_compliant'],
      ['hard-coded credentials', hardcoded, ['no_hardcoded_credentials'], 'non_compliant'],
    ],
    outOfScope: [
      ['outside California', jurisdictions('GB', 'US-OH'), 'no jurisdiction among US-CA'],
      ['only medical devices', onlyFleet('medical_device'), 'no device of a category the regime covers'],
      ['not a manufacturer', role('enterprise_user'), 'the applicant is not a manufacturer'],
    ],
  },
  {
    regime: 'gdpr',
    kind: 'compliance',
    failures: [
      ['personal data not encrypted', notEncrypted, ['encryption'], 'non_compliant'],
      ['no role-based access', noRbac, ['access_control'], 'non_compliant'],
      ['no MFA for administrators', noMfaAdmin, ['access_control'], 'non_compliant'],
      ['no offline backups', noBackups, ['restore_availability'], 'non_compliant'],
      [
        'no restore test within a year',
        daysAgo('posture.data.lastRestoreTest', 400),
        ['restore_availability'],
        'non_compliant',
      ],
      [
        'no penetration test or audit within a year',
        all(
          daysAgo('posture.monitoring.lastPenetrationTest', 400),
          set('posture.governance.independentAuditIntervalMonths', 24),
        ),
        ['regular_testing'],
        'non_compliant',
      ],
      ['no central logging', noLogging, ['breach_detection_and_records'], 'non_compliant'],
      [
        'authority notified in 96 hours',
        set('posture.monitoring.breachNotificationTargetHours', 96),
        ['authority_notification_72h'],
        'non_compliant',
      ],
      [
        'a processor telling controllers in a week',
        all(role('service_provider'), set('posture.contracts.customerBreachNotificationHours', 168)),
        ['processor_notifies_controller'],
        'non_compliant',
      ],
    ],
    outOfScope: [
      ['outside the EEA', jurisdictions('GB', 'US-CA'), expect.stringMatching(/^no jurisdiction among AT, .*, NO$/)],
      [
        'no personal data',
        all(
          set('profile.recordsHeld', { pii: 0, phi: 0, payment: 10_000, biometric: 0, location: 0 }),
          onlyFleet('sensor'),
          set('profile.deviceFleet.0.dataTypes', []),
        ),
        'no pii or location or biometric or phi data held',
      ],
    ],
  },
  {
    regime: 'hipaa',
    kind: 'compliance',
    failures: [
      ['no written programme', programmes(), ['risk_analysis_and_management'], 'non_compliant'],
      ['programme not reviewed for a year', reviewedLongAgo, ['risk_analysis_and_management'], 'non_compliant'],
      ['no MFA on remote access', noMfaRemote, ['access_control'], 'non_compliant'],
      ['no central logging', noLogging, ['audit_controls'], 'non_compliant'],
      ['PHI not encrypted', notEncrypted, ['encryption'], 'non_compliant'],
      ['no offline backups', noBackups, ['contingency_backups'], 'non_compliant'],
      ['no incident-response plan', noIrPlan, ['security_incident_procedures'], 'non_compliant'],
      [
        'individuals notified after more than 60 days',
        set('posture.monitoring.breachNotificationTargetHours', 1_441),
        ['breach_notification_60_days'],
        'non_compliant',
      ],
    ],
    outOfScope: [
      ['no PHI held', set('profile.recordsHeld.phi', 0), 'no phi data held'],
      ['outside the US', jurisdictions('GB', 'DE'), 'no jurisdiction among US'],
    ],
  },
  {
    regime: 'pci_dss',
    kind: 'compliance',
    failures: [
      [
        'a programme on PCI DSS 4.0 (retired)',
        programmes({ framework: 'nist_csf', version: '2.0' }, { framework: 'pci_dss', version: '4.0' }),
        ['current_version_programme'],
        'non_compliant',
      ],
      [
        'a Level 1 volume self-assessed',
        all(
          set('profile.recordsHeld.payment', 7_000_000),
          programmes({ framework: 'pci_dss', version: '4.0.1', basis: 'self_attested' }),
        ),
        ['validated_by_qsa'],
        'non_compliant',
      ],
      [
        'no encryption at rest',
        set('posture.access.encryptionAtRest', false),
        ['stored_account_data_encrypted'],
        'non_compliant',
      ],
      [
        'no encryption in transit',
        set('posture.access.encryptionInTransit', 'none'),
        ['transmission_encrypted'],
        'non_compliant',
      ],
      ['hard-coded credentials', hardcoded, ['no_default_or_hardcoded_passwords'], 'non_compliant'],
      ['no MFA for administrators', noMfaAdmin, ['mfa_admin_and_remote', 'mfa_all_console_access'], 'non_compliant'],
      [
        'no MFA on the cloud console',
        set('posture.access.mfa.cloudConsole', false),
        ['mfa_all_console_access'],
        'non_compliant',
      ],
      ['logs kept 90 days', set('posture.monitoring.logRetentionDays', 90), ['audit_logs_12_months'], 'non_compliant'],
      ['scans every 180 days', slowScans, ['quarterly_vulnerability_scans'], 'non_compliant'],
      [
        'a penetration test 400 days ago',
        daysAgo('posture.monitoring.lastPenetrationTest', 400),
        ['annual_penetration_test'],
        'non_compliant',
      ],
      ['training every two years', rareTraining, ['security_awareness_training'], 'non_compliant'],
      ['an incident-response test 400 days ago', staleIrTest, ['incident_response_tested'], 'non_compliant'],
    ],
    outOfScope: [['no payment data', set('profile.recordsHeld.payment', 0), 'no payment data held']],
  },
  {
    regime: 'ccpa',
    kind: 'compliance',
    failures: [
      ['personal information not encrypted', notEncrypted, ['encryption'], 'non_compliant'],
      ['no MFA for administrators', noMfaAdmin, ['mfa'], 'non_compliant'],
      ['no role-based access', noRbac, ['access_control'], 'non_compliant'],
      ['scans every 180 days', slowScans, ['vulnerability_management'], 'non_compliant'],
      ['a KEV vulnerability past due', kevPastDue, ['vulnerability_management'], 'non_compliant'],
      ['no central logging', noLogging, ['logging'], 'non_compliant'],
      ['no incident-response plan', noIrPlan, ['incident_response'], 'non_compliant'],
      ['training every two years', rareTraining, ['security_training'], 'non_compliant'],
      [
        'no data minimisation',
        set('posture.data.dataMinimization', false),
        ['minimisation_and_retention'],
        'non_compliant',
      ],
    ],
    outOfScope: [
      ['outside California', jurisdictions('US-OH', 'GB'), 'no jurisdiction among US-CA'],
      [
        'below the business thresholds',
        all(
          set('profile.annualRevenue.amount', 200_000_000),
          set('profile.recordsHeld', { pii: 5_000, phi: 0, payment: 0, biometric: 0, location: 0 }),
        ),
        'its applicability condition is not met',
      ],
    ],
  },
  {
    regime: 'ohio_dpa',
    kind: 'safe_harbor',
    failures: [
      ['no written programme', programmes(), NO_PROGRAMME, 'not_eligible'],
      [
        'PCI DSS alone (it counts only with another framework)',
        programmes({ framework: 'pci_dss', version: '4.0.1' }),
        NO_PROGRAMME,
        'not_eligible',
      ],
      [
        'a NIST CSF 1.1 programme years after CSF 2.0',
        programmes({ framework: 'nist_csf', version: '1.1' }),
        ['current_revision'],
        'not_eligible',
      ],
      ['self-attested programmes', selfAttested, ['verified'], 'partially_eligible'],
      ['no MFA on remote access', noMfaRemote, ['mfa'], 'partially_eligible'],
      ['an incident-response test 400 days ago', staleIrTest, ['incident_response_tested'], 'partially_eligible'],
      ['programmes reviewed 400 days ago', reviewedLongAgo, ['reviewed_within_year'], 'partially_eligible'],
    ],
    outOfScope: [['outside Ohio', jurisdictions('US-CA', 'GB'), 'no jurisdiction among US-OH']],
  },
  {
    regime: 'utah_cyber_ad',
    kind: 'safe_harbor',
    failures: [
      [
        'only NIST CSF, which the statute does not list',
        programmes({ framework: 'nist_csf', version: '2.0' }),
        NO_PROGRAMME,
        'not_eligible',
      ],
      [
        'an SP 800-171 r2 programme years after r3',
        programmes({ framework: 'nist_800_171', version: 'r2' }),
        ['current_revision'],
        'not_eligible',
      ],
      ['a KEV vulnerability past due (actual notice)', kevPastDue, ['acted_on_actual_notice'], 'not_eligible'],
      ['self-attested programmes', selfAttested, ['verified'], 'partially_eligible'],
      ['no MFA for administrators', noMfaAdmin, ['mfa'], 'partially_eligible'],
      ['an incident-response test 400 days ago', staleIrTest, ['incident_response_tested'], 'partially_eligible'],
      ['programmes reviewed 400 days ago', reviewedLongAgo, ['reviewed_within_year'], 'partially_eligible'],
    ],
    outOfScope: [['outside Utah', jurisdictions('US-CA', 'GB'), 'no jurisdiction among US-UT']],
  },
  {
    regime: 'connecticut_pa_21_119',
    kind: 'safe_harbor',
    failures: [
      ['no written programme', programmes(), NO_PROGRAMME, 'not_eligible'],
      [
        'a CIS Controls 8 programme years after 8.1',
        programmes({ framework: 'cis_controls', version: '8' }),
        ['current_revision'],
        'not_eligible',
      ],
      ['universal default passwords', universalDefault, ['no_gross_negligence_indicators'], 'not_eligible'],
      ['hard-coded credentials', hardcoded, ['no_gross_negligence_indicators'], 'not_eligible'],
      [
        'a breach whose root cause is not remediated',
        set('posture.incidents', [
          {
            occurredOn: '2027-03-01',
            kind: 'breach',
            status: 'closed',
            recordsAffected: 1_000,
            loss: { amount: 1_000_000, currency: 'USD' },
            rootCauseRemediated: false,
          },
        ]),
        ['no_gross_negligence_indicators'],
        'not_eligible',
      ],
      ['self-attested programmes', selfAttested, ['verified'], 'partially_eligible'],
      ['no MFA on remote access', noMfaRemote, ['mfa'], 'partially_eligible'],
      ['no incident-response plan', noIrPlan, ['incident_response_tested'], 'partially_eligible'],
      ['programmes reviewed 400 days ago', reviewedLongAgo, ['reviewed_within_year'], 'partially_eligible'],
    ],
    outOfScope: [['outside Connecticut', jurisdictions('US-CA', 'GB'), 'no jurisdiction among US-CT']],
  },
  {
    regime: 'iowa_554g',
    kind: 'safe_harbor',
    failures: [
      [
        'no written programme',
        programmes(),
        ['written_programme', 'current_revision', 'reviewed_within_year', 'verified'],
        'not_eligible',
      ],
      [
        'an ISO 27001 programme on the 2013 edition',
        programmes({ framework: 'iso_27001', version: '2013' }),
        ['current_revision'],
        'not_eligible',
      ],
      ['programmes not evaluated for a year', reviewedLongAgo, ['reviewed_within_year'], 'not_eligible'],
      ['self-attested programmes', selfAttested, ['verified'], 'partially_eligible'],
      ['no MFA on remote access', noMfaRemote, ['mfa'], 'partially_eligible'],
      ['an incident-response test 400 days ago', staleIrTest, ['incident_response_tested'], 'partially_eligible'],
    ],
    outOfScope: [['outside Iowa', jurisdictions('US-CA', 'GB'), 'no jurisdiction among US-IA']],
  },
  {
    regime: 'carrier_iot_safe_harbor',
    kind: 'safe_harbor',
    failures: [
      ['no certificate', set('posture.certifications', []), ['third_party_product_certificate'], 'not_eligible'],
      [
        'a self-assessed certificate',
        set('posture.certifications.0.assessor', 'self'),
        ['third_party_product_certificate'],
        'not_eligible',
      ],
      ['a KEV vulnerability past due', kevPastDue, ['no_past_due_kev'], 'not_eligible'],
      [
        'no consent to external scanning',
        set('posture.governance.consentsToExternalScanning', false),
        ['external_scanning_consent'],
        'not_eligible',
      ],
      [
        'no remediation undertaking',
        set('posture.governance.remediationCooperationUndertaking', false),
        ['remediation_cooperation'],
        'not_eligible',
      ],
      [
        'devices that cannot be updated',
        set('posture.patching.updateMechanism', 'none'),
        ['devices_updatable'],
        'partially_eligible',
      ],
      ['no MFA for administrators', noMfaAdmin, ['mfa'], 'partially_eligible'],
      ['an incident-response test 400 days ago', staleIrTest, ['incident_response_tested'], 'partially_eligible'],
      [
        'no vulnerability disclosure policy',
        set('posture.patching.vulnerabilityDisclosurePolicy', false),
        ['vulnerability_disclosure'],
        'partially_eligible',
      ],
    ],
    outOfScope: [['no device fleet', set('profile.deviceFleet', []), 'its applicability condition is not met']],
  },
];

describe('the default model’s regimes', () => {
  it('has a case table for every regime it declares', () => {
    expect(CASES.map(({ regime }) => regime)).toEqual(model.regimes.map(({ definition }) => definition.id));
  });

  it('documents every regime, requirement and framework revision in models/README.md', () => {
    const readme = readFileSync(new URL('../../../models/iot-cyber-1.0.0.md', import.meta.url), 'utf8');
    for (const { definition } of model.regimes) {
      expect(readme, definition.id).toContain(`\`${definition.id}\``);
      for (const { id } of definition.requirements) expect(readme, `${definition.id}.${id}`).toContain(`\`${id}\``);
      for (const code of definition.waives) expect(readme, code).toContain(`\`${code}\``);
    }
    for (const [framework, revisions] of model.frameworkRevisions) {
      for (const { version, publishedOn } of revisions) {
        expect(readme, `${framework} ${version}`).toMatch(
          new RegExp(`\`${framework}\` \\| \`${version}\` \\| ${publishedOn}`),
        );
      }
    }
  });
});

describe.each(CASES)('$regime', ({ regime, kind, failures, outOfScope }) => {
  it('is met by an applicant that meets every requirement', () => {
    const finding = findingOf(rateWith(), regime);
    expect(finding).toMatchObject({
      status: kind === 'compliance' ? 'compliant' : 'eligible',
      applicability: null,
      unmet: [],
      upcoming: [],
    });
    expect(ids(finding.met)).toEqual(requirementsOf(regime));
  });

  it.each(failures)('fails with %s', (_what, change, unmet, status) => {
    const finding = findingOf(rateWith(change), regime);
    expect(finding.status).toBe(status);
    expect(ids(finding.unmet)).toEqual(unmet);
    for (const requirement of finding.unmet) expect(requirement.evidence).not.toBe('');
  });

  it('has a failing case for each of its requirements', () => {
    const failed = new Set(failures.flatMap(([, , unmet]) => unmet));
    expect(requirementsOf(regime).filter((id) => !failed.has(id))).toEqual([]);
  });

  it.each(outOfScope)('does not apply %s', (_why, change, applicability) => {
    const finding = findingOf(rateWith(change), regime);
    expect(finding).toMatchObject({ status: 'not_applicable', applicability, met: [], unmet: [], upcoming: [] });
  });
});

describe('application dates', () => {
  const ESSENTIAL = requirementsOf('eu_cra').filter((id) => id !== 'exploited_vulnerability_early_warning');
  const cra = (asOf: string, change?: Change) => findingOf(rateWith(change, asOf), 'eu_cra');

  it('EU CRA: not yet applicable before 11 September 2026', () => {
    expect(cra('2026-09-10', set('posture.monitoring.exploitedVulnReportingHours', 72))).toMatchObject({
      status: 'not_yet_applicable',
      applicability: 'applies from 2026-09-11',
      met: [],
      unmet: [],
      upcoming: [],
    });
  });

  it.each(['2026-09-11', '2027-12-10'])(
    'EU CRA on %s: reporting is checked, the essential requirements are upcoming',
    (asOf) => {
      const finding = cra(asOf, set('posture.patching.sbomMaintained', false));
      expect(finding.status).toBe('compliant');
      expect(ids(finding.met)).toEqual(['exploited_vulnerability_early_warning']);
      expect(finding.upcoming).toEqual(
        ESSENTIAL.map((id) => expect.objectContaining({ requirement: id, appliesFrom: '2027-12-11' })),
      );
      const late = cra(asOf, set('posture.monitoring.exploitedVulnReportingHours', 72));
      expect(late.status).toBe('non_compliant');
      expect(ids(late.unmet)).toEqual(['exploited_vulnerability_early_warning']);
    },
  );

  it('EU CRA from 11 December 2027: every requirement is checked', () => {
    const finding = cra('2027-12-11', set('posture.patching.sbomMaintained', false));
    expect(finding.status).toBe('non_compliant');
    expect(ids(finding.unmet)).toEqual(['sbom']);
    expect(finding.upcoming).toEqual([]);
    expect(ids(cra('2027-12-11').met)).toEqual(requirementsOf('eu_cra'));
  });

  it('UK PSTI: not yet applicable before 29 April 2024, checked from that day', () => {
    const psti = (asOf: string) => findingOf(rateWith(universalDefault, asOf), 'uk_psti');
    expect(psti('2024-04-28')).toMatchObject({
      status: 'not_yet_applicable',
      applicability: 'applies from 2024-04-29',
    });
    expect(psti('2024-04-29')).toMatchObject({
      status: 'non_compliant',
      unmet: [expect.objectContaining({ requirement: 'no_universal_default_passwords' })],
    });
    expect(findingOf(rateWith(undefined, '2024-04-29'), 'uk_psti').status).toBe('compliant');
  });

  it('a safe harbor is not applicable before its statute took effect', () => {
    expect(findingOf(rateWith(undefined, '2023-06-30'), 'iowa_554g')).toMatchObject({
      status: 'not_applicable',
      applicability: 'in force from 2023-07-01',
    });
  });
});

describe('framework revision windows', () => {
  // NIST CSF 2.0 was published on 2024-02-26; Ohio allows one year (365 days) to adopt a revision.
  const csf11 = programmes({ framework: 'nist_csf', version: '1.1' });
  const ohio = (asOf: string, change: Change = csf11) => findingOf(rateWith(change, asOf), 'ohio_dpa');

  it.each([
    ['2025-02-24', 364],
    ['2025-02-25', 365],
  ])('Ohio: a NIST CSF 1.1 programme on %s (%i days after CSF 2.0) is still current', (asOf) => {
    expect(ohio(asOf)).toMatchObject({ status: 'eligible', unmet: [] });
  });

  it('Ohio: a NIST CSF 1.1 programme 366 days after CSF 2.0 is out of date; a CSF 2.0 one is current', () => {
    const stale = ohio('2025-02-26');
    expect(stale.status).toBe('not_eligible');
    expect(ids(stale.unmet)).toEqual(['current_revision']);
    expect(ohio('2025-02-26', programmes({ framework: 'nist_csf', version: '2.0' })).status).toBe('eligible');
  });

  it('Connecticut allows six months (183 days): a CIS Controls 8 programme after 8.1 (2024-06-24)', () => {
    const cis8 = programmes({ framework: 'cis_controls', version: '8' });
    expect(findingOf(rateWith(cis8, '2024-12-24'), 'connecticut_pa_21_119').status).toBe('eligible');
    const stale = findingOf(rateWith(cis8, '2024-12-25'), 'connecticut_pa_21_119');
    expect(stale.status).toBe('not_eligible');
    expect(ids(stale.unmet)).toEqual(['current_revision']);
    // Ohio's one-year window still holds on the same day.
    expect(findingOf(rateWith(cis8, '2024-12-25'), 'ohio_dpa').status).toBe('eligible');
  });
});

describe('Utah: the defence is lost with actual notice of a threat not acted on', () => {
  const entry = (cveID: string, dateAdded: string, dueDate: string): KevEntry => ({
    cveID,
    vendorProject: 'TP-Link',
    product: 'Archer AX21',
    vulnerabilityName: `${cveID} test vulnerability`,
    dateAdded,
    dueDate,
    knownRansomwareCampaignUse: false,
    endOfLife: false,
  });
  const catalog: KevCatalogSnapshot = {
    version: '2028.01.10',
    entries: new Map([
      ['CVE-2023-1389', entry('CVE-2023-1389', '2027-11-01', '2027-11-22')],
      ['CVE-2024-3400', entry('CVE-2024-3400', '2028-01-01', '2028-01-22')],
    ]),
  };

  it('a declared past-due KEV vulnerability makes the applicant not eligible', () => {
    const finding = findingOf(rateWith(kevPastDue), 'utah_cyber_ad');
    expect(finding.status).toBe('not_eligible');
    expect(finding.unmet).toEqual([
      expect.objectContaining({ requirement: 'acted_on_actual_notice', level: 'required' }),
    ]);
  });

  it('so does one the KEV catalog finds past its own due date, but not one still within it', () => {
    const pastDue = findingOf(
      rateWith(set('posture.patching.openCves', ['CVE-2023-1389']), AS_OF, catalog),
      'utah_cyber_ad',
    );
    expect(ids(pastDue.unmet)).toEqual(['acted_on_actual_notice']);
    const withinDue = findingOf(
      rateWith(set('posture.patching.openCves', ['CVE-2024-3400']), AS_OF, catalog),
      'utah_cyber_ad',
    );
    expect(withinDue.status).toBe('eligible');
  });
});

describe('the carrier IoT safe harbor waives the restrictions it lists', () => {
  const unsigned = set('posture.patching.updatesSigned', false);
  const WAIVED = 'UNSIGNED_UPDATES_DEVICE_BRICKING';
  const codes = (list: readonly { code: string }[]) => list.map(({ code }) => code);

  it('an eligible applicant’s waived restrictions move from restrictions to waivedRestrictions', () => {
    const result = rateWith(unsigned);
    expect(findingOf(result, 'carrier_iot_safe_harbor').status).toBe('eligible');
    expect(codes(result.restrictions)).not.toContain(WAIVED);
    expect(result.waivedRestrictions).toEqual([
      { code: WAIVED, title: expect.any(String), regime: 'carrier_iot_safe_harbor' },
    ]);
  });

  it.each([
    ['not eligible (no consent to scanning)', set('posture.governance.consentsToExternalScanning', false)],
    ['partially eligible (no disclosure policy)', set('posture.patching.vulnerabilityDisclosurePolicy', false)],
  ])('an applicant %s keeps them', (_what, change) => {
    const result = rateWith(all(unsigned, change));
    expect(findingOf(result, 'carrier_iot_safe_harbor').status).not.toBe('eligible');
    expect(codes(result.restrictions)).toContain(WAIVED);
    expect(result.waivedRestrictions).toEqual([]);
  });

  it('changes nothing else: the same rating without the waiver has the same premium and form exclusions', () => {
    const document = JSON.parse(readFileSync(new URL('../../../models/iot-cyber-1.0.0.json', import.meta.url), 'utf8'));
    document.regimes = document.regimes.map((regime: { waives?: string[] }) => ({ ...regime, waives: [] }));
    const input = inputWith(unsigned);
    const waived = rate(model, input);
    const unwaived = rate(compileRatingModel(document), input);
    expect(codes(unwaived.restrictions)).toContain(WAIVED);
    expect(codes(unwaived.restrictions).filter((code) => code !== WAIVED)).toEqual(codes(waived.restrictions));
    expect(waived.restrictions.filter((restriction) => restriction.kind === 'form_exclusion')).toEqual(
      unwaived.restrictions.filter((restriction) => restriction.kind === 'form_exclusion'),
    );
    expect(waived.premiums.map((premium) => premium.premium)).toEqual(
      unwaived.premiums.map((premium) => premium.premium),
    );
  });
});
