import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema';
import { canonicalJson } from '../../src/domain/canonical';
import { appendAuditEvents } from '../../src/services/audit/append';
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

  it('chains, in the database, events whose text needs escaping, several to a chain and across chains', async () => {
    const [carrier, broker] = [t.admin.organizationId, (await page('?entityType=organization&limit=1')).items[0]!];
    const awkward = 'Zürich "Ünïcode" \\ Brokers \u2028 東京 😀 \u0007';
    const actor = {
      keyId: null,
      role: 'system',
      organizationId: carrier,
      organizationKind: 'carrier',
      authority: null,
    } as const;
    const entry = (organizationId: string, n: number) => ({
      organizationId,
      action: 'test.appended',
      entityType: 'test',
      entityId: `entity-${n}`,
      before: n === 1 ? null : { name: awkward, n: n - 1 },
      after: { name: awkward, n, nested: { prevHash: 'not the chain', seq: -1 } },
    });
    await t.database.db.transaction((tx) =>
      appendAuditEvents(tx, actor, [entry(broker.entityId, 1), entry(carrier, 2), entry(broker.entityId, 3)]),
    );
    const stored = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'test.appended'))
      .orderBy(asc(auditEvents.organizationId), asc(auditEvents.seq));
    expect(stored).toHaveLength(3);
    for (const event of stored) {
      // The text PostgreSQL hashed is the text this process would have hashed for the same record.
      const record = JSON.parse(event.canonical) as Record<string, unknown>;
      expect(event.canonical).toBe(canonicalJson(record));
      expect(createHash('sha256').update(event.canonical).digest('hex')).toBe(event.hash);
      expect(record).toMatchObject({ seq: event.seq, prevHash: event.prevHash, after: { name: awkward } });
      expect(event.after).toEqual(record.after);
    }
    const brokerEvents = stored.filter((event) => event.organizationId === broker.entityId);
    expect(brokerEvents.map((event) => event.entityId)).toEqual(['entity-1', 'entity-3']);
    expect(brokerEvents[1]!.seq).toBe(brokerEvents[0]!.seq + 1);
    expect(brokerEvents[1]!.prevHash).toBe(brokerEvents[0]!.hash);
    const result = (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
      valid: boolean;
    };
    expect(result.valid).toBe(true);
  });

  it('verifies a chain longer than the batch it reads at a time', async () => {
    const organizationId = '0190a6f0-0000-7000-8000-00000000c0de';
    const actor = {
      keyId: null,
      role: 'system',
      organizationId: t.admin.organizationId,
      organizationKind: 'carrier',
      authority: null,
    } as const;
    const entries = Array.from({ length: 2_100 }, (_, n) => ({
      organizationId,
      action: 'test.appended',
      entityType: 'test',
      entityId: `long-${n}`,
      before: null,
      after: { n },
    }));
    await t.database.db.transaction((tx) => appendAuditEvents(tx, actor, entries));
    const result = (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
      valid: boolean;
      checked: number;
    };
    expect(result.valid).toBe(true);
    expect(result.checked).toBeGreaterThan(2_100);
  });

  // Every column the API lists is checked against the hashed text, not only the chain's own; each forgery is undone
  // after, so the file's chains verify again when it ends (tests/support/app.ts).
  it.each([
    ['action', sql`action = 'organization.forged'`],
    ['after', sql`after = jsonb_set(after, '{forged}', 'true')`],
    ['before', sql`before = '{"forged": true}'::jsonb`],
    ['actor_role', sql`actor_role = 'broker'`],
    ['actor_key_id', sql`actor_key_id = '0190a6f0-0000-7000-8000-0000000000ff'`],
    ['occurred_at', sql`occurred_at = occurred_at - interval '1 day'`],
  ])('finds the %s of an event altered behind the trigger’s back', async (_column, change) => {
    const { items } = await page('?entityType=organization&limit=1');
    const victim = items[0]!;
    const [original] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.id, victim.id));
    const verify = async () =>
      (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
        valid: boolean;
        firstBrokenEventId?: string;
      };
    const behindTheTrigger = async (statement: ReturnType<typeof sql>) => {
      await t.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_or_delete`);
      await t.database.db.execute(sql`update audit_events set ${statement} where id = ${victim.id}`);
      await t.database.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_or_delete`);
    };
    await behindTheTrigger(change);
    expect(await verify()).toMatchObject({ valid: false, firstBrokenEventId: victim.id });
    await behindTheTrigger(
      sql`action = ${original!.action}, before = ${original!.before === null ? null : JSON.stringify(original!.before)}::jsonb,
          after = ${JSON.stringify(original!.after)}::jsonb, actor_role = ${original!.actorRole},
          actor_key_id = ${original!.actorKeyId}, occurred_at = ${original!.occurredAt.toISOString()}::timestamptz`,
    );
    expect(await verify()).toMatchObject({ valid: true });
  });
});
