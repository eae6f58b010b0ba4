import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
let brokerA: TestTenant;
let brokerB: TestTenant;
let applicantOrg: TestTenant;
const profile = () => exampleRequest('USD').profile as Record<string, unknown>;

beforeAll(async () => {
  t = await createTestApp();
  brokerA = await createTenant(t.database.db, 'broker', 'broker');
  brokerB = await createTenant(t.database.db, 'broker', 'broker');
  applicantOrg = await createTenant(t.database.db, 'applicant', 'applicant');
});
afterAll(async () => {
  await t.close();
});

type View = Record<string, unknown> & { id: string; ownerOrganizationId: string; revision: number; legalName: string };
const create = async (body: unknown, key: TestTenant) => t.app.request('/v1/applicants', postJson(body, key.headers));
const patch = (id: string, body: unknown, key: TestTenant, ifMatch?: string) =>
  t.app.request(`/v1/applicants/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...key.headers, ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    body: JSON.stringify(body),
  });

describe('applicants', () => {
  let acme: View;
  let etag: string;

  it('a broker registers one: 201 with Location and ETag, owned by the broker, audited', async () => {
    const response = await create(profile(), brokerA);
    expect(response.status).toBe(201);
    acme = (await response.json()) as View;
    etag = response.headers.get('etag')!;
    expect(response.headers.get('location')).toBe(`/v1/applicants/${acme.id}`);
    expect(acme).toMatchObject({
      ownerOrganizationId: brokerA.organizationId,
      legalName: 'Acme Cameras Ltd',
      revision: 1,
    });
    const audit = (await (
      await t.app.request(`/v1/audit-events?entityId=${acme.id}`, { headers: t.admin.headers })
    ).json()) as {
      items: { action: string; organizationId: string }[];
    };
    expect(audit.items).toEqual([
      expect.objectContaining({ action: 'applicant.created', organizationId: brokerA.organizationId }),
    ]);
  });

  it('refuses server-owned fields in the body', async () => {
    const response = await create({ ...profile(), id: 'mine', ownerOrganizationId: brokerB.organizationId }, brokerA);
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path).sort();
    expect(paths).toEqual(['id', 'ownerOrganizationId']);
  });

  it('is visible to its owner and the carrier, and 404 to any other tenant', async () => {
    expect((await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerA.headers })).status).toBe(200);
    expect((await t.app.request(`/v1/applicants/${acme.id}`, { headers: t.underwriter.headers })).status).toBe(200);
    expect((await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerB.headers })).status).toBe(404);
    expect((await t.app.request(`/v1/applicants/${acme.id}`, { headers: applicantOrg.headers })).status).toBe(404);
    const listed = (await (await t.app.request('/v1/applicants', { headers: brokerB.headers })).json()) as {
      items: View[];
    };
    expect(listed.items.map((item) => item.id)).not.toContain(acme.id);
    expect((await patch(acme.id, { employeeCount: 1 }, brokerB, etag)).status).toBe(404);
  });

  it('an applicant organisation registers itself once', async () => {
    expect((await create({ ...profile(), legalName: 'Self Co' }, applicantOrg)).status).toBe(201);
    const again = await create({ ...profile(), legalName: 'Self Co 2' }, applicantOrg);
    expect(again.status).toBe(409);
  });

  it('is not for admins', async () => {
    expect((await create(profile(), t.admin)).status).toBe(403);
  });

  it('lists newest first with sector and name filters, in pages', async () => {
    for (const [legalName, sector] of [
      ['Northwind Health Devices', 'healthcare'],
      ['Contoso Meters', 'critical_infrastructure'],
      ['Northwind Locks', 'smart_home'],
    ]) {
      expect((await create({ ...profile(), legalName, sector }, brokerA)).status).toBe(201);
    }
    const list = async (query: string) =>
      (await (await t.app.request(`/v1/applicants${query}`, { headers: brokerA.headers })).json()) as {
        items: View[];
        nextCursor: string | null;
      };
    expect((await list('?name=northwind')).items.map((item) => item.legalName)).toEqual([
      'Northwind Locks',
      'Northwind Health Devices',
    ]);
    expect((await list('?sector=healthcare')).items.map((item) => item.legalName)).toEqual([
      'Northwind Health Devices',
    ]);
    const first = await list('?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await list(`?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.legalName)).toEqual(['Acme Cameras Ltd']);
    expect(second.nextCursor).toBeNull();
  });

  it('changes profile fields only with the current ETag', async () => {
    expect((await patch(acme.id, { employeeCount: 400 }, brokerA)).status).toBe(428);
    expect((await patch(acme.id, { employeeCount: 400 }, brokerA, '"stale"')).status).toBe(412);
    const changed = await patch(acme.id, { employeeCount: 400, sector: 'smart_home' }, brokerA, etag);
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ employeeCount: 400, sector: 'smart_home', revision: 2 });
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await patch(acme.id, { employeeCount: 1 }, brokerA, etag)).status).toBe(412);
  });

  it('refuses unknown or server-owned fields and a change that leaves an invalid profile', async () => {
    const current = await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerA.headers });
    const tag = current.headers.get('etag')!;
    const owned = await patch(acme.id, { ownerOrganizationId: brokerB.organizationId }, brokerA, tag);
    expect(owned.status).toBe(422);
    const invalid = await patch(acme.id, { annualRevenue: { amount: -5, currency: 'USD' } }, brokerA, tag);
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('annualRevenue.amount');
    const unchanged = (await (
      await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerA.headers })
    ).json()) as View;
    expect(unchanged.revision).toBe(2);
  });

  it('writes nothing for an empty change (422) or one that changes nothing (200, same revision and ETag)', async () => {
    const auditCount = async () =>
      (
        (await (await t.app.request(`/v1/audit-events?entityId=${acme.id}`, { headers: t.admin.headers })).json()) as {
          items: unknown[];
        }
      ).items.length;
    const current = await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerA.headers });
    const tag = current.headers.get('etag')!;
    const view = (await current.json()) as View;
    const eventsBefore = await auditCount();

    const empty = await patch(acme.id, {}, brokerA, tag);
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: { path: string }[] }).errors).toEqual([
      { path: '(body)', message: expect.stringMatching(/at least one profile field/) },
    ]);

    const same = await patch(acme.id, { employeeCount: view.employeeCount, sector: view.sector }, brokerA, tag);
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe(tag);
    expect(((await same.json()) as View).revision).toBe(view.revision);

    expect(await auditCount()).toBe(eventsBefore);
    const after = (await (
      await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerA.headers })
    ).json()) as View;
    expect(after.revision).toBe(view.revision);
  });

  it('refuses a structure nested past the stack where a closed set is expected: 422, not a 500', async () => {
    const current = await t.app.request(`/v1/applicants/${acme.id}`, { headers: brokerA.headers });
    const nested = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const response = await t.app.request(`/v1/applicants/${acme.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...brokerA.headers, 'If-Match': current.headers.get('etag')! },
      body: `{"sector":${nested}}`,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: 'sector', message: expect.stringMatching(/^an object is not a known sector: expected one of /) },
    ]);
  });
});
