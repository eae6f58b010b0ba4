import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { kevCatalog } from '../support/kev';
import { postJson } from '../support/requests';

// Publishing a model version and importing a KEV catalog version both read, then insert. Racing on one version,
// the losers of that race met the unique key and answered 500, where one at a time they get 200 (the same
// content) or 409 (other content). Only a server with several connections can race.
// biome-ignore lint/suspicious/noExplicitAny: the tests adjust arbitrary model JSON
type Doc = Record<string, any>;
const altDocument = (): Doc =>
  JSON.parse(readFileSync(new URL('../fixtures/models/alt-test-2.0.0.json', import.meta.url), 'utf8'));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const concurrently = <T>(count: number, request: (index: number) => T | Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, index) => request(index)));

const statuses = (responses: readonly Response[]) => responses.map((response) => response.status).sort((a, b) => a - b);

describe('racing on one version (PostgreSQL)', () => {
  it('ten publishes of one model version: one 201, the same content 200, other content 409, never 500', async () => {
    const document = altDocument();
    document.version = '2.7.0';
    const other = altDocument();
    other.version = '2.7.0';
    other.pricing.tierFactors.substandard = 3;
    const responses = await concurrently(10, (index) =>
      t.app.request('/v1/rating-models', postJson(index < 7 ? document : other, t.admin.headers)),
    );
    const seen = statuses(responses);
    expect(seen.filter((status) => status === 201)).toHaveLength(1);
    expect(seen.every((status) => [200, 201, 409].includes(status))).toBe(true);
    // Whoever won, every request with the winner's content got 200 or 201 and every other one 409.
    const winnerWasFirstDocument = responses.findIndex((response) => response.status === 201) < 7;
    const expected = winnerWasFirstDocument
      ? [200, 200, 200, 200, 200, 200, 201, 409, 409, 409]
      : [200, 200, 201, 409, 409, 409, 409, 409, 409, 409];
    expect(seen).toEqual(expected);
  });

  it('eight imports of one KEV catalog version: one 201, the rest 200, never 500', async () => {
    const catalog = kevCatalog('2026.11.30', [
      { cveID: 'CVE-2023-1389', dateAdded: '2023-05-01', dueDate: '2023-05-22' },
    ]);
    const responses = await concurrently(8, () =>
      t.app.request('/v1/vulnerability-catalogs/kev', postJson(catalog, t.admin.headers)),
    );
    expect(statuses(responses)).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
  });
});
