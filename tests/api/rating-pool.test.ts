import { afterAll, describe, expect, it } from 'vitest';
import { comparisonBasis } from '../../src/domain/comparison';
import { ScoreRequest } from '../../src/domain/posture';
import { type RowTask, rateRows } from '../../src/services/comparisons/rate-rows';
import { RatingPool } from '../../src/services/comparisons/rating-pool';
import { applicantSet } from '../support/applicant-sets';
import { testModel } from '../support/models';

const pool = new RatingPool(2);
afterAll(async () => {
  await pool.close();
});

describe('the rating pool', () => {
  it('rates a large batch across worker threads exactly as the serving thread alone would, in order', async () => {
    const model = await testModel('iot-cyber');
    const entries = applicantSet(450);
    // Inline rows, validated where they are rated; one stored row, already validated.
    const rows: RowTask['rows'] = entries.map((entry, index) => ({
      index,
      raw: { profile: entry.profile, posture: entry.posture },
    }));
    const stored = ScoreRequest.parse({ ...entries[0], options: [OPTION] });
    rows.push({ index: rows.length, reference: 'assessmentId', profile: stored.profile, posture: stored.posture });
    // In a worker's share: a row in another currency, and one the contract refuses. Each is that row's problem.
    const last = rows.length - 3;
    const currency = { annualRevenue: { amount: 1, currency: 'EUR' } };
    rows[last] = { index: last, raw: { ...entries[last]!, profile: { ...entries[last]!.profile, ...currency } } };
    rows[last + 1] = { index: last + 1, raw: { ...entries[last + 1]!, posture: { patching: { openKevCount: -1 } } } };
    const task: RowTask = { option: OPTION, asOf: '2026-11-22', kevCatalog: null, rows };
    const pooled = await pool.rateRows(model, task);
    const alone = rateRows(model, task, comparisonBasis(model));
    expect(pooled).toEqual(alone);
    expect(pooled[last]).toMatchObject({
      problem: { errors: [{ path: `applicants[${last}].profile.annualRevenue.currency` }] },
    });
    expect(pooled[last + 1]).toMatchObject({
      problem: { errors: [{ path: `applicants[${last + 1}].posture.patching.openKevCount` }] },
    });
    expect(pooled.filter((outcome) => 'rating' in outcome).length).toBe(rows.length - 2);
  });
});

const OPTION = { limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } };
