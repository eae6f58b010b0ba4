import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SortBy } from '../../src/domain/comparison';
import type { Money } from '../../src/domain/posture';
import type { RatingResult } from '../../src/domain/rating-result';
import { ComparisonResponse } from '../../src/http/schemas/comparison';
import type { ComparisonRow } from '../../src/services/comparisons/compare';
import { storeKevCatalog } from '../../src/services/kev/store-catalog';
import { createTestApp, TEST_TODAY, type TestApp } from '../support/app';
import { applicantSet, fixtureApplicants, type InlineApplicant } from '../support/applicant-sets';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

type Json = Record<string, unknown>;
type Problem = {
  status: number;
  code: string;
  type: string;
  detail: string;
  errors: { path: string; message: string }[];
};
/** A row as the API answers it: the service's row, with its problem as problem details. */
type Row = Omit<ComparisonRow, 'problem'> & { problem: Problem | null };
type Comparison = {
  rows: Row[];
  summary: Json & { entries: number; rated: number; failed: number; medianPremium: Money | null };
};

const OPTION = exampleRequest().options[0]!;
const KEV = new URL('../fixtures/kev/known_exploited_vulnerabilities-2025.08.25.json', import.meta.url);

let t: TestApp;
let broker: TestTenant;
let otherBroker: TestTenant;
let selfApplicant: TestTenant;
let applicantA: string;
let applicantB: string;
let applicantWithout: string;
let foreignApplicant: string;
let firstOfA: string;
let latestOfA: string;
let foreignAssessment: string;
let selfApplicantId: string;

async function register(key: TestTenant, profile: Json): Promise<string> {
  const response = await t.app.request('/v1/applicants', postJson(profile, key.headers));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function assess(key: TestTenant, applicantId: string, posture: Json): Promise<string> {
  const response = await t.app.request(`/v1/applicants/${applicantId}/assessments`, postJson(posture, key.headers));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const compare = (body: unknown, key: TestTenant = broker, headers: Record<string, string> = {}) =>
  t.app.request('/v1/comparisons', postJson(body, { ...key.headers, ...headers }));

async function compared(body: Json, key: TestTenant = broker): Promise<Comparison> {
  const response = await compare(body, key);
  const json = (await response.json()) as Comparison;
  expect(response.status, JSON.stringify(json).slice(0, 600)).toBe(200);
  expect(ComparisonResponse.safeParse(json).error).toBeUndefined();
  return json;
}

async function score(applicant: { profile: unknown; posture: unknown }, asOf = TEST_TODAY): Promise<RatingResult> {
  const response = await t.app.request(
    '/v1/score',
    postJson(
      { profile: applicant.profile, posture: applicant.posture, options: [OPTION], asOf },
      t.underwriter.headers,
    ),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as RatingResult;
}

const fixtures = fixtureApplicants();
const stronger = () => {
  const posture = structuredClone(fixtures[0]!.posture) as { patching: Json };
  posture.patching.criticalRemediationDays = 7;
  return posture;
};

beforeAll(async () => {
  t = await createTestApp();
  await storeKevCatalog(t.database.db, JSON.parse(readFileSync(KEV, 'utf8')));
  broker = await createTenant(t.database.db, 'broker', 'broker');
  otherBroker = await createTenant(t.database.db, 'broker', 'broker');
  selfApplicant = await createTenant(t.database.db, 'applicant', 'applicant');
  applicantA = await register(broker, fixtures[0]!.profile);
  applicantB = await register(broker, fixtures[3]!.profile);
  applicantWithout = await register(broker, fixtures[4]!.profile);
  firstOfA = await assess(broker, applicantA, fixtures[0]!.posture);
  latestOfA = await assess(broker, applicantA, stronger());
  await assess(broker, applicantB, fixtures[3]!.posture);
  foreignApplicant = await register(otherBroker, fixtures[1]!.profile);
  foreignAssessment = await assess(otherBroker, foreignApplicant, fixtures[1]!.posture);
  selfApplicantId = await register(selfApplicant, fixtures[2]!.profile);
  await assess(selfApplicant, selfApplicantId, fixtures[2]!.posture);
});
afterAll(async () => {
  await t.close();
});

const rated = (comparison: Comparison) => comparison.rows.filter((row) => row.rating !== null);

describe('POST /v1/comparisons', () => {
  it('rates a mix of inline, applicantId and assessmentId entries, one row per entry in input order', async () => {
    const body = {
      applicants: [...fixtures, { applicantId: applicantA }, { assessmentId: firstOfA }, { applicantId: applicantB }],
      option: OPTION,
      asOf: TEST_TODAY,
    };
    const { rows, summary } = await compared(body);
    expect(rows.map((row) => row.index)).toEqual(body.applicants.map((_, index) => index));
    expect(rows.every((row) => row.problem === null && row.rating !== null)).toBe(true);
    expect(rows.slice(0, fixtures.length).map((row) => row.legalName)).toEqual(
      fixtures.map((fixture) => fixture.profile.legalName),
    );
    expect(rows[7]).toMatchObject({ applicantId: applicantA, assessmentId: latestOfA, legalName: 'Acme Cameras Ltd' });
    expect(rows[8]).toMatchObject({ applicantId: applicantA, assessmentId: firstOfA });
    expect(rows[9]).toMatchObject({ applicantId: applicantB, assessmentId: expect.any(String) });
    // The latest assessment of A patches faster than the first one.
    expect(rows[7]!.rating!.domains.patching!).toBeGreaterThan(rows[8]!.rating!.domains.patching!);
    expect(summary).toMatchObject({
      entries: 10,
      rated: 10,
      failed: 0,
      asOf: TEST_TODAY,
      sortBy: 'premium',
      model: { id: 'iot-cyber', version: '1.0.0' },
      kevCatalog: { version: '2025.08.25' },
    });
    const premiums = rows.map((row) => row.rating!.premium.amount).sort((a, b) => a - b);
    expect(summary.medianPremium).toEqual({
      amount: Math.round((premiums[4]! + premiums[5]!) / 2),
      currency: 'USD',
    });
    const tiers = summary.tierCounts as Record<string, number>;
    expect(Object.values(tiers).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('gives each rated row the numbers POST /v1/score gives for the same profile, posture, option and date', async () => {
    const set = [...fixtures, ...applicantSet(20).slice(fixtures.length)];
    const { rows } = await compared({ applicants: set, option: OPTION, asOf: TEST_TODAY });
    for (const [index, row] of rows.entries()) {
      const applicant = set[index]!;
      const scored = await score(applicant);
      const rating = row.rating!;
      const premium = scored.premiums[0]!.premium;
      expect(rating.composite, applicant.profile.legalName).toBe(scored.score.composite);
      for (const [domain, result] of Object.entries(scored.score.domains)) {
        expect(rating.domains[domain as keyof typeof rating.domains]).toBe(result.score);
      }
      expect(rating.tier).toBe(scored.tier);
      expect(rating.decision).toBe(scored.decision);
      expect(rating.completeness).toBe(scored.completeness);
      expect(rating.premium).toEqual(premium);
      expect(rating.exclusionCount).toBe(scored.exclusions.length);
      const statuses = scored.safeHarbor.map((finding) => finding.status);
      for (const status of ['eligible', 'partially_eligible', 'not_eligible', 'not_applicable'] as const) {
        expect(rating.safeHarbor.counts[status]).toBe(statuses.filter((s) => s === status).length);
      }
      expect(rating.safeHarbor.eligible).toEqual(
        scored.safeHarbor.filter((finding) => finding.status === 'eligible').map((finding) => finding.regime),
      );
      const revenue = (applicant.profile.annualRevenue as Money).amount;
      const units = (applicant.profile.deviceFleet as { units: number }[]).reduce((sum, line) => sum + line.units, 0);
      expect(rating.premiumPerMillionRevenue?.amount ?? null).toBe(
        revenue === 0 ? null : Math.round((premium.amount * 100_000_000) / revenue),
      );
      expect(rating.premiumPerThousandDevices?.amount ?? null).toBe(
        units === 0 ? null : Math.round((premium.amount * 1_000) / units),
      );
      // Posture loading: premium minus the same option at the best tier (factor 0.85 in the default model).
      const factors = { preferred: 0.85, standard: 1, substandard: 1.3, high_risk: 1.75 } as Record<string, number>;
      const atBest = Math.max(100_000, Math.round((premium.amount * 0.85) / factors[scored.tier]!));
      expect(rating.postureLoading.amount).toBe(scored.tier === 'preferred' ? 0 : Math.max(0, premium.amount - atBest));
      const gapCost = rating.gaps.reduce((sum, gap) => sum + gap.premiumCost.amount, 0);
      expect(gapCost).toBeLessThanOrEqual(rating.postureLoading.amount);
      expect(rating.gaps.length).toBeLessThanOrEqual(3);
      const costs = rating.gaps.map((gap) => gap.premiumCost.amount);
      expect(costs).toEqual([...costs].sort((a, b) => b - a));
      for (const exclusion of rating.costliestExclusions) {
        expect(scored.exclusions.find((r) => r.code === exclusion.code)?.kind).toBe('exclusion');
      }
    }
  });

  it('ranks consistently with the sort key for each sortBy, problems last and unranked', async () => {
    const set: unknown[] = applicantSet(150);
    set.splice(10, 0, { applicantId: 'not-a-uuid' });
    const keys: Record<SortBy, (row: Row) => number | null> = {
      premium: (row) => row.rating!.premium.amount,
      composite: (row) => row.rating!.composite,
      premiumPerMillionRevenue: (row) => row.rating!.premiumPerMillionRevenue?.amount ?? null,
      premiumPerThousandDevices: (row) => row.rating!.premiumPerThousandDevices?.amount ?? null,
    };
    for (const sortBy of Object.keys(keys) as SortBy[]) {
      const comparison = await compared({ applicants: set, option: OPTION, asOf: TEST_TODAY, sortBy });
      expect(comparison.summary).toMatchObject({ entries: 151, rated: 150, failed: 1, sortBy });
      expect(comparison.rows[10]).toMatchObject({ rank: null, percentile: null, rating: null });
      const ordered = rated(comparison).sort((a, b) => a.rank! - b.rank!);
      expect(ordered.map((row) => row.rank)).toEqual(ordered.map((_, index) => index + 1));
      const key = keys[sortBy];
      const better = (a: number, b: number) => (sortBy === 'composite' ? a > b : a < b);
      for (let index = 1; index < ordered.length; index += 1) {
        const [previous, row] = [ordered[index - 1]!, ordered[index]!];
        const [a, b] = [key(previous), key(row)];
        if (a === null) expect(b, sortBy).toBeNull();
        else if (b !== null && a !== b) expect(better(a, b), `${sortBy} at rank ${row.rank}`).toBe(true);
        else if (a === b) {
          // Ties: the higher composite first, then the earlier entry.
          const [ca, cb] = [previous.rating!.composite, row.rating!.composite];
          expect(ca > cb || (ca === cb && previous.index < row.index), `${sortBy} tie at rank ${row.rank}`).toBe(true);
        }
        if (b !== null) expect(row.percentile!).toBeLessThanOrEqual(previous.percentile!);
      }
      const keyed = ordered.filter((row) => key(row) !== null);
      expect(keyed[0]!.percentile).toBe(100);
      for (const row of keyed) {
        const others = keyed.filter((other) => other !== row);
        const beaten = others.filter((other) => !better(key(other)!, key(row)!)).length;
        expect(row.percentile).toBe(Math.round((10_000 * beaten) / others.length) / 100);
      }
    }
  });

  it('keeps a bad row from sinking the set, naming the field under applicants[i]', async () => {
    const badPosture = structuredClone(fixtures[0]!) as InlineApplicant & { posture: { patching: Json } };
    badPosture.posture.patching.criticalRemediationDays = -1;
    const euro = structuredClone(fixtures[1]!) as InlineApplicant & { profile: { annualRevenue: Money } };
    euro.profile.annualRevenue.currency = 'EUR';
    const unknown = '0190a6f0-0000-7000-8000-00000000abcd';
    const body = {
      applicants: [
        fixtures[2],
        badPosture,
        euro,
        { applicantId: foreignApplicant },
        { assessmentId: unknown },
        42,
        { applicantId: applicantWithout },
        { profile: fixtures[0]!.profile },
        { applicantId: applicantA, extra: true },
        fixtures[3],
      ],
      option: OPTION,
    };
    const { rows, summary } = await compared(body);
    expect(summary).toMatchObject({ entries: 10, rated: 2, failed: 8 });
    expect(rows.filter((row) => row.rating).map((row) => row.index)).toEqual([0, 9]);
    const paths = (index: number) => rows[index]!.problem!.errors.map((error) => error.path);
    expect(rows[1]!.problem).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(paths(1)).toEqual(['applicants[1].posture.patching.criticalRemediationDays']);
    expect(rows[1]!.legalName).toBe(fixtures[0]!.profile.legalName);
    expect(rows[2]!.problem).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(paths(2)).toEqual(['applicants[2].profile.annualRevenue.currency']);
    expect(rows[3]!.problem).toMatchObject({ status: 404, code: 'not_found' });
    expect(paths(3)).toEqual(['applicants[3].applicantId']);
    expect(rows[3]).toMatchObject({ applicantId: foreignApplicant, legalName: null, assessmentId: null });
    expect(rows[4]!.problem).toMatchObject({ status: 404, code: 'not_found' });
    expect(paths(4)).toEqual(['applicants[4].assessmentId']);
    expect(paths(5)).toEqual(['applicants[5]']);
    expect(rows[6]!.problem).toMatchObject({ status: 422 });
    expect(paths(6)).toEqual(['applicants[6].applicantId']);
    expect(paths(7)).toEqual(['applicants[7].posture']);
    expect(paths(8)).toEqual(['applicants[8].extra']);
    for (const row of rows.filter((candidate) => candidate.problem)) {
      expect(row).toMatchObject({ rank: null, percentile: null, rating: null });
      expect(row.problem!.type).toMatch(/^tag:iot-underwriting-api,2026:problems\//);
      for (const error of row.problem!.errors) expect(error.path.startsWith(`applicants[${row.index}]`)).toBe(true);
    }
    expect(rows[0]!.rank! + rows[9]!.rank!).toBe(3);
  });

  it('reports what the model refuses in a stored entry at its reference, naming the stored field', async () => {
    const applicantId = await register(broker, fixtures[6]!.profile);
    const assessmentId = await assess(broker, applicantId, fixtures[6]!.posture);
    const read = await t.app.request(`/v1/applicants/${applicantId}`, { headers: broker.headers });
    const changed = await t.app.request(`/v1/applicants/${applicantId}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...broker.headers, 'If-Match': read.headers.get('etag')! },
      body: JSON.stringify({ annualRevenue: { amount: 100_000_000, currency: 'EUR' } }),
    });
    expect(changed.status).toBe(200);
    const { rows } = await compared({ applicants: [{ assessmentId }, { applicantId }], option: OPTION });
    for (const [index, field] of ['assessmentId', 'applicantId'].entries()) {
      expect(rows[index]!.problem).toMatchObject({ status: 422, code: 'validation_failed' });
      expect(rows[index]!.problem!.errors).toEqual([
        {
          path: `applicants[${index}].${field}`,
          message: expect.stringMatching(/^the stored profile\.annualRevenue\.currency: EUR/),
        },
      ]);
      expect(rows[index]).toMatchObject({ applicantId, assessmentId, legalName: fixtures[6]!.profile.legalName });
    }
  });

  it('treats another tenant’s applicant exactly like an unknown id, and admits each role to its own objects', async () => {
    const unknown = '0190a6f0-0000-7000-8000-00000000abcd';
    const { rows } = await compared({
      applicants: [{ applicantId: foreignApplicant }, { applicantId: unknown }, { assessmentId: foreignAssessment }],
      option: OPTION,
    });
    const masked = (row: Row, id: string) => ({
      ...row,
      index: 0,
      applicantId: null,
      assessmentId: null,
      problem: JSON.parse(
        JSON.stringify({ ...row.problem, requestId: null })
          .replaceAll(id, '<id>')
          .replaceAll(`[${row.index}]`, '[i]'),
      ),
    });
    expect(masked(rows[0]!, foreignApplicant)).toEqual(masked(rows[1]!, unknown));
    expect(rows[2]!.problem).toMatchObject({ status: 404 });

    // Underwriters see every tenant's objects; an applicant key its own; an admin none (and inline is open to all).
    const underwriter = await compared(
      { applicants: [{ applicantId: foreignApplicant }, { assessmentId: firstOfA }], option: OPTION },
      t.underwriter,
    );
    expect(underwriter.summary).toMatchObject({ rated: 2 });
    const own = await compared(
      { applicants: [{ applicantId: selfApplicantId }, { applicantId: applicantA }], option: OPTION },
      selfApplicant,
    );
    expect(own.rows.map((row) => row.problem?.status ?? 200)).toEqual([200, 404]);
    const admin = await compared({ applicants: [{ applicantId: applicantA }, fixtures[0]], option: OPTION }, t.admin);
    expect(admin.rows.map((row) => row.problem?.status ?? 200)).toEqual([404, 200]);
  });

  it('answers CSV for Accept: text/csv that parses back to the same numbers as the JSON', async () => {
    const odd = structuredClone(fixtures[5]!) as InlineApplicant;
    odd.profile.legalName = '=HYPERLINK("http://example.com"), "quoted"';
    const set = [...applicantSet(30), odd, { applicantId: foreignApplicant }];
    const body = { applicants: set, option: OPTION, asOf: TEST_TODAY, sortBy: 'composite' };
    const json = await compared(body);
    const response = await compare(body, broker, { Accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('vary')).toMatch(/Accept/);
    const records = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(json.rows.length);
    const number = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));
    for (const [index, row] of json.rows.entries()) {
      const record = records[index]!;
      expect(number(record.index)).toBe(row.index);
      expect(number(record.rank)).toBe(row.rank);
      expect(number(record.percentile)).toBe(row.percentile);
      if (!row.rating) {
        expect(number(record.problemStatus)).toBe(row.problem!.status);
        expect(record.problemErrors).toContain(row.problem!.errors[0]!.path);
        expect(record.premiumMinor).toBe('');
        continue;
      }
      const rating = row.rating;
      expect(record.legalName).toBe(index === 30 ? `'${row.legalName}` : row.legalName);
      expect(record.currency).toBe(rating.premium.currency);
      expect(number(record.premiumMinor)).toBe(rating.premium.amount);
      expect(number(record.premiumPerMillionRevenueMinor)).toBe(rating.premiumPerMillionRevenue?.amount ?? null);
      expect(number(record.premiumPerThousandDevicesMinor)).toBe(rating.premiumPerThousandDevices?.amount ?? null);
      expect(number(record.postureLoadingMinor)).toBe(rating.postureLoading.amount);
      expect(number(record.composite)).toBe(rating.composite);
      for (const [domain, value] of Object.entries(rating.domains)) expect(number(record[domain])).toBe(value);
      expect(record.tier).toBe(rating.tier);
      expect(record.decision).toBe(rating.decision);
      expect(number(record.exclusionCount)).toBe(rating.exclusionCount);
      expect(number(record.safeHarborEligible)).toBe(rating.safeHarbor.counts.eligible);
      expect(record.safeHarborEligibleRegimes).toBe(rating.safeHarbor.eligible.join('; '));
      for (const [n, gap] of rating.gaps.entries()) {
        expect(record[`gap${n + 1}Factor`]).toBe(gap.factorId);
        expect(number(record[`gap${n + 1}PointsLost`])).toBe(gap.pointsLost);
        expect(number(record[`gap${n + 1}PremiumCostMinor`])).toBe(gap.premiumCost.amount);
      }
    }
  });

  it('compares a thousand applicants (a body above the default 1 MiB limit) and refuses 1,001', async () => {
    const thousand = applicantSet(1_000);
    const body = { applicants: thousand, option: OPTION, asOf: TEST_TODAY };
    expect(JSON.stringify(body).length).toBeGreaterThan(2 * 1024 * 1024);
    const comparison = await compared(body);
    expect(comparison.summary).toMatchObject({ entries: 1_000, rated: 1_000, failed: 0 });

    const response = await compare({ ...body, applicants: [...thousand, fixtures[0]] });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors.map((error) => error.path)).toEqual(['applicants']);
  });

  it('refuses a body over 4 MiB with 413', async () => {
    const padding = 'x'.repeat(4 * 1024 * 1024);
    const response = await compare({ applicants: [fixtures[0]], option: OPTION, padding });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Problem).code).toBe('payload_too_large');
  });

  it('is in the OpenAPI document with a JSON and a CSV 200 response, every schema reference resolving', async () => {
    const document = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operation = document.paths['/v1/comparisons']!.post!;
    expect(Object.keys(operation.responses['200']!.content!)).toEqual(['application/json', 'text/csv']);
    for (const status of ['400', '401', '403', '413', '415', '422', '429', '500']) {
      expect(operation.responses[status], status).toBeDefined();
    }
    const references = JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
    for (const [, name] of references) expect(document.components.schemas[name!], name).toBeDefined();
  });

  it('refuses the whole request for a bad option, date, sort key or shape', async () => {
    const cases: [unknown, string][] = [
      [
        { applicants: [fixtures[0]], option: { ...OPTION, limit: { amount: 0, currency: 'USD' } } },
        'option.limit.amount',
      ],
      [
        {
          applicants: [fixtures[0]],
          option: {
            limit: { amount: 100_000_000, currency: 'EUR' },
            retention: { amount: 2_500_000, currency: 'EUR' },
          },
        },
        'option.limit.currency',
      ],
      [
        { applicants: [fixtures[0]], option: { ...OPTION, coinsurance: { no_such_part: 10 } } },
        'option.coinsurance.no_such_part',
      ],
      [{ applicants: [fixtures[0]], option: OPTION, asOf: '2026-02-30' }, 'asOf'],
      [{ applicants: [fixtures[0]], option: OPTION, asOf: '2020-01-01' }, 'asOf'],
      [{ applicants: [fixtures[0]], option: OPTION, sortBy: 'name' }, 'sortBy'],
      [{ applicants: [], option: OPTION }, 'applicants'],
      [{ applicants: fixtures[0], option: OPTION }, 'applicants'],
      [{ applicants: [fixtures[0]] }, 'option'],
      [{ applicants: [fixtures[0]], option: OPTION, options: [OPTION] }, 'options'],
    ];
    for (const [body, path] of cases) {
      const response = await compare(body);
      const problem = (await response.json()) as Problem;
      expect(response.status, path).toBe(422);
      expect(
        problem.errors.map((error) => error.path),
        path,
      ).toContain(path);
    }
  });
});
