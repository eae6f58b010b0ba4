import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/domain/posture';
import { expectOnlyIssue } from './helpers';

describe('Money', () => {
  it('accepts integer minor units from 0 to the largest safe integer', () => {
    expect(Money.safeParse({ amount: 0, currency: 'USD' }).success).toBe(true);
    expect(Money.safeParse({ amount: Number.MAX_SAFE_INTEGER, currency: 'JPY' }).success).toBe(true);
  });

  it('refuses a decimal amount, pointing at minor units', () => {
    expectOnlyIssue(Money, { amount: 100.5, currency: 'USD' }, ['amount'], /integer amount in minor units/);
  });

  it('refuses a negative amount and one beyond the safe-integer range', () => {
    expectOnlyIssue(Money, { amount: -1, currency: 'USD' }, ['amount'], /cannot be negative/);
    expectOnlyIssue(Money, { amount: Number.MAX_SAFE_INTEGER + 1, currency: 'USD' }, ['amount'], /cannot exceed/);
  });

  it('refuses a lower-case currency with one message that says the expected form', () => {
    expectOnlyIssue(Money, { amount: 1, currency: 'usd' }, ['currency'], /ISO 4217 currency code in upper case/);
  });

  it('refuses a well-formed code that is not a currency', () => {
    expectOnlyIssue(Money, { amount: 1, currency: 'XYZ' }, ['currency'], /XYZ is not an ISO 4217 currency code/);
  });

  it('refuses an amount sent as a string and an unknown property', () => {
    expectOnlyIssue(Money, { amount: '100', currency: 'USD' }, ['amount'], /integer amount in minor units/);
    const result = Money.safeParse({ amount: 1, currency: 'USD', scale: 2 });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['scale'] })]);
  });
});
