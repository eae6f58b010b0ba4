import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { databaseRefusal } from '../support/database-errors';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
let broker: TestTenant;
let otherBroker: TestTenant;
let applicantId: string;

type Assessment = {
  id: string;
  applicantId: string;
  posture: Record<string, unknown>;
  tier: string;
  decision: string;
  asOf: string;
  model: { id: string; version: string; hash: string };
  premiums: unknown[];
  score: { composite: number };
};

const assess = (id: string, posture: unknown, key: TestTenant, headers: Record<string, string> = {}) =>
  t.app.request(`/v1/applicants/${id}/assessments`, postJson(posture, { ...key.headers, ...headers }));

beforeAll(async () => {
  t = await createTestApp();
  broker = await createTenant(t.database.db, 'broker', 'broker');
  otherBroker = await createTenant(t.database.db, 'broker', 'broker');
  const created = await t.app.request('/v1/applicants', postJson(exampleRequest().profile, broker.headers));
  applicantId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

describe('assessments', () => {
  let first: Assessment;

  it('records a posture and rates it at once with the model in force today', async () => {
    const response = await assess(applicantId, exampleRequest().posture, broker);
    expect(response.status).toBe(201);
    first = (await response.json()) as Assessment;
    expect(response.headers.get('location')).toBe(`/v1/assessments/${first.id}`);
    expect(first).toMatchObject({ applicantId, asOf: '2026-11-22', premiums: [] });
    expect(first.model).toMatchObject({ id: 'iot-cyber', version: '1.0.0' });
    expect(['preferred', 'standard', 'substandard', 'high_risk']).toContain(first.tier);
    expect(first.posture).toMatchObject({ patching: { criticalRemediationDays: 21 } });
  });

  it('rates with the applicant’s profile: the same posture scores as /v1/score does', async () => {
    const request = exampleRequest();
    request.asOf = '2026-11-22';
    const scored = (await (await t.app.request('/v1/score', postJson(request, broker.headers))).json()) as Assessment;
    expect(first.score).toEqual(scored.score);
    expect(first.tier).toBe(scored.tier);
    expect(first.decision).toBe(scored.decision);
  });

  it('keeps history: a change is a new assessment, listed newest first', async () => {
    const posture = exampleRequest().posture as { patching: Record<string, unknown> };
    posture.patching.criticalRemediationDays = 7;
    const second = (await (await assess(applicantId, posture, broker)).json()) as Assessment;
    const listed = (await (
      await t.app.request(`/v1/applicants/${applicantId}/assessments?limit=1`, { headers: broker.headers })
    ).json()) as { items: Assessment[]; nextCursor: string };
    expect(listed.items.map((item) => item.id)).toEqual([second.id]);
    const rest = (await (
      await t.app.request(`/v1/applicants/${applicantId}/assessments?limit=1&cursor=${listed.nextCursor}`, {
        headers: broker.headers,
      })
    ).json()) as { items: Assessment[]; nextCursor: string | null };
    expect(rest.items.map((item) => item.id)).toEqual([first.id]);
    expect(rest.nextCursor).toBeNull();
    const read = await t.app.request(`/v1/assessments/${first.id}`, { headers: broker.headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(first);
  });

  it('refuses a bad posture with the path inside the body, and writes nothing', async () => {
    const before = (await (
      await t.app.request(`/v1/applicants/${applicantId}/assessments`, { headers: broker.headers })
    ).json()) as { items: unknown[] };
    const posture = exampleRequest().posture as { patching: Record<string, unknown> };
    posture.patching.criticalRemediationDays = -3;
    const response = await assess(applicantId, posture, broker);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toContain('patching.criticalRemediationDays');
    const incidentInEuros = exampleRequest().posture as { incidents: { loss: { currency: string } }[] };
    incidentInEuros.incidents[0]!.loss.currency = 'EUR';
    const misfit = await assess(applicantId, incidentInEuros, broker);
    expect(misfit.status).toBe(422);
    expect(((await misfit.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'incidents[0].loss.currency',
    );
    const after = (await (
      await t.app.request(`/v1/applicants/${applicantId}/assessments`, { headers: broker.headers })
    ).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('is tenant-scoped: another broker gets 404 for the applicant and the assessment; admins 403', async () => {
    expect((await assess(applicantId, exampleRequest().posture, otherBroker)).status).toBe(404);
    expect((await t.app.request(`/v1/assessments/${first.id}`, { headers: otherBroker.headers })).status).toBe(404);
    expect(
      (await t.app.request(`/v1/applicants/${applicantId}/assessments`, { headers: otherBroker.headers })).status,
    ).toBe(404);
    expect((await t.app.request(`/v1/assessments/${first.id}`, { headers: t.underwriter.headers })).status).toBe(200);
    expect((await assess(applicantId, exampleRequest().posture, t.admin)).status).toBe(403);
  });

  it('is audited on the owner’s chain', async () => {
    const audit = (await (
      await t.app.request(`/v1/audit-events?entityType=assessment&entityId=${first.id}`, { headers: t.admin.headers })
    ).json()) as { items: { action: string; organizationId: string }[] };
    expect(audit.items).toEqual([
      expect.objectContaining({ action: 'assessment.created', organizationId: broker.organizationId }),
    ]);
  });

  it('cannot be changed or deleted, even behind the API', async () => {
    expect(
      await databaseRefusal(
        t.database.db.execute(sql`update assessments set posture = '{}'::jsonb where id = ${first.id}`),
      ),
    ).toMatch(/immutable/);
    expect(await databaseRefusal(t.database.db.execute(sql`delete from assessments where id = ${first.id}`))).toMatch(
      /immutable/,
    );
  });
});
