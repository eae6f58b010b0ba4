import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { kevCatalog } from '../support/kev';
import { exampleRequest, postJson } from '../support/requests';

// The loaded catalog is the latest released. A catalog with a wrong release date stayed loaded for good; an admin
// can now choose which imported version is current, and a catalog released after the chosen one, imported after
// the choice, takes over as imports always did.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const [version, released] of [
    ['2026.11.01', '2026-11-01T12:00:00.000Z'],
    ['2026.11.10', '2026-11-10T12:00:00.000Z'],
  ] as const) {
    const catalog = kevCatalog(
      version,
      [{ cveID: 'CVE-2023-1389', dateAdded: '2023-05-01', dueDate: '2023-05-22' }],
      released,
    );
    expect((await t.app.request('/v1/vulnerability-catalogs/kev', postJson(catalog, t.admin.headers))).status).toBe(
      201,
    );
  }
});
afterAll(async () => {
  await t.close();
});

const loaded = async () => {
  const response = await t.app.request('/v1/vulnerability-catalogs/kev', { headers: t.underwriter.headers });
  return { version: ((await response.json()) as { version: string }).version, etag: response.headers.get('etag') };
};
const choose = (version: string, headers: Record<string, string>, ifMatch?: string | null) =>
  t.app.request('/v1/vulnerability-catalogs/kev/current', {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json', ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    body: JSON.stringify({ version }),
  });

describe('choosing the current KEV catalog', () => {
  it('needs an admin, the loaded catalog’s ETag and a version that was imported', async () => {
    const { version, etag } = await loaded();
    expect(version).toBe('2026.11.10');
    expect(etag).toMatch(/^".+"$/);
    expect((await choose('2026.11.01', t.underwriter.headers, etag)).status).toBe(403);
    expect((await choose('2026.11.01', t.admin.headers)).status).toBe(428);
    expect((await choose('2026.11.01', t.admin.headers, '"stale"')).status).toBe(412);
    expect((await choose('1999.01.01', t.admin.headers, etag)).status).toBe(404);
    expect((await loaded()).version).toBe('2026.11.10');
  });

  it('makes an older version current for ratings, audited, with a new ETag', async () => {
    const before = await loaded();
    const response = await choose('2026.11.01', t.admin.headers, before.etag);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: '2026.11.01' });
    const after = await loaded();
    expect(after.version).toBe('2026.11.01');
    expect(after.etag).not.toBe(before.etag);
    expect(response.headers.get('etag')).toBe(after.etag);
    const rating = (await (
      await t.app.request('/v1/score', postJson(exampleRequest('USD'), t.underwriter.headers))
    ).json()) as {
      kevCatalog: { version: string };
    };
    expect(rating.kevCatalog).toEqual({ version: '2026.11.01' });
    const events = (await (
      await t.app.request('/v1/audit-events?entityId=cisa_kev@2026.11.01', { headers: t.admin.headers })
    ).json()) as { items: { action: string; before: { version: string }; after: { version: string } }[] };
    expect(events.items[0]).toMatchObject({
      action: 'vulnerability_catalog.chosen',
      before: { version: '2026.11.10' },
      after: { version: '2026.11.01' },
    });
    expect((await choose('2026.11.10', t.admin.headers, before.etag)).status).toBe(412);
  });

  it('a catalog released after the chosen one and imported after the choice takes over', async () => {
    const catalog = kevCatalog(
      '2026.11.05',
      [{ cveID: 'CVE-2024-3400', dateAdded: '2024-04-12', dueDate: '2024-04-19' }],
      '2026-11-05T12:00:00.000Z',
    );
    expect((await t.app.request('/v1/vulnerability-catalogs/kev', postJson(catalog, t.admin.headers))).status).toBe(
      201,
    );
    expect((await loaded()).version).toBe('2026.11.05');
  });
});
