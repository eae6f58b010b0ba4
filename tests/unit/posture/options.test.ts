import { describe, expect, it } from 'vitest';
import { CoverageOption, ScoreRequest } from '../../../src/domain/posture';
import { example, expectOnlyIssue } from './helpers';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const option = { limit: usd(100_000_000), retention: usd(2_500_000) };

describe('CoverageOption', () => {
  it('accepts every override', () => {
    const full = {
      ...option,
      attachment: usd(500_000_000),
      sublimits: { business_interruption: usd(25_000_000), cyber_extortion: usd(100_000_000) },
      coinsurance: { cyber_extortion: 20 },
      waitingPeriodHours: 12,
    };
    expect(CoverageOption.safeParse(full).error?.issues).toBeUndefined();
  });

  it('refuses a zero limit, at limit.amount', () => {
    expectOnlyIssue(CoverageOption, { ...option, limit: usd(0) }, ['limit', 'amount'], /must be greater than 0/);
  });

  it('accepts a zero retention', () => {
    expect(CoverageOption.safeParse({ ...option, retention: usd(0) }).success).toBe(true);
  });

  it('refuses a sublimit over the limit, at the sublimit', () => {
    expectOnlyIssue(
      CoverageOption,
      { ...option, sublimits: { business_interruption: usd(100_000_001) } },
      ['sublimits', 'business_interruption', 'amount'],
      /cannot exceed limit \(100000000\)/,
    );
  });

  it('refuses a zero sublimit', () => {
    expectOnlyIssue(
      CoverageOption,
      { ...option, sublimits: { cyber_extortion: usd(0) } },
      ['sublimits', 'cyber_extortion', 'amount'],
      /greater than 0/,
    );
  });

  it('refuses money in another currency than the limit, at the offending field', () => {
    expectOnlyIssue(
      CoverageOption,
      { ...option, retention: { amount: 1, currency: 'EUR' } },
      ['retention', 'currency'],
      /must be USD, the currency of limit/,
    );
    expectOnlyIssue(
      CoverageOption,
      { ...option, attachment: { amount: 1, currency: 'GBP' } },
      ['attachment', 'currency'],
      /must be USD/,
    );
    expectOnlyIssue(
      CoverageOption,
      { ...option, sublimits: { pci: { amount: 1, currency: 'GBP' } } },
      ['sublimits', 'pci', 'currency'],
      /must be USD/,
    );
  });

  it('refuses a coverage part name that is not snake_case', () => {
    expectOnlyIssue(
      CoverageOption,
      { ...option, coinsurance: { 'Business-Interruption': 10 } },
      ['coinsurance', 'Business-Interruption'],
      /"Business-Interruption" is not a coverage part name: expected lower-case snake_case/,
    );
  });

  it('refuses coinsurance over 100 percent and a waiting period over 720 hours', () => {
    expectOnlyIssue(
      CoverageOption,
      { ...option, coinsurance: { pci: 101 } },
      ['coinsurance', 'pci'],
      /cannot exceed 100/,
    );
    expectOnlyIssue(
      CoverageOption,
      { ...option, waitingPeriodHours: 721 },
      ['waitingPeriodHours'],
      /cannot exceed 720/,
    );
    expectOnlyIssue(CoverageOption, { ...option, waitingPeriodHours: 1.5 }, ['waitingPeriodHours'], /whole number/);
  });
});

describe('options', () => {
  it('refuses an empty list and more than 10 options', () => {
    expectOnlyIssue(ScoreRequest, { ...example(), options: [] }, ['options'], /at least one option/);
    const eleven = Array.from({ length: 11 }, (_, index) => ({ ...option, retention: usd(index) }));
    expectOnlyIssue(ScoreRequest, { ...example(), options: eleven }, ['options'], /more than 10 options/);
  });

  it('refuses two options with the same content, at the second', () => {
    const request = { ...example(), options: [option, { ...option, retention: usd(5_000_000) }, { ...option }] };
    expectOnlyIssue(ScoreRequest, request, ['options', 2], /duplicates options\[0\]/);
  });

  it('treats an omitted attachment as 0 and key order as irrelevant when comparing options', () => {
    const first = { ...option, sublimits: { pci: usd(1), cyber_extortion: usd(2) } };
    const second = { ...option, attachment: usd(0), sublimits: { cyber_extortion: usd(2), pci: usd(1) } };
    expectOnlyIssue(
      ScoreRequest,
      { ...example(), options: [first, second] },
      ['options', 1],
      /duplicates options\[0\]/,
    );
  });

  it('accepts options that differ only in waiting period', () => {
    const request = { ...example(), options: [option, { ...option, waitingPeriodHours: 24 }] };
    expect(ScoreRequest.safeParse(request).success).toBe(true);
  });
});
