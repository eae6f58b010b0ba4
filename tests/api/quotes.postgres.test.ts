import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface QuoteBody {
  id: string;
  status: string;
  history: { action: string }[];
  subjectivities: { code: string; timing: string; status: string }[];
}

const quoteBody = (assessmentId: string) => ({
  assessmentId,
  options: exampleRequest().options,
  effectiveDate: '2026-12-01',
});

async function created(path: string, body: unknown, key: TestTenant): Promise<string> {
  const response = await t.app.request(path, postJson(body, key.headers));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function assessmentOf(broker: TestTenant): Promise<string> {
  const applicantId = await created('/v1/applicants', exampleRequest().profile, broker);
  return created(`/v1/applicants/${applicantId}/assessments`, exampleRequest().posture, broker);
}

const concurrently = <T>(count: number, request: (index: number) => T | Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, index) => request(index)));

describe('quotes under concurrency (PostgreSQL)', () => {
  it('20 binds racing on one quote: exactly one wins, the rest meet a stale ETag', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    const response = await t.app.request('/v1/quotes', postJson(quoteBody(await assessmentOf(broker)), broker.headers));
    expect(response.status).toBe(201);
    const quote = (await response.json()) as QuoteBody;
    expect(quote.status).toBe('quoted');
    let etag = response.headers.get('etag')!;
    const open = quote.subjectivities.filter((item) => item.timing === 'pre_bind' && item.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const { code } of open) {
      const waived = await t.app.request(
        `/v1/quotes/${quote.id}/subjectivities/${encodeURIComponent(code)}/waive`,
        postJson({ reason: 'Remediation evidenced by the broker' }, { ...t.underwriter.headers, 'If-Match': etag }),
      );
      expect(waived.status).toBe(200);
      etag = waived.headers.get('etag')!;
    }

    const binds = await concurrently(20, () =>
      t.app.request(
        `/v1/quotes/${quote.id}/bind`,
        postJson({ optionIndex: 0 }, { ...t.underwriter.headers, 'If-Match': etag }),
      ),
    );
    const statuses = binds.map((bind) => bind.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const loser of binds.filter((bind) => bind.status !== 200)) {
      expect([409, 412]).toContain(loser.status);
      expect(loser.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(statuses.filter((status) => status === 412)).toHaveLength(19);

    const bound = (await (
      await t.app.request(`/v1/quotes/${quote.id}`, { headers: broker.headers })
    ).json()) as QuoteBody;
    expect(bound.status).toBe('bound');
    expect(bound.history.filter((event) => event.action === 'bound')).toHaveLength(1);
    const audit = (await (
      await t.app.request(`/v1/audit-events?entityType=quote&entityId=${quote.id}&limit=200`, {
        headers: t.admin.headers,
      })
    ).json()) as { items: { action: string }[] };
    expect(audit.items.filter((event) => event.action === 'quote.bound')).toHaveLength(1);
  });

  it('20 concurrent identical retries of a create make one quote, and one applicant', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    const assessmentId = await assessmentOf(broker);
    const retries = await concurrently(20, () =>
      t.app.request(
        '/v1/quotes',
        postJson(quoteBody(assessmentId), { ...broker.headers, 'Idempotency-Key': 'quote-1' }),
      ),
    );
    expect(retries.map((retry) => retry.status)).toEqual(Array(20).fill(201));
    const texts = await Promise.all(retries.map((retry) => retry.text()));
    expect(new Set(texts).size).toBe(1);
    const replayed = retries.filter((retry) => retry.headers.get('idempotent-replayed') === 'true');
    expect(replayed.length).toBeGreaterThanOrEqual(19);
    const listed = (await (
      await t.app.request(`/v1/quotes?assessmentId=${assessmentId}`, { headers: broker.headers })
    ).json()) as { items: { id: string }[] };
    expect(listed.items.map((item) => item.id)).toEqual([(JSON.parse(texts[0]!) as { id: string }).id]);

    const profile = { ...exampleRequest().profile, legalName: 'Retried Registration Ltd' };
    const registrations = await concurrently(20, () =>
      t.app.request('/v1/applicants', postJson(profile, { ...broker.headers, 'Idempotency-Key': 'applicant-1' })),
    );
    expect(registrations.map((registration) => registration.status)).toEqual(Array(20).fill(201));
    const ids = await Promise.all(
      registrations.map(async (registration) => ((await registration.json()) as QuoteBody).id),
    );
    expect(new Set(ids).size).toBe(1);
    const applicants = (await (
      await t.app.request('/v1/applicants?name=Retried%20Registration&limit=200', { headers: broker.headers })
    ).json()) as { items: unknown[] };
    expect(applicants.items).toHaveLength(1);
  });

  it('20 concurrent quotes of one assessment: each supersedes the one before, leaving one open', async () => {
    const broker = await createTenant(t.database.db, 'broker', 'broker');
    const assessmentId = await assessmentOf(broker);
    const responses = await concurrently(20, () =>
      t.app.request('/v1/quotes', postJson(quoteBody(assessmentId), broker.headers)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const listed = (await (
      await t.app.request(`/v1/quotes?assessmentId=${assessmentId}&limit=100`, { headers: broker.headers })
    ).json()) as { items: { id: string }[] };
    expect(listed.items).toHaveLength(20);
    const quotes = await Promise.all(
      listed.items.map(
        async ({ id }) =>
          (await (await t.app.request(`/v1/quotes/${id}`, { headers: broker.headers })).json()) as {
            id: string;
            status: string;
            supersededBy: string | null;
          },
      ),
    );
    const open = quotes.filter((quote) => quote.status !== 'superseded');
    expect(open).toHaveLength(1);
    // One line of succession: every other quote superseded by a distinct one, and nothing supersedes the open one.
    const successors = quotes.flatMap((quote) => (quote.supersededBy ? [quote.supersededBy] : []));
    expect(successors).toHaveLength(19);
    expect(new Set(successors).size).toBe(19);
    const superseded = new Set(quotes.filter((quote) => quote.status === 'superseded').map((quote) => quote.id));
    expect(successors.filter((id) => !superseded.has(id))).toEqual([open[0]!.id]);
  });

  it('concurrent writes by several brokers keep every organisation’s audit chain valid', async () => {
    // Set up one at a time, so the only race is the writes below.
    const firms: { keys: TestTenant[]; applicantId: string; assessmentId: string }[] = [];
    for (let index = 0; index < 4; index += 1) {
      const broker = await createTenant(t.database.db, 'broker', 'broker');
      // A colleague, so the same organisation's chain is written from two keys at once.
      const colleague = await createTenant(t.database.db, 'broker', 'broker', {
        organizationId: broker.organizationId,
      });
      const applicantId = await created('/v1/applicants', exampleRequest().profile, broker);
      const assessmentId = await created(`/v1/applicants/${applicantId}/assessments`, exampleRequest().posture, broker);
      firms.push({ keys: [broker, colleague], applicantId, assessmentId });
    }
    const writes = firms.flatMap(({ keys, applicantId, assessmentId }, index) =>
      Array.from({ length: 10 }, (_, n) => {
        const key = keys[n % 2]!;
        if (n % 3 === 0) {
          const profile = { ...exampleRequest().profile, legalName: `Concurrent ${index}-${n} Ltd` };
          return t.app.request('/v1/applicants', postJson(profile, key.headers));
        }
        if (n % 3 === 1) {
          return t.app.request(
            `/v1/applicants/${applicantId}/assessments`,
            postJson(exampleRequest().posture, key.headers),
          );
        }
        return t.app.request('/v1/quotes', postJson(quoteBody(assessmentId), key.headers));
      }),
    );
    const responses = await Promise.all(writes);
    expect(responses.map((response) => response.status)).toEqual(Array(writes.length).fill(201));

    const verify = await t.app.request('/v1/audit-events/verify', { headers: t.admin.headers });
    expect(verify.status).toBe(200);
    const verification = (await verify.json()) as { valid: boolean; checked: number; firstBrokenEventId?: string };
    expect(verification.valid).toBe(true);
    expect(verification.firstBrokenEventId).toBeUndefined();
    expect(verification.checked).toBeGreaterThanOrEqual(writes.length + 2 * firms.length);
  });
});
