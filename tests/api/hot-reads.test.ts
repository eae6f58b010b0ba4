/**
 * What the app keeps in memory (API keys, the model versions in force, the loaded KEV catalog) never outlives a
 * committed change: one made through the app is seen by its next request, one made straight in the database (as
 * another process, or `npm run kev:import`, makes it) as soon as the database's announcement arrives.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingResult } from '../../src/domain/rating-result';
import { storeKevCatalog } from '../../src/services/kev/store-catalog';
import { publishModel } from '../../src/services/rating-models/publish';
import { ModelRegistry } from '../../src/services/rating-models/registry';
import { createTestApp, type TestApp } from '../support/app';
import { contextFor } from '../support/context';
import { createTenant, type TestTenant } from '../support/identity';
import { kevCatalog } from '../support/kev';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const score = (tenant: TestTenant, mutate: (request: ReturnType<typeof exampleRequest>) => void = () => {}) => {
  const request = exampleRequest('USD');
  mutate(request);
  return t.app.request('/v1/score', postJson(request, tenant.headers));
};

const rating = async (tenant: TestTenant, mutate?: (request: ReturnType<typeof exampleRequest>) => void) => {
  const response = await score(tenant, mutate);
  expect(response.status).toBe(200);
  return (await response.json()) as RatingResult;
};

/** Retries `check` until it passes: a notification reaches a listener after its transaction commits, not with it. */
async function eventually(check: () => Promise<void>, withinMs = 5_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await check();
      return performance.now() - started;
    } catch (error) {
      if (performance.now() - started > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const withCve = (cveId: string) => (request: ReturnType<typeof exampleRequest>) => {
  Object.assign(request.posture.patching as Record<string, unknown>, { openCves: [cveId] });
};

describe('reference data kept in memory', () => {
  it('a key revoked through the API is refused on the very next request', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    expect((await score(broker)).status).toBe(200);
    const revoked = await t.app.request(`/v1/api-keys/${broker.keyId}`, { method: 'DELETE', headers: t.admin.headers });
    expect(revoked.status).toBe(200);
    expect((await score(broker)).status).toBe(401);
  });

  it('a key revoked straight in the database, as by another process, is refused once the change is announced', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    expect((await score(broker)).status).toBe(200);
    expect((await score(broker)).status).toBe(200);
    await t.database.db.execute(sql`update api_keys set revoked_at = now() where id = ${broker.keyId}`);
    await eventually(async () => expect((await score(broker)).status).toBe(401));
  });

  it('a model version published by another process is in force here once announced; pinned at once', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    const before = await rating(broker);
    const document = JSON.parse(readFileSync(new URL('../../models/iot-cyber-1.0.0.json', import.meta.url), 'utf8'));
    document.version = '1.0.1';
    document.effectiveFrom = '2026-01-01';
    // Another process's registry: nothing in this app is told of the publication but through the database.
    const elsewhere = new ModelRegistry(t.database.db);
    const admin = {
      keyId: t.admin.keyId,
      role: 'admin' as const,
      organizationId: t.admin.organizationId,
      organizationKind: 'carrier' as const,
      authority: null,
    };
    const { model } = await publishModel({ ...contextFor(t.database.db, admin), models: elsewhere }, document);
    expect(model.version).toBe('1.0.1');
    const pinned = await t.app.request(
      '/v1/score?model=iot-cyber&modelVersion=1.0.1',
      postJson(exampleRequest('USD'), broker.headers),
    );
    expect(pinned.status).toBe(200);
    const published = ((await pinned.json()) as RatingResult).model;
    expect(published).toEqual({ id: 'iot-cyber', version: '1.0.1', hash: model.hash });
    expect(before.model.version).toBe('1.0.0');
    await eventually(async () => expect((await rating(broker)).model).toEqual(published));
  });

  it('a KEV catalog imported by another process is matched against once announced', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    const shared = JSON.parse(
      readFileSync(new URL('../fixtures/kev/known_exploited_vulnerabilities-2025.08.25.json', import.meta.url), 'utf8'),
    );
    await storeKevCatalog(t.database.db, shared, undefined, t.changes);
    const first = await rating(broker, withCve('CVE-2026-9999'));
    expect(first.kevCatalog).toEqual({ version: shared.catalogVersion });
    expect(first.kev.matched).toEqual([]);
    // Not told to the app's feed: only the database's announcement can make the app see it.
    await storeKevCatalog(
      t.database.db,
      kevCatalog(
        '2026.11.21',
        [{ cveID: 'CVE-2026-9999', dateAdded: '2026-01-05', dueDate: '2026-01-26' }],
        '2026-11-21T00:00:00.000Z',
      ),
    );
    await eventually(async () => {
      const next = await rating(broker, withCve('CVE-2026-9999'));
      expect(next.kevCatalog).toEqual({ version: '2026.11.21' });
      expect(next.kev.matched.map((match) => match.cveID)).toEqual(['CVE-2026-9999']);
    });
  });
});
