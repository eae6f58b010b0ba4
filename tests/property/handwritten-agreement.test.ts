import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoreRequest } from '../../src/domain/posture';
import { rate } from '../../src/domain/rate';
import { rateHandWritten } from '../bench/handwritten/iot-cyber-1.0.0';
import { scoreRequest } from '../support/arbitraries';
import { testModel } from '../support/models';

const model = await testModel('iot-cyber');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/**
 * The benchmark's baseline must rate exactly as the engine does, or its figures compare different work; this keeps
 * the hand-written rater and the default model from drifting apart between benchmark runs.
 */
describe('the hand-written baseline of the benchmark', () => {
  it('agrees with the engine on random applicants', () => {
    fc.assert(
      fc.property(scoreRequest('USD', 0.8), (request) => {
        const parsed = ScoreRequest.parse(request);
        const input = { ...parsed, asOf: request.asOf };
        expect(JSON.parse(JSON.stringify(rateHandWritten(model, input)))).toEqual(
          JSON.parse(JSON.stringify(rate(model, input))),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
