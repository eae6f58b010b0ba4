import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../../src/services/audit/append';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const actorOf = (organizationId: string) =>
  ({ keyId: null, role: 'system', organizationId, organizationKind: 'carrier', authority: null }) as const;

describe('audit chains under concurrent writers', () => {
  it('append in turn on one chain from many connections, and verify as valid while they append', async () => {
    const organizationId = '0190a6f0-0000-7000-8000-00000000beef';
    const append = (n: number) =>
      t.database.db.transaction((tx) =>
        appendAuditEvents(tx, actorOf(t.admin.organizationId), [
          {
            organizationId,
            action: 'test.appended',
            entityType: 'test',
            entityId: `race-${n}`,
            before: null,
            after: { n },
          },
        ]),
      );
    const verify = async () =>
      (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
        valid: boolean;
      };
    const verdicts: boolean[] = [];
    for (let round = 0; round < 10; round += 1) {
      const [, ...checks] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, (_, n) => append(round * 20 + n))),
        verify(),
        verify(),
      ]);
      verdicts.push(...checks.map((check) => check.valid));
    }
    // A verification that read the heads and the events at different moments would see a head ahead of its chain.
    expect(verdicts.every(Boolean)).toBe(true);
    const final = (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
      valid: boolean;
      checked: number;
    };
    expect(final.valid).toBe(true);
    expect(final.checked).toBeGreaterThanOrEqual(200);
  });
});
