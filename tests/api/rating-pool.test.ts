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
    // Rows in every share declare a catalogued CVE, so the catalog reaches each thread and matches there.
    for (const at of [0, 200, 300, last - 1]) {
      const row = rows[at] as { raw: { posture: { patching?: object } } };
      row.raw = structuredClone(row.raw);
      const declaredNone = { openKevCount: 0, openKevPastDueCount: 0, openCves: [CATALOGUED.cveID] };
      row.raw.posture.patching = { ...row.raw.posture.patching, ...declaredNone };
    }
    const kevCatalog = { version: '2026.11.20', entries: new Map([[CATALOGUED.cveID, CATALOGUED]]) };
    const task: RowTask = { option: OPTION, asOf: '2026-11-22', kevCatalog, rows };
    const pooled = await pool.rateRows(model, task);
    const alone = rateRows(model, task, comparisonBasis(model));
    // As the response carries them: JSON, so a value that differs only in transport would show.
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(alone));
    expect(pooled).toEqual(alone);
    // The past-due match moves each of those rows, wherever it was rated.
    const uncatalogued = rateRows(model, { ...task, kevCatalog: null }, comparisonBasis(model));
    for (const at of [0, 200, 300, last - 1]) expect(pooled[at]).not.toEqual(uncatalogued[at]);
    expect(pooled[last]).toMatchObject({
      problem: { errors: [{ path: `applicants[${last}].profile.annualRevenue.currency` }] },
    });
    expect(pooled[last + 1]).toMatchObject({
      problem: { errors: [{ path: `applicants[${last + 1}].posture.patching.openKevCount` }] },
    });
    expect(pooled.filter((outcome) => 'rating' in outcome).length).toBe(rows.length - 2);
  });
});

const CATALOGUED = {
  cveID: 'CVE-2024-3400',
  vendorProject: 'Palo Alto Networks',
  product: 'PAN-OS',
  vulnerabilityName: 'PAN-OS command injection',
  dateAdded: '2024-04-12',
  dueDate: '2024-04-19',
  knownRansomwareCampaignUse: false,
  endOfLife: false,
};
const OPTION = { limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } };
