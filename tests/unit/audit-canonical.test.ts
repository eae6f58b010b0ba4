import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical';
import { canonicalPrefix, chainedCanonical } from '../../src/services/audit/append';

const hash = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('an audit event’s canonical text', () => {
  it('is its prefix, its predecessor’s hash and its sequence number, whatever the record holds', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          organizationId: fc.uuid(),
          action: fc.string({ unit: 'binary' }),
          entityType: fc.string(),
          entityId: fc.string({ unit: 'binary' }),
          actor: fc.record({ keyId: fc.option(fc.uuid()), role: fc.string() }),
          before: fc.jsonValue(),
          after: fc.jsonValue(),
          occurredAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        }),
        hash,
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (record, prevHash, seq) => {
          expect(chainedCanonical(canonicalPrefix(record), prevHash, seq)).toBe(
            canonicalJson({ ...record, prevHash, seq }),
          );
        },
      ),
    );
  });
});
