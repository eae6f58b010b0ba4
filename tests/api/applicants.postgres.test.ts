import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('applicant self-registration under concurrency (PostgreSQL)', () => {
  it('20 concurrent registrations by one applicant organisation create exactly one record; the rest get 409', async () => {
    const applicant = await createTenant(t.database.db, 'applicant', 'applicant');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.request('/v1/applicants', postJson(exampleRequest('USD').profile, applicant.headers)),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const listed = (await (await t.app.request('/v1/applicants', { headers: applicant.headers })).json()) as {
      items: unknown[];
    };
    expect(listed.items).toHaveLength(1);
  });
});
