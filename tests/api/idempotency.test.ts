import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '../../src/db/queries/idempotency';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
let broker: TestTenant;
let colleague: TestTenant;
let otherBroker: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  broker = await createTenant(t.database.db, 'broker', 'broker');
  colleague = await createTenant(t.database.db, 'broker', 'broker', { organizationId: broker.organizationId });
  otherBroker = await createTenant(t.database.db, 'broker', 'broker');
});
afterAll(async () => {
  await t.close();
});

const register = (body: unknown, key: TestTenant, idempotencyKey?: string) =>
  t.app.request(
    '/v1/applicants',
    postJson(body, { ...key.headers, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) }),
  );
const applicantCount = async (key: TestTenant) =>
  ((await (await t.app.request('/v1/applicants?limit=200', { headers: key.headers })).json()) as { items: unknown[] })
    .items.length;

describe('Idempotency-Key on creating POSTs', () => {
  it('replays the stored response to a retry, byte for byte, and creates once', async () => {
    const body = { ...exampleRequest().profile, legalName: 'Retry Co' };
    const first = await register(body, broker, 'key-1');
    expect(first.status).toBe(201);
    const firstText = await first.text();
    const again = await register(body, broker, 'key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await again.text()).toBe(firstText);
    expect(await applicantCount(broker)).toBe(1);
  });

  it('keys are per organisation: a colleague’s retry replays, another firm’s same key is its own', async () => {
    const body = { ...exampleRequest().profile, legalName: 'Retry Co' };
    const colleagues = await register(body, colleague, 'key-1');
    expect(colleagues.headers.get('idempotent-replayed')).toBe('true');
    const others = await register(body, otherBroker, 'key-1');
    expect(others.status).toBe(201);
    expect(others.headers.get('idempotent-replayed')).toBeNull();
    expect(await applicantCount(otherBroker)).toBe(1);
  });

  it('refuses the same key with another body (422) and creates nothing', async () => {
    const response = await register({ ...exampleRequest().profile, legalName: 'Other Co' }, broker, 'key-1');
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('header.idempotency-key');
    expect(await applicantCount(broker)).toBe(1);
  });

  it('a failed request leaves no key behind: its corrected retry with the same key runs', async () => {
    const bad = await register({ ...exampleRequest().profile, employeeCount: -1 }, broker, 'key-2');
    expect(bad.status).toBe(422);
    const good = await register({ ...exampleRequest().profile, legalName: 'Second Co' }, broker, 'key-2');
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
    expect(await applicantCount(broker)).toBe(2);
  });

  it('a key counts for 24 hours: after that it may be used afresh, and old keys are purged', async () => {
    await t.database.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '25 hours'
          where key = 'key-1' and organization_id = ${broker.organizationId}`,
    );
    const reused = await register({ ...exampleRequest().profile, legalName: 'A Day Later Co' }, broker, 'key-1');
    expect(reused.status).toBe(201);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    await t.database.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'key-2'`,
    );
    expect(await purgeExpiredIdempotencyKeys(t.database.db)).toBe(1);
  });

  it('a body the schema refuses is refused the same with a key, even one JSON has no canonical form for', async () => {
    const response = await t.app.request('/v1/applicants', {
      method: 'POST',
      headers: { ...broker.headers, 'Content-Type': 'application/json', 'Idempotency-Key': 'huge-number' },
      body: '{"employeeCount": 1e400}',
    });
    expect(response.status).toBe(422);
  });

  it('refuses an unusable key', async () => {
    const response = await register(exampleRequest().profile, broker, 'x'.repeat(256));
    expect(response.status).toBe(422);
  });

  it('never replays a secret: a retried key issue answers 409 naming the key made, without its secret', async () => {
    const body = { organizationId: broker.organizationId, role: 'broker' };
    const headers = { ...t.admin.headers, 'Idempotency-Key': 'issue-1' };
    const first = await t.app.request('/v1/api-keys', postJson(body, headers));
    expect(first.status).toBe(201);
    const issued = (await first.json()) as { id: string; secret: string };
    const again = await t.app.request('/v1/api-keys', postJson(body, headers));
    expect(again.status).toBe(409);
    const problem = (await again.json()) as { created: { id: string; secret?: string } };
    expect(problem.created.id).toBe(issued.id);
    expect(problem.created.secret).toBeUndefined();
    expect(JSON.stringify(problem)).not.toContain(issued.secret.slice(37));
    const stored = await t.database.db.execute(sql`select response_body from idempotency_keys where key = 'issue-1'`);
    expect(JSON.stringify(stored)).not.toContain(issued.secret.slice(37));
  });

  it('also guards assessments: a retry records one assessment', async () => {
    const applicant = (await (await register(exampleRequest().profile, otherBroker)).json()) as { id: string };
    const post = () =>
      t.app.request(
        `/v1/applicants/${applicant.id}/assessments`,
        postJson(exampleRequest().posture, { ...otherBroker.headers, 'Idempotency-Key': 'assess-1' }),
      );
    const [first, second] = [await post(), await post()];
    expect(first.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const listed = (await (
      await t.app.request(`/v1/applicants/${applicant.id}/assessments`, { headers: otherBroker.headers })
    ).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
  });
});
