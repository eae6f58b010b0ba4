import { describe, expect, it } from 'vitest';
import { Posture, ScoreRequest } from '../../../src/domain/posture';
import { example, expectOnlyIssue, issuesOf } from './helpers';

describe('Posture: numbers', () => {
  it('refuses negative days, at the field', () => {
    expectOnlyIssue(
      Posture,
      { patching: { criticalRemediationDays: -5 } },
      ['patching', 'criticalRemediationDays'],
      /cannot be negative: a number of days/,
    );
  });

  it('refuses fractional days and absurdly many', () => {
    expectOnlyIssue(
      Posture,
      { monitoring: { logRetentionDays: 1.5 } },
      ['monitoring', 'logRetentionDays'],
      /whole number of days/,
    );
    expectOnlyIssue(
      Posture,
      { access: { accessReviewDays: 36_501 } },
      ['access', 'accessReviewDays'],
      /cannot exceed 36500 days/,
    );
  });

  it('refuses hours and months out of range', () => {
    expectOnlyIssue(
      Posture,
      { monitoring: { exploitedVulnReportingHours: 9000 } },
      ['monitoring', 'exploitedVulnReportingHours'],
      /cannot exceed 8760 hours/,
    );
    expectOnlyIssue(
      Posture,
      { governance: { securityTrainingIntervalMonths: -1 } },
      ['governance', 'securityTrainingIntervalMonths'],
      /cannot be negative: a number of months/,
    );
  });

  it('refuses a percentage over 100, at the field', () => {
    expectOnlyIssue(
      Posture,
      { patching: { fleetOnSupportedFirmwarePct: 101 } },
      ['patching', 'fleetOnSupportedFirmwarePct'],
      /percentage from 0 to 100: it cannot exceed 100/,
    );
  });

  it('accepts fractional percentages', () => {
    expect(
      Posture.safeParse({ patching: { fleetOnSupportedFirmwarePct: 92.5, endOfSupportFleetPct: 7.5 } }).success,
    ).toBe(true);
  });

  it('refuses more past-due KEV vulnerabilities than open ones, at openKevPastDueCount', () => {
    expectOnlyIssue(
      Posture,
      { patching: { openKevCount: 1, openKevPastDueCount: 2 } },
      ['patching', 'openKevPastDueCount'],
      /cannot exceed openKevCount \(1\)/,
    );
  });

  it('checks the KEV counts only when both are known', () => {
    expect(Posture.safeParse({ patching: { openKevCount: null, openKevPastDueCount: 2 } }).success).toBe(true);
  });

  it('refuses supported-firmware and end-of-support shares that add up to more than 100', () => {
    expectOnlyIssue(
      Posture,
      { patching: { fleetOnSupportedFirmwarePct: 95, endOfSupportFleetPct: 10 } },
      ['patching', 'endOfSupportFleetPct'],
      /exceeds 100: devices past end of support cannot be on supported firmware/,
    );
  });

  it('refuses a negative count of records affected by an incident', () => {
    expectOnlyIssue(
      Posture,
      { incidents: [{ kind: 'breach', recordsAffected: -10 }] },
      ['incidents', 0, 'recordsAffected'],
      /cannot be negative: a number of records/,
    );
  });

  it('refuses a string where a yes/no answer is expected', () => {
    expectOnlyIssue(Posture, { data: { offlineBackups: 'yes' } }, ['data', 'offlineBackups'], /true or false/);
  });
});

describe('Posture: certifications and frameworks', () => {
  const certificate = { scheme: 'etsi_en_303_645', scope: 'product', assessor: 'third_party' };

  it('refuses a certificate that expires before it is issued, at expiresOn', () => {
    expectOnlyIssue(
      Posture,
      { certifications: [{ ...certificate, issuedOn: '2025-03-01', expiresOn: '2024-03-01' }] },
      ['certifications', 0, 'expiresOn'],
      /must be after issuedOn \(2025-03-01\)/,
    );
  });

  it('refuses a certificate that expires the day it is issued', () => {
    expectOnlyIssue(
      Posture,
      { certifications: [{ ...certificate, issuedOn: '2025-03-01', expiresOn: '2025-03-01' }] },
      ['certifications', 0, 'expiresOn'],
      /must be after issuedOn/,
    );
  });

  it('refuses an unknown scheme, listing the accepted ones', () => {
    expectOnlyIssue(
      Posture,
      { certifications: [{ ...certificate, scheme: 'iso_9001' }] },
      ['certifications', 0, 'scheme'],
      /"iso_9001" is not a known certification scheme: expected one of etsi_en_303_645 \|/,
    );
  });

  it('requires the scheme of a certification', () => {
    expectOnlyIssue(Posture, { certifications: [{ scope: 'product' }] }, ['certifications', 0, 'scheme'], /required/);
  });

  it('refuses an unknown framework and an unknown basis', () => {
    const issues = issuesOf(Posture, { frameworks: [{ framework: 'nist_ai_rmf', basis: 'audited' }] });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['frameworks', 0, 'framework'],
      ['frameworks', 0, 'basis'],
    ]);
    expect(issues[0]?.message).toMatch(/not a known framework/);
  });

  it('refuses an issue date that is not a real calendar date', () => {
    expectOnlyIssue(
      Posture,
      { certifications: [{ ...certificate, issuedOn: '2025-04-31' }] },
      ['certifications', 0, 'issuedOn'],
      /2025-04-31 is not a real calendar date/,
    );
  });
});

describe('Posture: open CVEs', () => {
  it('accepts bare ids and located objects', () => {
    const openCves = ['CVE-2023-1389', { cveId: 'CVE-2021-44228', location: 'own_product', affectedUnitsPct: 12.5 }];
    expect(Posture.safeParse({ patching: { openCves } }).success).toBe(true);
  });

  it('refuses a lower-case id rather than normalising it, naming the expected form', () => {
    expectOnlyIssue(
      Posture,
      { patching: { openCves: ['cve-2023-1389'] } },
      ['patching', 'openCves', 0],
      /"cve-2023-1389" is not a CVE id: expected the form CVE-YYYY-NNNN/,
    );
  });

  it.each(['CVE-23-1389', 'CVE-2023-138', 'CVE-2023-1389 ', 'CVE_2023_1389'])('refuses the malformed id %j', (id) => {
    expectOnlyIssue(
      Posture,
      { patching: { openCves: [id] } },
      ['patching', 'openCves', 0],
      /expected the form CVE-YYYY-NNNN/,
    );
  });

  it('refuses a malformed id in the object form, at cveId', () => {
    expectOnlyIssue(
      Posture,
      { patching: { openCves: [{ cveId: 'CVE-2024-34', location: 'corporate' }] } },
      ['patching', 'openCves', 0, 'cveId'],
      /expected the form CVE-YYYY-NNNN/,
    );
  });

  it('explains what is wrong with an object entry', () => {
    expectOnlyIssue(
      Posture,
      { patching: { openCves: [{ cveId: 'CVE-2024-3400' }] } },
      ['patching', 'openCves', 0],
      /invalid open CVE object: location: required: the CVE location, one of own_product \| corporate/,
    );
    expectOnlyIssue(
      Posture,
      { patching: { openCves: [{ cveId: 'CVE-2024-3400', location: 'corporate', affectedUnitsPct: 150 }] } },
      ['patching', 'openCves', 0, 'affectedUnitsPct'],
      /cannot exceed 100/,
    );
  });

  it('says which forms are accepted when an entry is neither', () => {
    expectOnlyIssue(
      Posture,
      { patching: { openCves: [42] } },
      ['patching', 'openCves', 0],
      /a CVE id string .* or an object/,
    );
  });

  it('refuses a duplicate id at the duplicate, whichever form each entry takes', () => {
    expectOnlyIssue(
      Posture,
      { patching: { openCves: ['CVE-2023-1389', 'CVE-2024-3400', 'CVE-2023-1389'] } },
      ['patching', 'openCves', 2],
      /CVE-2023-1389 is listed twice \(first at openCves\[0\]\)/,
    );
    expectOnlyIssue(
      Posture,
      { patching: { openCves: ['CVE-2024-3400', { cveId: 'CVE-2024-3400', location: 'corporate' }] } },
      ['patching', 'openCves', 1, 'cveId'],
      /CVE-2024-3400 is listed twice/,
    );
  });
});

describe('Posture: closed sets and shape', () => {
  it('refuses an unknown incident kind and an unknown update mechanism', () => {
    expectOnlyIssue(
      Posture,
      { incidents: [{ kind: 'phishing' }] },
      ['incidents', 0, 'kind'],
      /not a known incident kind/,
    );
    expectOnlyIssue(
      Posture,
      { patching: { updateMechanism: 'usb' } },
      ['patching', 'updateMechanism'],
      /not a known update mechanism: expected one of none \| manual \| ota/,
    );
  });

  it('refuses an unknown section and an unknown field, naming the key', () => {
    expect(issuesOf(Posture, { network: {} })).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['network'] }),
    ]);
    expect(issuesOf(Posture, { patching: { criticalRemediationDay: 3 } })).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['patching'], keys: ['criticalRemediationDay'] }),
    ]);
  });

  it('refuses a section sent as a list', () => {
    expectOnlyIssue(Posture, { access: [] }, ['access'], /expected object/);
  });

  it('refuses an incident loss with a lower-case currency, at the full path', () => {
    const request = example();
    request.posture.incidents = [{ kind: 'breach', loss: { amount: 10, currency: 'usd' } }];
    expectOnlyIssue(ScoreRequest, request, ['posture', 'incidents', 0, 'loss', 'currency'], /upper case/);
  });
});
