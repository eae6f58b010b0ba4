import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

// The carrier's key ids are its own business: a broker reading its client's quote learns that an underwriter
// approved or resolved something, never which of the carrier's keys did it.
let t: TestApp;
let broker: TestTenant;
let quoteId: string;

interface Actor {
  keyId: string | null;
  role: string;
}
interface QuoteView {
  createdBy: Actor;
  history: { action: string; actor: Actor }[];
  subjectivities: { code: string; timing: string; status: string; resolution: { by: Actor } | null }[];
}

async function created(path: string, body: unknown, key: TestTenant): Promise<{ id: string; etag: string }> {
  const response = await t.app.request(path, postJson(body, key.headers));
  expect(response.status).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, etag: response.headers.get('etag')! };
}

beforeAll(async () => {
  t = await createTestApp();
  broker = await createTenant(t.database.db, 'broker', 'broker');
  const applicant = await created('/v1/applicants', exampleRequest().profile, broker);
  const assessment = await created(`/v1/applicants/${applicant.id}/assessments`, exampleRequest().posture, broker);
  const quote = await created(
    '/v1/quotes',
    { assessmentId: assessment.id, options: exampleRequest().options, effectiveDate: '2026-12-01' },
    broker,
  );
  quoteId = quote.id;
  const view = (await (await t.app.request(`/v1/quotes/${quoteId}`, { headers: broker.headers })).json()) as QuoteView;
  const open = view.subjectivities.find((item) => item.status === 'open');
  expect(open).toBeDefined();
  const satisfied = await t.app.request(
    `/v1/quotes/${quoteId}/subjectivities/${encodeURIComponent(open!.code)}/satisfy`,
    postJson({ evidence: 'Patch report dated after the quote' }, { ...t.underwriter.headers, 'If-Match': quote.etag }),
  );
  expect(satisfied.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('who acted on a quote, as each reader sees it', () => {
  it("a broker sees the carrier's actors by role, without their key ids, and its own key as it is", async () => {
    const response = await t.app.request(`/v1/quotes/${quoteId}`, { headers: broker.headers });
    const text = await response.text();
    expect(text).not.toContain(t.underwriter.keyId);
    const quote = JSON.parse(text) as QuoteView;
    expect(quote.createdBy).toEqual({ keyId: broker.keyId, role: 'broker' });
    const resolved = quote.subjectivities.find((item) => item.resolution !== null);
    expect(resolved?.resolution?.by).toEqual({ keyId: null, role: 'underwriter' });
    const satisfaction = quote.history.find((event) => event.action === 'subjectivity_satisfied');
    expect(satisfaction?.actor).toEqual({ keyId: null, role: 'underwriter' });
  });

  it('the carrier sees every key id', async () => {
    const quote = (await (
      await t.app.request(`/v1/quotes/${quoteId}`, { headers: t.underwriter.headers })
    ).json()) as QuoteView;
    expect(quote.createdBy).toEqual({ keyId: broker.keyId, role: 'broker' });
    const satisfaction = quote.history.find((event) => event.action === 'subjectivity_satisfied');
    expect(satisfaction?.actor).toEqual({ keyId: t.underwriter.keyId, role: 'underwriter' });
  });
});
