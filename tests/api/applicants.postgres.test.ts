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

  it('a profile edit racing quotes of the same applicant never deadlocks on the audit chain (no 500)', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    const created = await t.app.request('/v1/applicants', postJson(exampleRequest('USD').profile, broker.headers));
    const applicantId = ((await created.json()) as { id: string }).id;
    const assessmentIds: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const assessment = await t.app.request(
        `/v1/applicants/${applicantId}/assessments`,
        postJson(exampleRequest('USD').posture, broker.headers),
      );
      assessmentIds.push(((await assessment.json()) as { id: string }).id);
    }
    // Each new quote supersedes the last one of its assessment, which appends to the chain before the quote's
    // insert checks its foreign key on the applicant row that the edit holds.
    const quote = (assessmentId: string) =>
      t.app.request(
        '/v1/quotes',
        postJson({ assessmentId, options: exampleRequest('USD').options, effectiveDate: '2026-12-01' }, broker.headers),
      );
    await Promise.all(assessmentIds.map(quote));
    const statuses: number[] = [];
    for (let round = 0; round < 40; round += 1) {
      const current = await t.app.request(`/v1/applicants/${applicantId}`, { headers: broker.headers });
      const edit = t.app.request(`/v1/applicants/${applicantId}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', ...broker.headers, 'If-Match': current.headers.get('etag')! },
        body: JSON.stringify({ employeeCount: 100 + round }),
      });
      const responses = await Promise.all([...assessmentIds.map(quote), edit]);
      statuses.push(...responses.map((response) => response.status));
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 200)).toHaveLength(40);
  });
});
