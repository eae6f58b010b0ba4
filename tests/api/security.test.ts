import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRoute, ROUTE_ACCESS, type RouteAccess } from '../../src/http/route';
import { PUBLIC_UNDOCUMENTED_ROUTES } from '../../src/http/routes/docs';
import { revokeKey } from '../../src/services/api-keys/revoke';
import type { Role } from '../../src/services/context';
import { createTestApp, type TestApp } from '../support/app';
import { contextFor } from '../support/context';
import { createTenant, type TestTenant } from '../support/identity';

/** The routes served without a key, beyond the docs: nothing else may be public. */
const PUBLIC_ROUTES = ['GET /healthz', 'GET /readyz', 'GET /metrics'];

let t: TestApp;
const keys = {} as Record<Role, TestTenant>;
let revoked: TestTenant;
let expired: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  keys.admin = t.admin;
  keys.underwriter = t.underwriter;
  keys.broker = await createTenant(t.database.db, 'broker', 'broker');
  keys.applicant = await createTenant(t.database.db, 'applicant', 'applicant');
  revoked = await createTenant(t.database.db, 'carrier', 'admin', { organizationId: t.admin.organizationId });
  await revokeKey(
    contextFor(t.database.db, {
      keyId: t.admin.keyId,
      role: 'admin',
      organizationId: t.admin.organizationId,
      organizationKind: 'carrier',
      authority: null,
    }),
    revoked.keyId,
  );
  expired = await createTenant(t.database.db, 'carrier', 'admin', {
    organizationId: t.admin.organizationId,
    expiresAt: '2026-11-01T00:00:00Z',
  });
});
afterAll(async () => {
  await t.close();
});

const served = () =>
  [
    ...new Set(t.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`)),
  ].filter((route) => !PUBLIC_UNDOCUMENTED_ROUTES.some((path) => route === `GET ${path}`));
const declared = (route: string) => ROUTE_ACCESS.get(route.replace(/:(\w+)/g, '{$1}'));
const keyedRoutes = () =>
  served()
    .map((route) => [route, declared(route)] as [string, RouteAccess])
    .filter(([, access]) => access !== 'public') as [string, { roles: readonly Role[] }][];

async function call(route: string, headers: Record<string, string>) {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:(\w+)/g, '0190a6f0-0000-7000-8000-00000000abcd');
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
  return t.app.request(path, {
    method,
    headers: { ...headers, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
    ...(hasBody ? { body: '{}' } : {}),
  });
}

describe('every route declares who may call it', () => {
  it('has an access declaration, and only the allow-list is public', () => {
    for (const route of served()) expect(declared(route), route).toBeDefined();
    const publicRoutes = served().filter((route) => declared(route) === 'public');
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(keyedRoutes().length).toBeGreaterThan(5);
  });

  it('refuses to declare a route no role may call', () => {
    expect(() =>
      defineRoute({
        method: 'get',
        path: '/v1/nobody',
        operationId: 'nobody',
        tags: ['Test'],
        access: { roles: [] },
        responses: {},
      }),
    ).toThrow(/no role/);
  });
});

describe('authentication and roles on every keyed route', () => {
  const cases: [string, () => Record<string, string>, string][] = [
    ['no key', () => ({}), 'invalid_request'],
    ['a malformed Authorization header', () => ({ Authorization: 'Basic dXNlcjpwYXNz' }), 'invalid_request'],
    ['a token that is not a key', () => ({ Authorization: 'Bearer not-a-key' }), 'invalid_token'],
    ['an unknown key', () => ({ Authorization: `Bearer uwk_${'ab'.repeat(16)}_${'x'.repeat(43)}` }), 'invalid_token'],
    [
      'a known id with a wrong secret',
      () => ({ Authorization: `Bearer ${t.admin.token.slice(0, -4)}abcd` }),
      'invalid_token',
    ],
    ['a revoked key', () => revoked.headers, 'invalid_token'],
    ['an expired key', () => expired.headers, 'invalid_token'],
  ];
  it.each(cases)('answers 401 with WWW-Authenticate for %s', async (_name, headers, error) => {
    for (const [route] of keyedRoutes()) {
      const response = await call(route, headers());
      expect(response.status, route).toBe(401);
      expect(response.headers.get('www-authenticate'), route).toContain(`error="${error}"`);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('answers 403 to every role the route does not admit', async () => {
    for (const [route, access] of keyedRoutes()) {
      for (const role of ['admin', 'underwriter', 'broker', 'applicant'] as const) {
        if (access.roles.includes(role)) continue;
        const response = await call(route, keys[role].headers);
        expect(response.status, `${role} ${route}`).toBe(403);
      }
    }
  });

  it('lets an admitted role through authentication (it then meets validation or the handler, not 401/403)', async () => {
    for (const [route, access] of keyedRoutes()) {
      const response = await call(route, keys[access.roles[0]!].headers);
      expect([401, 403], route).not.toContain(response.status);
    }
  });
});
