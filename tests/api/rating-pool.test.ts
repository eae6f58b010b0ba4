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
    const entries = applicantSet(450) as { profile?: unknown; posture?: unknown }[];
    const rows = entries.flatMap((entry, index) => {
      const parsed = ScoreRequest.safeParse({ ...entry, options: [OPTION] });
      return parsed.success
        ? [{ index, reference: null, profile: parsed.data.profile, posture: parsed.data.posture }]
        : [];
    });
    expect(rows.length).toBeGreaterThan(300);
    // A row in another currency, in a worker's share: the worker reports it as that row's problem, as the serving
    // thread does.
    const last = rows.length - 2;
    rows[last] = { ...rows[last]!, profile: { ...rows[last]!.profile, annualRevenue: { amount: 1, currency: 'EUR' } } };
    const task: RowTask = { option: OPTION, asOf: '2026-11-22', kevCatalog: null, rows };
    const pooled = await pool.rateRows(model, task);
    const alone = rateRows(model, task, comparisonBasis(model));
    expect(pooled).toEqual(alone);
    expect(pooled[last]).toMatchObject({ problem: { kind: 'invalid' } });
  });
});

const OPTION = { limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } };
