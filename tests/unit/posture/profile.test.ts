import { describe, expect, it } from 'vitest';
import { jurisdictionProblem, Profile, ScoreRequest } from '../../../src/domain/posture';
import { example, expectOnlyIssue, minimalRequest } from './helpers';

function profileWith(changes: Record<string, unknown>): unknown {
  return { ...minimalRequest().profile, ...changes };
}

describe('Profile', () => {
  it('trims the legal name and refuses one that is only spaces', () => {
    expect(Profile.parse(profileWith({ legalName: '  Acme Ltd ' })).legalName).toBe('Acme Ltd');
    expectOnlyIssue(Profile, profileWith({ legalName: '   ' }), ['legalName'], /legal name cannot be empty/);
  });

  it('refuses a legal name over 200 characters', () => {
    expectOnlyIssue(Profile, profileWith({ legalName: 'A'.repeat(201) }), ['legalName'], /cannot exceed 200/);
  });

  it('refuses an unknown sector, listing the accepted ones', () => {
    expectOnlyIssue(
      Profile,
      profileWith({ sector: 'telecoms' }),
      ['sector'],
      /"telecoms" is not a known sector: expected one of consumer_electronics \| smart_home .* \| other/,
    );
  });

  it('refuses an unknown role', () => {
    expectOnlyIssue(Profile, profileWith({ role: 'reseller' }), ['role'], /"reseller" is not a known applicant role/);
  });

  it('names a missing required field', () => {
    const { sector: _omitted, ...profile } = minimalRequest().profile;
    expectOnlyIssue(Profile, profile, ['sector'], /required: the sector, one of/);
  });

  it('refuses an unknown device category, at the fleet line', () => {
    const request = example();
    request.profile.deviceFleet.push({ category: 'toaster', units: 10, criticality: 'low' } as never);
    expectOnlyIssue(
      ScoreRequest,
      request,
      ['profile', 'deviceFleet', 1, 'category'],
      /"toaster" is not a known device category/,
    );
  });

  it('refuses a fleet line with no units', () => {
    const fleet = [{ category: 'camera', units: 0, criticality: 'low' }];
    expectOnlyIssue(Profile, profileWith({ deviceFleet: fleet }), ['deviceFleet', 0, 'units'], /at least 1/);
  });

  it('defaults a fleet line’s data types to none and refuses a repeated one', () => {
    const line = { category: 'sensor', units: 5, criticality: 'moderate' };
    expect(Profile.parse(profileWith({ deviceFleet: [line] })).deviceFleet[0]?.dataTypes).toEqual([]);
    expectOnlyIssue(
      Profile,
      profileWith({ deviceFleet: [{ ...line, dataTypes: ['pii', 'location', 'pii'] }] }),
      ['deviceFleet', 0, 'dataTypes', 2],
      /pii is listed twice/,
    );
  });

  it('refuses an end-of-support date that is not a real calendar date', () => {
    const fleet = [{ category: 'camera', units: 1, criticality: 'low', endOfSupportDate: '2026-02-30' }];
    expectOnlyIssue(
      Profile,
      profileWith({ deviceFleet: fleet }),
      ['deviceFleet', 0, 'endOfSupportDate'],
      /2026-02-30 is not a real calendar date/,
    );
  });

  it('accepts 29 February only in a leap year', () => {
    const fleet = (date: string) => [{ category: 'camera', units: 1, criticality: 'low', endOfSupportDate: date }];
    expect(Profile.safeParse(profileWith({ deviceFleet: fleet('2028-02-29') })).success).toBe(true);
    expectOnlyIssue(
      Profile,
      profileWith({ deviceFleet: fleet('2027-02-29') }),
      ['deviceFleet', 0, 'endOfSupportDate'],
      /not a real calendar date/,
    );
  });

  it('refuses more than 100 fleet lines', () => {
    const fleet = Array.from({ length: 101 }, () => ({ category: 'camera', units: 1, criticality: 'low' }));
    expectOnlyIssue(Profile, profileWith({ deviceFleet: fleet }), ['deviceFleet'], /more than 100 fleet lines/);
  });

  it('refuses a negative record count', () => {
    expectOnlyIssue(Profile, profileWith({ recordsHeld: { phi: -1 } }), ['recordsHeld', 'phi'], /cannot be negative/);
  });

  it('requires the recordsHeld object and refuses an unknown data type in it', () => {
    const { recordsHeld: _omitted, ...profile } = minimalRequest().profile;
    expect(Profile.safeParse(profile).error?.issues[0]?.path).toEqual(['recordsHeld']);
    const result = Profile.safeParse(profileWith({ recordsHeld: { genetic: 5 } }));
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['recordsHeld'], keys: ['genetic'] }),
    ]);
  });

  it('refuses a negative or fractional employee count', () => {
    expectOnlyIssue(Profile, profileWith({ employeeCount: -3 }), ['employeeCount'], /cannot be negative/);
    expectOnlyIssue(Profile, profileWith({ employeeCount: 2.5 }), ['employeeCount'], /whole number of employees/);
  });
});

describe('jurisdictions', () => {
  it('accepts countries and subdivisions', () => {
    const codes = ['GB', 'DE', 'US-CA', 'US-OH', 'FR-75', 'XK'];
    expect(Profile.safeParse(profileWith({ jurisdictions: codes })).success).toBe(true);
  });

  it.each([
    ['gb', /upper-case ISO 3166-1 alpha-2/],
    ['USA', /upper-case ISO 3166-1 alpha-2/],
    ['US_CA', /upper-case ISO 3166-1 alpha-2/],
    ['US-CALI', /upper-case ISO 3166-1 alpha-2/],
    ['UK', /the United Kingdom is GB/],
    ['EU', /list the member states/],
    ['QQ', /QQ is not an assigned ISO 3166-1 alpha-2 country code/],
    ['ZZ-CA', /ZZ is not an assigned/],
  ])('refuses %s with a message that says why', (code, message) => {
    expectOnlyIssue(Profile, profileWith({ jurisdictions: ['GB', code] }), ['jurisdictions', 1], message);
  });

  it('refuses an empty list and a repeated code, at the repeat', () => {
    expectOnlyIssue(Profile, profileWith({ jurisdictions: [] }), ['jurisdictions'], /at least one jurisdiction/);
    expectOnlyIssue(
      Profile,
      profileWith({ jurisdictions: ['US-CA', 'GB', 'US-CA'] }),
      ['jurisdictions', 2],
      /US-CA is listed twice \(first at index 0\)/,
    );
  });

  it('refuses more than 50 codes', () => {
    const codes = ['AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ', 'BA']
      .concat(['BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS', 'BT', 'BV'])
      .concat(['BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU']);
    expect(codes).toHaveLength(51);
    expectOnlyIssue(Profile, profileWith({ jurisdictions: codes }), ['jurisdictions'], /more than 50/);
  });

  it('explains a bad code without a schema', () => {
    expect(jurisdictionProblem('US-OH')).toBeUndefined();
    expect(jurisdictionProblem('UK-ENG')).toMatch(/GB/);
  });
});
