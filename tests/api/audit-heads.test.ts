import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { postJson } from '../support/requests';

// A chain's head row records its last event. Deleting it needed no trigger bypass: verification still said valid
// (it only checked heads that exist), and every later write of that organisation failed with 500, because a chain
// without a head restarted at sequence 1.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const verify = async () =>
  (await (await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers })).json()) as {
    valid: boolean;
    firstBrokenEventId?: string;
  };
const createOrganization = (name: string) =>
  t.app.request('/v1/organizations', postJson({ name, kind: 'broker' }, t.admin.headers));
const refusal = async (statement: ReturnType<typeof sql>) => {
  try {
    await t.database.db.execute(statement);
    return null;
  } catch (error) {
    return error;
  }
};

describe('audit chain heads', () => {
  it('refuse deletion, truncation and a move backwards, as the events refuse change', async () => {
    expect((await createOrganization('Head Guard Brokers')).status).toBe(201);
    const organizationId = t.admin.organizationId;
    expect(await refusal(sql`delete from audit_chains where organization_id = ${organizationId}::uuid`)).not.toBeNull();
    expect(await refusal(sql`truncate audit_chains`)).not.toBeNull();
    expect(
      await refusal(
        sql`update audit_chains set head_seq = head_seq - 1 where organization_id = ${organizationId}::uuid`,
      ),
    ).not.toBeNull();
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('a head deleted behind the trigger is reported, and the chain takes writes again from its last event', async () => {
    const organizationId = t.admin.organizationId;
    await t.database.db.execute(sql`alter table audit_chains disable trigger audit_chains_no_delete`);
    await t.database.db.execute(sql`delete from audit_chains where organization_id = ${organizationId}::uuid`);
    await t.database.db.execute(sql`alter table audit_chains enable trigger audit_chains_no_delete`);
    const report = await verify();
    expect(report.valid).toBe(false);
    expect(report.firstBrokenEventId).toEqual(expect.any(String));

    expect((await createOrganization('After The Head Went')).status).toBe(201);
    expect(await verify()).toMatchObject({ valid: true });
  });
});
