import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';

// A cursor is opaque, but a client can still forge one. Forged ones that decode to a well-formed pair used to reach
// SQL and answer 500 (PostgreSQL refuses a non-UUID id, and a year past 9999 is not a timestamp it reads back).
let t: TestApp;
let applicantId: string;
beforeAll(async () => {
  t = await createTestApp();
  const fixture = (await import('../fixtures/applicants/acme-cameras.json')).default as { profile: unknown };
  const created = await t.app.request('/v1/applicants', {
    method: 'POST',
    headers: { ...t.underwriter.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(fixture.profile),
  });
  expect(created.status).toBe(201);
  applicantId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
const FORGED = [
  cursorOf('2026-11-22T00:00:00.000Z|not-a-uuid'),
  cursorOf('2026-11-22T00:00:00.000Z|00000000-0000-4000-8000-000000000000; DROP TABLE quotes'),
  cursorOf('+010000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  cursorOf('99999-01-01|00000000-0000-4000-8000-000000000000'),
  cursorOf('2026-11-22|00000000-0000-4000-8000-000000000000|extra'),
];

describe('forged pagination cursors', () => {
  it('answer 422 naming query.cursor on every list, never 500', async () => {
    const lists = ['/v1/quotes', '/v1/applicants', `/v1/applicants/${applicantId}/assessments`, '/v1/audit-events'];
    for (const list of lists) {
      for (const cursor of FORGED) {
        const headers = list === '/v1/audit-events' ? t.admin.headers : t.underwriter.headers;
        const response = await t.app.request(`${list}?cursor=${cursor}`, { headers });
        expect({ list, cursor, status: response.status }).toEqual({ list, cursor, status: 422 });
        const body = (await response.json()) as { errors: { path: string }[] };
        expect(body.errors.map((error) => error.path)).toContain('query.cursor');
      }
    }
  });

  it('still accept the cursors the API issues', async () => {
    const first = (await (await t.app.request('/v1/audit-events?limit=1', { headers: t.admin.headers })).json()) as {
      nextCursor: string | null;
    };
    expect(first.nextCursor).not.toBeNull();
    const next = await t.app.request(`/v1/audit-events?limit=1&cursor=${first.nextCursor}`, {
      headers: t.admin.headers,
    });
    expect(next.status).toBe(200);
  });
});
