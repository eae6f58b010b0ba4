import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../src/http/route';
import type { Role } from '../../src/services/context';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

/**
 * Every keyed route that names an object by id, walked with another tenant's objects: a broker or applicant key
 * of another organisation gets 404 (or 403 where its role may never call the route), never the object, and nothing
 * changes. New routes join the walk by being declared.
 */
let t: TestApp;
let owner: TestTenant;
const ids: Record<string, string> = {};
let quoteEtag = '';
let applicantEtag = '';
let subjectivityCode = '';

beforeAll(async () => {
  t = await createTestApp();
  owner = await createTenant(t.database.db, 'broker', 'broker');
  const applicant = await t.app.request('/v1/applicants', postJson(exampleRequest().profile, owner.headers));
  ids.applicants = ((await applicant.json()) as { id: string }).id;
  applicantEtag = applicant.headers.get('etag')!;
  const assessment = await t.app.request(
    `/v1/applicants/${ids.applicants}/assessments`,
    postJson(exampleRequest().posture, owner.headers),
  );
  ids.assessments = ((await assessment.json()) as { id: string }).id;
  const quote = await t.app.request(
    '/v1/quotes',
    postJson(
      { assessmentId: ids.assessments, options: exampleRequest().options, effectiveDate: '2026-12-01' },
      owner.headers,
    ),
  );
  const body = (await quote.json()) as { id: string; subjectivities: { code: string }[] };
  ids.quotes = body.id;
  subjectivityCode = body.subjectivities[0]!.code;
  quoteEtag = quote.headers.get('etag')!;
  ids.organizations = owner.organizationId;
  ids['api-keys'] = owner.keyId;
});
afterAll(async () => {
  await t.close();
});

const BODIES: [RegExp, () => unknown][] = [
  [/\/assessments$/, () => exampleRequest().posture],
  [/\/approve$/, () => ({ reason: 'approve' })],
  [/\/(bind|request-bind)$/, () => ({ optionIndex: 0 })],
  [/\/decline$/, () => ({ reason: 'decline' })],
  [/\/not-taken-up$/, () => ({})],
  [/\/satisfy$/, () => ({ evidence: 'evidence' })],
  [/\/waive$/, () => ({ reason: 'waive' })],
  [/^\/v1\/applicants\/\{id\}$/, () => ({ employeeCount: 5 })],
];

function objectRoutes() {
  return [...ROUTE_ACCESS.entries()].filter(
    ([route, access]) => access !== 'public' && /\{id\}/.test(route) && !route.includes('/rating-models/'),
  ) as [string, { roles: readonly Role[] }][];
}

async function call(route: string, caller: TestTenant) {
  const [method, pattern] = route.split(' ') as [string, string];
  const resource = pattern.split('/')[2]!;
  const path = pattern
    .replace('{id}', ids[resource] ?? 'missing')
    .replace('{code}', encodeURIComponent(subjectivityCode));
  const body = method === 'GET' ? undefined : BODIES.find(([expression]) => expression.test(pattern))?.[1]();
  const etag = resource === 'quotes' ? quoteEtag : applicantEtag;
  return t.app.request(path, {
    method,
    headers: {
      ...caller.headers,
      'If-Match': etag,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('tenant isolation over every object route', () => {
  it('walks the routes it should', () => {
    const routes = objectRoutes().map(([route]) => route);
    for (const expected of [
      'GET /v1/quotes/{id}',
      'POST /v1/quotes/{id}/bind',
      'POST /v1/quotes/{id}/subjectivities/{code}/waive',
      'GET /v1/assessments/{id}',
      'POST /v1/applicants/{id}/assessments',
      'PATCH /v1/applicants/{id}',
    ]) {
      expect(routes).toContain(expected);
    }
  });

  it('answers another broker and another applicant 404 (403 where the role may never), and changes nothing', async () => {
    const callers = [
      await createTenant(t.database.db, 'broker', 'broker'),
      await createTenant(t.database.db, 'applicant', 'applicant'),
    ];
    const before = await (await t.app.request(`/v1/quotes/${ids.quotes}`, { headers: owner.headers })).text();
    for (const caller of callers) {
      const role = caller === callers[0] ? 'broker' : 'applicant';
      for (const [route, access] of objectRoutes()) {
        const response = await call(route, caller);
        const expected = access.roles.includes(role) ? 404 : 403;
        expect(response.status, `${role} ${route}`).toBe(expected);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    const after = await (await t.app.request(`/v1/quotes/${ids.quotes}`, { headers: owner.headers })).text();
    expect(after).toBe(before);
    const applicant = await t.app.request(`/v1/applicants/${ids.applicants}`, { headers: owner.headers });
    expect(applicant.headers.get('etag')).toBe(applicantEtag);
  });

  it('lets the owner through the same walk (it meets the handler, not 404)', async () => {
    const response = await call('GET /v1/quotes/{id}', owner);
    expect(response.status).toBe(200);
  });
});
