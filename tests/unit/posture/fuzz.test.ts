import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Posture, Profile, ScoreRequest } from '../../../src/domain/posture';
import { example } from './helpers';

/** Replaces the value at `path` (creating objects on the way) with `value`. */
function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) {
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** Paths into the example, so random values land where refinements and unions run, not only at the root. */
const PATHS: string[][] = [
  ['profile'],
  ['profile', 'annualRevenue'],
  ['profile', 'jurisdictions'],
  ['profile', 'deviceFleet'],
  ['profile', 'recordsHeld'],
  ['posture'],
  ['posture', 'patching'],
  ['posture', 'patching', 'openCves'],
  ['posture', 'patching', 'openKevPastDueCount'],
  ['posture', 'certifications'],
  ['posture', 'access', 'mfa'],
  ['posture', 'incidents'],
  ['options'],
  ['options', '0'],
  ['options', '0', 'sublimits'],
  ['asOf'],
];

describe('schemas never throw', () => {
  it('safeParse returns a result for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const schema of [ScoreRequest, Profile, Posture]) {
          const result = schema.safeParse(value);
          expect(typeof result.success).toBe('boolean');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('safeParse returns a result when any part of a valid request is replaced by arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 4 }), (path, value) => {
        const request = example() as unknown as Record<string, unknown>;
        setAt(request, path, value);
        const result = ScoreRequest.safeParse(request);
        expect(typeof result.success).toBe('boolean');
        if (!result.success) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const issue of result.error.issues) {
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
