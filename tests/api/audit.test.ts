import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { postJson } from '../support/requests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const name of ['Alpha Brokers', 'Beta Brokers', 'Gamma Brokers']) {
    await t.app.request('/v1/organizations', postJson({ name, kind: 'broker' }, t.admin.headers));
  }
});
afterAll(async () => {
  await t.close();
});

interface Page {
  items: { id: string; action: string; entityId: string; after: { name?: string } }[];
  nextCursor: string | null;
}
const page = async (query: string) =>
  (await (await t.app.request(`/v1/audit-events${query}`, { headers: t.underwriter.headers })).json()) as Page;

describe('GET /v1/audit-events', () => {
  it('lists events newest first, filtered by entity, in pages', async () => {
    const all = await page('?entityType=organization');
    expect(all.items.slice(0, 3).map((event) => event.after.name)).toEqual([
      'Gamma Brokers',
      'Beta Brokers',
      'Alpha Brokers',
    ]);
    const first = await page('?entityType=organization&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(`?entityType=organization&limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0]?.id).toBe(all.items[2]?.id);
    const one = await page(`?entityId=${all.items[0]!.entityId}`);
    expect(one.items.map((event) => event.action)).toEqual(['organization.created']);
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await t.app.request('/v1/audit-events?cursor=bm9wZQ', { headers: t.admin.headers });
    expect(response.status).toBe(422);
  });
});

describe('GET /v1/audit-events/verify', () => {
  it('recomputes every chain', async () => {
    const response = await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers });
    const result = (await response.json()) as { valid: boolean; checked: number };
    expect(result.valid).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(5);
  });

  it('finds an event altered behind the trigger’s back', async () => {
    const { items } = await page('?entityType=organization&limit=1');
    const victim = items[0]!;
    await t.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_or_delete`);
    await t.database.db.execute(sql`update audit_events set action = 'organization.forged' where id = ${victim.id}`);
    await t.database.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_or_delete`);
    const result = (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
      valid: boolean;
      firstBrokenEventId?: string;
    };
    expect(result).toMatchObject({ valid: false, firstBrokenEventId: victim.id });
  });
});
