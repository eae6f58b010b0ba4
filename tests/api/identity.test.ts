import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema';
import { bootstrapAdmin } from '../../src/services/identity/bootstrap';
import { KEY_PATTERN } from '../../src/services/identity/secrets';
import { createTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

/** `uwk_` + 32 hex + `_`: the secret is everything after (it may itself contain `_`). */
const SECRET_OFFSET = 37;

let t: TestApp;
let brokerA: TestTenant;
let brokerB: TestTenant;
let applicant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  brokerA = await createTenant(t.database.db, 'broker', 'broker');
  brokerB = await createTenant(t.database.db, 'broker', 'broker');
  applicant = await createTenant(t.database.db, 'applicant', 'applicant');
});
afterAll(async () => {
  await t.close();
});

const json = async <T>(response: Response) => (await response.json()) as T;

describe('organisations', () => {
  it('an admin registers one (201, Location) and it is an audit event on the carrier chain', async () => {
    const response = await t.app.request(
      '/v1/organizations',
      postJson({ name: 'Harbor Brokers LLP', kind: 'broker' }, t.admin.headers),
    );
    expect(response.status).toBe(201);
    const created = await json<{ id: string; kind: string; createdAt: string }>(response);
    expect(response.headers.get('location')).toBe(`/v1/organizations/${created.id}`);
    expect(created).toMatchObject({ name: 'Harbor Brokers LLP', kind: 'broker' });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events).toEqual([
      expect.objectContaining({
        action: 'organization.created',
        organizationId: t.admin.organizationId,
        actorKeyId: t.admin.keyId,
      }),
    ]);
  });

  it('refuses server-owned and unknown fields in the body', async () => {
    const response = await t.app.request(
      '/v1/organizations',
      postJson(
        { name: 'X', kind: 'broker', id: '0190a6f0-0000-7000-8000-000000000001', createdAt: '2020-01-01' },
        t.admin.headers,
      ),
    );
    expect(response.status).toBe(422);
    const paths = (await json<{ errors: { path: string }[] }>(response)).errors.map((error) => error.path);
    expect(paths.sort()).toEqual(['createdAt', 'id']);
  });

  it('a broker sees its own organisation only; another tenant’s answers 404', async () => {
    const own = await t.app.request(`/v1/organizations/${brokerA.organizationId}`, { headers: brokerA.headers });
    expect(own.status).toBe(200);
    const other = await t.app.request(`/v1/organizations/${brokerB.organizationId}`, { headers: brokerA.headers });
    expect(other.status).toBe(404);
    const carrier = await t.app.request(`/v1/organizations/${t.admin.organizationId}`, { headers: applicant.headers });
    expect(carrier.status).toBe(404);
    const list = await json<{ items: { id: string }[] }>(
      await t.app.request('/v1/organizations', { headers: brokerA.headers }),
    );
    expect(list.items.map((organization) => organization.id)).toEqual([brokerA.organizationId]);
  });

  it('carrier keys see every organisation', async () => {
    for (const key of [t.admin, t.underwriter]) {
      const list = await json<{ items: { id: string }[] }>(
        await t.app.request('/v1/organizations', { headers: key.headers }),
      );
      const ids = list.items.map((organization) => organization.id);
      expect(ids).toEqual(
        expect.arrayContaining([brokerA.organizationId, brokerB.organizationId, applicant.organizationId]),
      );
      expect(
        (await t.app.request(`/v1/organizations/${brokerB.organizationId}`, { headers: key.headers })).status,
      ).toBe(200);
    }
  });
});

describe('API keys', () => {
  let issued: { id: string; secret: string };

  it('issues a key once with its secret, which then works; the list never shows secrets', async () => {
    const response = await t.app.request(
      '/v1/api-keys',
      postJson({ organizationId: brokerA.organizationId, role: 'broker' }, t.admin.headers),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    issued = await json<{ id: string; secret: string }>(response);
    expect(issued.secret).toMatch(KEY_PATTERN);
    const scored = await t.app.request(
      '/v1/score',
      postJson(exampleRequest('USD'), { Authorization: `Bearer ${issued.secret}` }),
    );
    expect(scored.status).toBe(200);
    const listed = await t.app.request('/v1/api-keys', { headers: t.admin.headers });
    const text = await listed.text();
    expect(text).toContain(issued.id);
    expect(text).not.toContain(issued.secret.slice(SECRET_OFFSET));
    expect(text).not.toMatch(/secret/i);
  });

  it('allows each role only in its kind of organisation, and authority only for underwriters', async () => {
    const wrongKind = await t.app.request(
      '/v1/api-keys',
      postJson({ organizationId: brokerA.organizationId, role: 'underwriter' }, t.admin.headers),
    );
    expect(wrongKind.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(wrongKind)).errors.map((error) => error.path)).toEqual(['role']);
    const authority = {
      maxLimit: { amount: 500_000_000, currency: 'USD' },
      maxPremium: { amount: 5_000_000, currency: 'USD' },
      canWaive: false,
      canOverrideDecline: false,
    };
    const brokerAuthority = await t.app.request(
      '/v1/api-keys',
      postJson({ organizationId: brokerA.organizationId, role: 'broker', authority }, t.admin.headers),
    );
    expect((await json<{ errors: { path: string }[] }>(brokerAuthority)).errors.map((error) => error.path)).toEqual([
      'authority',
    ]);
    const underwriter = await t.app.request(
      '/v1/api-keys',
      postJson({ organizationId: t.admin.organizationId, role: 'underwriter', authority }, t.admin.headers),
    );
    expect(underwriter.status).toBe(201);
    expect((await json<{ authority: unknown }>(underwriter)).authority).toEqual(authority);
  });

  it('refuses server-owned fields when issuing a key', async () => {
    const response = await t.app.request(
      '/v1/api-keys',
      postJson(
        { organizationId: brokerA.organizationId, role: 'broker', secret: 'mine', revokedAt: null },
        t.admin.headers,
      ),
    );
    expect(response.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(response)).errors.map((error) => error.path).sort()).toEqual([
      'revokedAt',
      'secret',
    ]);
  });

  it('answers 404 for a key of an organisation that does not exist', async () => {
    const response = await t.app.request(
      '/v1/api-keys',
      postJson({ organizationId: '0190a6f0-0000-7000-8000-0000000000ff', role: 'broker' }, t.admin.headers),
    );
    expect(response.status).toBe(404);
  });

  it('revokes at once, audited; revoking again is a conflict', async () => {
    const revoked = await t.app.request(`/v1/api-keys/${issued.id}`, { method: 'DELETE', headers: t.admin.headers });
    expect(revoked.status).toBe(200);
    expect((await json<{ revokedAt: string | null }>(revoked)).revokedAt).not.toBeNull();
    const refused = await t.app.request(
      '/v1/score',
      postJson(exampleRequest('USD'), { Authorization: `Bearer ${issued.secret}` }),
    );
    expect(refused.status).toBe(401);
    const again = await t.app.request(`/v1/api-keys/${issued.id}`, { method: 'DELETE', headers: t.admin.headers });
    expect(again.status).toBe(409);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, issued.id))
      .orderBy(asc(auditEvents.seq));
    expect(events.map((event) => event.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('never writes a secret to the log', async () => {
    const response = await t.app.request(
      '/v1/api-keys',
      postJson({ organizationId: brokerB.organizationId, role: 'broker' }, t.admin.headers),
    );
    const { secret } = await json<{ secret: string }>(response);
    await t.app.request('/v1/organizations', { headers: { Authorization: `Bearer ${secret}` } });
    const logged = JSON.stringify(t.logs);
    expect(logged).not.toContain(secret.slice(SECRET_OFFSET));
    expect(logged).not.toContain(t.admin.token.slice(SECRET_OFFSET));
  });

  it('keeps each organisation’s audit chain linked', async () => {
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, t.admin.organizationId))
      .orderBy(asc(auditEvents.seq));
    events.forEach((event, index) => {
      expect(event.seq).toBe(index + 1);
      if (index > 0) expect(event.prevHash).toBe(events[index - 1]!.hash);
      expect(JSON.parse(event.canonical)).toMatchObject({
        seq: event.seq,
        prevHash: event.prevHash,
        action: event.action,
      });
    });
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After beyond the per-key burst', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '2' });
    try {
      const statuses = [];
      for (let index = 0; index < 3; index += 1) {
        statuses.push((await limited.app.request('/v1/organizations', { headers: limited.admin.headers })).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await limited.app.request('/v1/organizations', { headers: limited.admin.headers });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another key has its own bucket.
      expect((await limited.app.request('/v1/organizations', { headers: limited.underwriter.headers })).status).toBe(
        200,
      );
    } finally {
      await limited.close();
    }
  });
});

describe('bootstrap', () => {
  it('creates the carrier and an admin key on first start, written to a 0600 file, once', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'uw-bootstrap-'));
    try {
      const first = await bootstrapAdmin(database.db, { dataDir });
      expect(first.created).toBe(true);
      expect(first.keyFile).toBe(join(dataDir, 'bootstrap-admin-key'));
      expect((await stat(first.keyFile!)).mode & 0o777).toBe(0o600);
      const token = (await readFile(first.keyFile!, 'utf8')).trim();
      expect(token).toMatch(KEY_PATTERN);
      expect((await bootstrapAdmin(database.db, { dataDir })).created).toBe(false);
      const app = await createTestApp({}, database);
      const response = await app.app.request('/v1/api-keys', { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('registers BOOTSTRAP_ADMIN_KEY instead when given, writing no file', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'uw-bootstrap-'));
    const presetKey = `uwk_${'1f'.repeat(16)}_${'Q'.repeat(43)}`;
    try {
      expect(await bootstrapAdmin(database.db, { dataDir, presetKey })).toEqual({ created: true });
      const app = await createTestApp({}, database);
      expect(
        (await app.app.request('/v1/api-keys', { headers: { Authorization: `Bearer ${presetKey}` } })).status,
      ).toBe(200);
      await expect(bootstrapAdmin(database.db, { dataDir, presetKey: 'uwk_short' })).rejects.toThrow(/key format/);
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('tenant isolation matrix', () => {
  it('every broker and applicant tenant sees only its own organisation, on every organisation route', async () => {
    const applicantB = await createTenant(t.database.db, 'applicant', 'applicant');
    const tenants = [brokerA, brokerB, applicant, applicantB];
    for (const caller of tenants) {
      const list = await json<{ items: { id: string }[] }>(
        await t.app.request('/v1/organizations', { headers: caller.headers }),
      );
      expect(list.items.map((organization) => organization.id)).toEqual([caller.organizationId]);
      for (const other of tenants) {
        const response = await t.app.request(`/v1/organizations/${other.organizationId}`, { headers: caller.headers });
        expect(response.status).toBe(other === caller ? 200 : 404);
      }
      // Key management is the carrier's: a role that may never do it is told so (403), whatever the target.
      expect((await t.app.request('/v1/api-keys', { headers: caller.headers })).status).toBe(403);
      const revoke = await t.app.request(`/v1/api-keys/${brokerB.keyId}`, {
        method: 'DELETE',
        headers: caller.headers,
      });
      expect(revoke.status).toBe(403);
    }
    // Nothing changed: every tenant's key still works.
    for (const tenant of tenants) {
      expect(
        (await t.app.request(`/v1/organizations/${tenant.organizationId}`, { headers: tenant.headers })).status,
      ).toBe(200);
    }
  });
});
