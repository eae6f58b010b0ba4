import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingResult } from '../../src/domain/rating-result';
import { ConflictError, InvalidError } from '../../src/services/errors';
import { storeKevCatalog } from '../../src/services/kev/store-catalog';
import { createTestApp, type TestApp } from '../support/app';
import { kevCatalog } from '../support/kev';
import { exampleRequest, postJson } from '../support/requests';

// CISA's catalog as published on 2025-08-25, kept in the repository so CI needs nothing from outside it.
const SHARED_SNAPSHOT = new URL('../fixtures/kev/known_exploited_vulnerabilities-2025.08.25.json', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const loaded = async () => t.app.request('/v1/vulnerability-catalogs/kev', { headers: t.underwriter.headers });
const score = async (mutate: (request: ReturnType<typeof exampleRequest>) => void = () => {}) => {
  const request = exampleRequest('USD');
  mutate(request);
  const response = await t.app.request('/v1/score', postJson(request, t.underwriter.headers));
  expect(response.status).toBe(200);
  return (await response.json()) as RatingResult;
};
const patching = (request: ReturnType<typeof exampleRequest>) => request.posture.patching as Record<string, unknown>;

describe('KEV catalog import and matching', () => {
  it('with no catalog loaded, ratings say so and the declared counts alone apply', async () => {
    expect((await loaded()).status).toBe(404);
    const result = await score();
    expect(result.kevCatalog).toBeNull();
    expect(result.kev).toEqual({ matched: [], pastDueCount: 1 });
  });

  it('refuses a malformed catalog whole, naming the first bad entry, and imports nothing', async () => {
    const catalog = kevCatalog('2026.01.01', [
      { cveID: 'CVE-2023-1389', dateAdded: '2023-05-01', dueDate: '2023-05-22' },
      { cveID: 'CVE-2024-3400', dateAdded: '2024-04-12', dueDate: '2024-04-19' },
    ]);
    (catalog.vulnerabilities[1] as Record<string, unknown>).dueDate = '19/04/2024';
    const error = await storeKevCatalog(t.database.db, catalog).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).errors[0]?.path).toBe('vulnerabilities[1].dueDate');
    expect((await loaded()).status).toBe(404);
  });

  it('imports CISA’s published catalog, keeps its version and import time, and re-importing it changes nothing', async () => {
    const document = JSON.parse(readFileSync(SHARED_SNAPSHOT, 'utf8'));
    const first = await storeKevCatalog(t.database.db, document);
    expect(first).toMatchObject({ created: true, catalog: { version: '2025.08.25', entryCount: 1404 } });
    const again = await storeKevCatalog(t.database.db, document);
    expect(again.created).toBe(false);
    const response = await loaded();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ source: 'cisa_kev', version: '2025.08.25', count: 1404 });
    const altered = structuredClone(document);
    altered.vulnerabilities[0].dueDate = '2030-01-01';
    await expect(storeKevCatalog(t.database.db, altered)).rejects.toBeInstanceOf(ConflictError);
  });

  it('matches openCves against the loaded catalog with each entry’s own due date', async () => {
    const result = await score();
    expect(result.kevCatalog).toEqual({ version: '2025.08.25' });
    expect(result.kev.matched.map((match) => [match.cveID, match.pastDue, match.location])).toEqual([
      ['CVE-2023-1389', true, 'own_product'],
      ['CVE-2024-3400', true, 'corporate'],
    ]);
    expect(result.kev.pastDueCount).toBe(2);
    expect(result.subjectivities.map((subjectivity) => subjectivity.code)).toEqual(
      expect.arrayContaining(['KEV_REMEDIATE:CVE-2023-1389', 'KEV_REMEDIATE:CVE-2024-3400']),
    );
    // Declared one past due, the catalog finds two: the larger applies and the disagreement refers.
    expect(result.referralReasons.map((reason) => reason.code)).toContain('KEV_DECLARATION_MISMATCH');
  });

  it('a newer catalog becomes the loaded one; entries added after the rating date are ignored', async () => {
    // Through the service, telling the app's change feed as the import route does (tests/api/hot-reads.test.ts
    // covers an import by another process, heard through the database).
    await storeKevCatalog(
      t.database.db,
      kevCatalog(
        '2026.11.20',
        [
          { cveID: 'CVE-2023-1389', dateAdded: '2023-05-01', dueDate: '2023-05-22', ransomware: true },
          { cveID: 'CVE-2024-3400', dateAdded: '2026-11-30', dueDate: '2026-12-21' },
          { cveID: 'CVE-2019-0001', dateAdded: '2022-01-01', dueDate: '2022-01-22', endOfLife: true },
          { cveID: 'CVE-2026-0002', dateAdded: '2026-11-10', dueDate: '2026-12-01' },
        ],
        '2026-11-20T12:00:00.000Z',
      ),
      undefined,
      t.changes,
    );
    expect(await (await loaded()).json()).toMatchObject({ version: '2026.11.20', count: 4 });
    const result = await score((request) => {
      Object.assign(patching(request), {
        openKevCount: 4,
        openKevPastDueCount: 2,
        openCves: ['CVE-2023-1389', 'CVE-2024-3400', 'CVE-2019-0001', 'CVE-2026-0002'],
      });
    });
    expect(result.kevCatalog).toEqual({ version: '2026.11.20' });
    expect(result.kev.matched.map((match) => match.cveID)).toEqual(['CVE-2023-1389', 'CVE-2019-0001', 'CVE-2026-0002']);
    expect(result.kev.pastDueCount).toBe(2);
    const codes = result.subjectivities.map((subjectivity) => subjectivity.code);
    // The end-of-life entry feeds the end-of-support rules, not a patch subjectivity; the one not yet due needs none.
    expect(codes).toContain('KEV_REMEDIATE:CVE-2023-1389');
    expect(codes).not.toContain('KEV_REMEDIATE:CVE-2019-0001');
    expect(codes).not.toContain('KEV_REMEDIATE:CVE-2026-0002');
    expect(result.restrictions.map((restriction) => restriction.code)).toContain('END_OF_SUPPORT_DEVICE_BRICKING');
    // Known ransomware use weighs heavier: a tier cap and more coinsurance.
    expect(result.tierCaps.map((cap) => cap.id)).toContain('kev_ransomware_past_due');
    expect(result.tier).toBe('substandard');
    const coinsurance = result.restrictions.find((restriction) => restriction.code === 'KEV_PAST_DUE_COINSURANCE');
    expect(coinsurance?.coinsurancePct).toBeGreaterThan(15);
    expect(result.referralReasons.map((reason) => reason.code)).not.toContain('KEV_DECLARATION_MISMATCH');
  });
});

describe('POST /v1/vulnerability-catalogs/kev', () => {
  const post = (body: string, headers: Record<string, string>) =>
    t.app.request('/v1/vulnerability-catalogs/kev', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });

  it('admits the 1.2 MB catalog (its route allows 8 MiB), answers 200 for a version already loaded', async () => {
    const body = readFileSync(SHARED_SNAPSHOT, 'utf8');
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const response = await post(body, t.admin.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: '2025.08.25', count: 1404 });
  });

  it('imports a new version (201) and refuses a malformed one whole (422 naming the entry)', async () => {
    const catalog = kevCatalog(
      '2026.11.21',
      [{ cveID: 'CVE-2026-1111', dateAdded: '2026-11-21', dueDate: '2026-12-12' }],
      '2026-11-21T10:00:00.000Z',
    );
    expect((await post(JSON.stringify(catalog), t.admin.headers)).status).toBe(201);
    const events = (await (
      await t.app.request('/v1/audit-events?entityId=cisa_kev@2026.11.21', { headers: t.admin.headers })
    ).json()) as { items: { action: string; actor: { keyId: string } }[] };
    expect(events.items).toEqual([
      expect.objectContaining({
        action: 'vulnerability_catalog.imported',
        actor: expect.objectContaining({ keyId: t.admin.keyId }),
      }),
    ]);
    (catalog.vulnerabilities[0] as Record<string, unknown>).cveID = 'CVE-26-1';
    catalog.catalogVersion = '2026.11.22';
    const refused = await post(JSON.stringify(catalog), t.admin.headers);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('vulnerabilities[0].cveID');
    expect(await (await loaded()).json()).toMatchObject({ version: '2026.11.21' });
  });

  it('is for admins only, and still limited: 413 beyond 8 MiB', async () => {
    expect((await post('{}', t.underwriter.headers)).status).toBe(403);
    const huge = JSON.stringify({ padding: 'x'.repeat(8 * 1024 * 1024) });
    expect((await post(huge, t.admin.headers)).status).toBe(413);
  });

  it("refuses a catalog released after the end of tomorrow (UTC, by the server's date): it would stay loaded for good", async () => {
    for (const released of ['2999-01-01T00:00:00.000Z', '2026-11-24T00:00:01.000Z']) {
      const catalog = kevCatalog(
        `future-${released.slice(0, 4)}`,
        [{ cveID: 'CVE-2026-1111', dateAdded: '2026-11-21', dueDate: '2026-12-12' }],
        released,
      );
      const response = await post(JSON.stringify(catalog), t.admin.headers);
      expect({ released, status: response.status }).toEqual({ released, status: 422 });
      expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('dateReleased');
    }
    const tomorrow = kevCatalog(
      '2026.11.23-early',
      [{ cveID: 'CVE-2026-1112', dateAdded: '2026-11-21', dueDate: '2026-12-12' }],
      '2026-11-23T23:59:00.000Z',
    );
    expect((await post(JSON.stringify(tomorrow), t.admin.headers)).status).toBe(201);
  });
});
