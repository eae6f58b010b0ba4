import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../src/models/registry';

const part = fc.integer({ min: 0, max: 999_999_999 });
const version = fc.tuple(part, part, part);

describe('compareVersions', () => {
  it('orders versions as their (major, minor, patch) tuples, whatever the digit counts', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const byTuple = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
        expect(Math.sign(compareVersions(a.join('.'), b.join('.')))).toBe(Math.sign(byTuple));
      }),
    );
  });
});
