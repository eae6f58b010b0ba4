import { expect } from 'vitest';
import type { z } from 'zod';
import { type ScoreRequestInput, scoreRequestExample } from '../../../src/domain/posture';

/** A fresh, mutable copy of the DESIGN.md 5.1 example. */
export function example(): ScoreRequestInput {
  return structuredClone(scoreRequestExample);
}

/** The smallest request the contract accepts: required profile fields, an entirely unknown posture, one option. */
export function minimalRequest(): ScoreRequestInput {
  return {
    profile: {
      legalName: 'Tiny Sensors Ltd',
      role: 'manufacturer',
      sector: 'smart_home',
      annualRevenue: { amount: 150_000_000, currency: 'GBP' },
      jurisdictions: ['GB'],
      deviceFleet: [],
      recordsHeld: {},
    },
    posture: {},
    options: [{ limit: { amount: 100_000_000, currency: 'GBP' }, retention: { amount: 0, currency: 'GBP' } }],
  };
}

/** The issues of a parse that must fail. */
export function issuesOf(schema: z.ZodType, input: unknown): z.core.$ZodIssue[] {
  const result = schema.safeParse(input);
  expect(result.success, 'expected the input to be refused').toBe(false);
  return result.error?.issues ?? [];
}

/** Asserts the parse fails with exactly one issue, at `path`, whose message matches `message`. */
export function expectOnlyIssue(schema: z.ZodType, input: unknown, path: PropertyKey[], message: RegExp): void {
  const issues = issuesOf(schema, input);
  expect(issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
    { path, message: expect.stringMatching(message) },
  ]);
}
