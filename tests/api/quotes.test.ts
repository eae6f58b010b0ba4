import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import type { RatingResult } from '../../src/domain/rating-result';
import { createTestApp, type TestApp } from '../support/app';
import { databaseRefusal } from '../support/database-errors';
import { createTenant, GENEROUS_AUTHORITY, type TestTenant } from '../support/identity';
import { exampleRequest, postJson } from '../support/requests';

type Json = Record<string, unknown>;
type Quote = Omit<RatingResult, 'subjectivities'> & {
  id: string;
  status: string;
  applicantId: string;
  assessmentId: string;
  revision: number;
  expiresOn: string;
  ratingDate: string;
  effectiveDate: string;
  supersededBy: string | null;
  requestedOptionIndex: number | null;
  bound: { optionIndex: number; premium: { amount: number; currency: string } } | null;
  schedule: { total: number; reason: string } | null;
  history: { action: string; from: string | null; to: string; reason?: string }[];
  subjectivities: (RatingResult['subjectivities'][number] & {
    dueOn: string | null;
    resolution: { kind: string; note: string } | null;
  })[];
  ratingInput: { profile: Json; posture: Json; options: Json[]; asOf: string; kevCatalog: unknown };
  ratingInputHash: string;
};
type Problem = { status: number; code: string; currentState?: string; reason?: string; errors?: { path: string }[] };

let t: TestApp;
let broker: TestTenant;
let otherBroker: TestTenant;
let selfApplicant: TestTenant;
let smallUnderwriter: TestTenant;
let noWaiver: TestTenant;
let brokerApplicantId: string;

const EFFECTIVE = '2026-12-01';

beforeAll(async () => {
  t = await createTestApp();
  broker = await createTenant(t.database.db, 'broker', 'broker');
  otherBroker = await createTenant(t.database.db, 'broker', 'broker');
  selfApplicant = await createTenant(t.database.db, 'applicant', 'applicant');
  const carrier = { organizationId: t.admin.organizationId };
  smallUnderwriter = await createTenant(t.database.db, 'carrier', 'underwriter', {
    ...carrier,
    authority: { ...GENEROUS_AUTHORITY, maxLimit: { amount: 50_000_000, currency: 'USD' } },
  });
  noWaiver = await createTenant(t.database.db, 'carrier', 'underwriter', {
    ...carrier,
    authority: { ...GENEROUS_AUTHORITY, canWaive: false, canOverrideDecline: false },
  });
  brokerApplicantId = (
    (await (await t.app.request('/v1/applicants', postJson(exampleRequest().profile, broker.headers))).json()) as {
      id: string;
    }
  ).id;
});
afterAll(async () => {
  await t.close();
});

const posture = (change: (posture: Json & { patching: Json; access: Json; incidents: Json[] }) => void = () => {}) => {
  const answers = exampleRequest().posture as Json & { patching: Json; access: Json; incidents: Json[] };
  change(answers);
  return answers;
};

async function assess(answers: Json, key = broker, applicantId = brokerApplicantId): Promise<string> {
  const response = await t.app.request(`/v1/applicants/${applicantId}/assessments`, postJson(answers, key.headers));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const quoteRequest = (assessmentId: string, extra: Json = {}) => ({
  assessmentId,
  options: exampleRequest().options,
  effectiveDate: EFFECTIVE,
  ...extra,
});

async function createQuote(assessmentId: string, key = broker, extra: Json = {}) {
  const response = await t.app.request('/v1/quotes', postJson(quoteRequest(assessmentId, extra), key.headers));
  const text = await response.text();
  return { response, text, quote: JSON.parse(text) as Quote, etag: response.headers.get('etag') ?? '' };
}

/** The keys of a JSON object's text at its top level, in order and with any repeats (which JSON.parse hides). */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectingKey = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    if (char === '"') {
      let end = at + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectingKey) keys.push(JSON.parse(text.slice(at, end + 1)) as string);
      expectingKey = false;
      at = end;
    } else if (char === '{' || char === '[') {
      depth += 1;
      expectingKey = char === '{' && depth === 1;
    } else if (char === '}' || char === ']') depth -= 1;
    else if (char === ',' && depth === 1) expectingKey = true;
  }
  return keys;
}

async function read(id: string, key: TestTenant = t.underwriter) {
  const response = await t.app.request(`/v1/quotes/${id}`, { headers: key.headers });
  return { response, quote: (await response.json()) as Quote, etag: response.headers.get('etag') ?? '' };
}

async function act(path: string, body: Json, key: TestTenant, etag?: string) {
  const response = await t.app.request(
    `/v1/quotes/${path}`,
    postJson(body, { ...key.headers, ...(etag === undefined ? {} : { 'If-Match': etag }) }),
  );
  const json = (await response.json()) as Quote & Problem;
  return { response, status: response.status, body: json, etag: response.headers.get('etag') ?? '' };
}

async function resolveAll(id: string, timing: 'pre_bind' | 'post_bind' = 'pre_bind') {
  let { quote, etag } = await read(id);
  for (const subjectivity of quote.subjectivities.filter((s) => s.timing === timing && s.status === 'open')) {
    const result = await act(
      `${id}/subjectivities/${encodeURIComponent(subjectivity.code)}/satisfy`,
      { evidence: 'Patch report dated after the quote' },
      t.underwriter,
      etag,
    );
    expect(result.status).toBe(200);
    etag = result.etag;
    quote = result.body;
  }
  return { quote, etag };
}

describe('POST /v1/quotes', () => {
  it('a broker quotes its applicant’s assessment: the rating input stored verbatim, the model pinned', async () => {
    const assessmentId = await assess(posture());
    const { response, text, quote, etag } = await createQuote(assessmentId);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    // The answer is spliced from text serialised once: no member may appear twice.
    const keys = topLevelKeys(text);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(Object.keys(quote).length);
    expect(response.headers.get('location')).toBe(`/v1/quotes/${quote.id}`);
    expect(etag).toBe(`"${quote.id}.1"`);
    expect(quote).toMatchObject({
      status: 'quoted',
      assessmentId,
      applicantId: brokerApplicantId,
      ratingDate: '2026-11-22',
      asOf: '2026-11-22',
      effectiveDate: EFFECTIVE,
      expiresOn: '2026-12-22',
      model: { id: 'iot-cyber', version: '1.0.0' },
      decision: 'quote',
    });
    expect(quote.model.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(quote.ratingInput.asOf).toBe('2026-11-22');
    expect(quote.ratingInput.profile).toEqual(exampleRequest().profile);
    expect(quote.ratingInput.options).toEqual(exampleRequest().options);
    expect(quote.premiums).toHaveLength(1);
    const premium = quote.premiums[0]!;
    expect(premium.waterfall.reduce((sum, step) => sum + step.amount, 0)).toBe(premium.premium.amount);
    expect(quote.history).toEqual([expect.objectContaining({ action: 'created', from: null, to: 'quoted' })]);
    expect(quote.subjectivities.every((s) => s.status === 'open' && s.resolution === null)).toBe(true);
    const again = await read(quote.id, broker);
    expect(again.quote).toEqual(quote);
    expect(again.etag).toBe(etag);
  });

  it('prices exactly what /v1/score prices for the same profile, posture, options and date', async () => {
    const assessmentId = await assess(posture());
    const { quote } = await createQuote(assessmentId);
    const request = { ...exampleRequest(), asOf: '2026-11-22' };
    const scored = (await (await t.app.request('/v1/score', postJson(request, broker.headers))).json()) as RatingResult;
    expect(quote.premiums).toEqual(scored.premiums);
    expect(quote.score).toEqual(scored.score);
  });

  it('refers what a referral rule refers, and what lies beyond the creating underwriter’s authority', async () => {
    const manyKev = await assess(
      posture((answers) => {
        answers.patching.openKevCount = 6;
        answers.patching.openKevPastDueCount = 6;
      }),
    );
    const referred = await createQuote(manyKev);
    expect(referred.quote.status).toBe('referred');
    expect(referred.quote.referralReasons.map((reason) => reason.code)).toContain('KEV_PAST_DUE_MANY');

    const plain = await assess(posture());
    const beyond = await createQuote(plain, smallUnderwriter);
    expect(beyond.quote.status).toBe('referred');
    expect(beyond.quote.referralReasons).toEqual([
      expect.objectContaining({ code: 'AUTHORITY_LIMIT', overridable: true }),
    ]);
    expect(beyond.quote.decision).toBe('quote');
  });

  it('declines what a decline rule declines', async () => {
    const mirai = await assess(
      posture((answers) => {
        answers.access.defaultCredentials = 'universal_default';
        answers.access.remoteAdminExposed = true;
      }),
    );
    const { quote } = await createQuote(mirai);
    expect(quote.status).toBe('declined');
    expect(quote.declineReasons.map((reason) => reason.code)).toContain('MIRAI_PATTERN_DEFAULT_PASSWORDS');
  });

  it('supersedes the open quote of the same assessment', async () => {
    const assessmentId = await assess(posture());
    const first = await createQuote(assessmentId);
    const second = await createQuote(assessmentId, broker, {
      options: [{ limit: { amount: 200_000_000, currency: 'USD' }, retention: { amount: 5_000_000, currency: 'USD' } }],
    });
    expect(second.response.status).toBe(201);
    const old = await read(first.quote.id);
    expect(old.quote).toMatchObject({ status: 'superseded', supersededBy: second.quote.id, revision: 2 });
    expect(old.etag).not.toBe(first.etag);
    expect((await act(`${first.quote.id}/request-bind`, { optionIndex: 0 }, broker, old.etag)).body).toMatchObject({
      status: 409,
      currentState: 'superseded',
    });
  });

  it('records a superseded quote’s premiums as priced in its audit event', async () => {
    const assessmentId = await assess(posture());
    const first = await createQuote(assessmentId);
    const second = await createQuote(assessmentId);
    expect(second.response.status).toBe(201);
    const events = (await (
      await t.app.request(`/v1/audit-events?entityId=${first.quote.id}`, { headers: t.underwriter.headers })
    ).json()) as { items: { action: string; before: Json; after: Json }[] };
    const superseded = events.items.find((event) => event.action === 'quote.superseded')!;
    const premiums = first.quote.premiums.map((premium) => premium.premium);
    expect(superseded.before).toMatchObject({ status: 'quoted', premiums });
    expect(superseded.after).toMatchObject({ status: 'superseded', premiums, supersededBy: second.quote.id });
  });

  it('writes nothing when the last of its pipelined writes fails: the open quote stays open', async () => {
    const assessmentId = await assess(posture());
    const first = await createQuote(assessmentId);
    // The audit append goes out after the supersession and the insert: its failure must undo both.
    await t.database.db.execute(
      sql.raw(`
      create function refuse_test_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'quote.created' and new.after->>'assessmentId' = '${assessmentId}' then
          raise exception 'refused by the test';
        end if;
        return new;
      end $$`),
    );
    await t.database.db.execute(
      sql.raw(
        `create trigger refuse_test_audit before insert on audit_events for each row execute function refuse_test_audit();`,
      ),
    );
    try {
      const failed = await createQuote(assessmentId);
      expect(failed.response.status).toBe(500);
    } finally {
      await t.database.db.execute(sql.raw('drop trigger refuse_test_audit on audit_events'));
      await t.database.db.execute(sql.raw('drop function refuse_test_audit()'));
    }
    const stored = await t.database.db.execute(
      sql`select id, status, revision from quotes where assessment_id = ${assessmentId}`,
    );
    expect(rowsOf(stored)).toEqual([{ id: first.quote.id, status: 'quoted', revision: 1 }]);
    expect((await read(first.quote.id)).etag).toBe(first.etag);
    expect((await createQuote(assessmentId)).response.status).toBe(201);
  });

  it('refuses bad input with the field and the reason, and writes nothing', async () => {
    const assessmentId = await assess(posture());
    const cases: [Json, string][] = [
      [quoteRequest(assessmentId, { effectiveDate: '2026-11-01' }), 'effectiveDate'],
      [quoteRequest(assessmentId, { effectiveDate: '2028-01-01' }), 'effectiveDate'],
      [quoteRequest(assessmentId, { effectiveDate: '2026-02-30' }), 'effectiveDate'],
      [quoteRequest(assessmentId, { options: [] }), 'options'],
      [
        quoteRequest(assessmentId, {
          options: [{ limit: { amount: 100, currency: 'GBP' }, retention: { amount: 1, currency: 'GBP' } }],
        }),
        'options[0].limit.currency',
      ],
      [quoteRequest('not-a-uuid'), 'assessmentId'],
      [{ ...quoteRequest(assessmentId), status: 'bound' }, 'status'],
    ];
    for (const [body, path] of cases) {
      const response = await t.app.request('/v1/quotes', postJson(body, broker.headers));
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((error) => error.path)).toContain(path);
    }
    const listed = (await (
      await t.app.request(`/v1/quotes?assessmentId=${assessmentId}`, { headers: broker.headers })
    ).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(0);
  });

  it('answers 404 for an unknown or foreign assessment, 403 to applicants and admins', async () => {
    const assessmentId = await assess(posture());
    expect((await createQuote('0190a6f0-0000-7000-8000-00000000abcd')).response.status).toBe(404);
    expect((await createQuote(assessmentId, otherBroker)).response.status).toBe(404);
    const byApplicant = await createQuote(assessmentId, selfApplicant);
    expect(byApplicant.response.status).toBe(403);
    expect((byApplicant.quote as unknown as Problem).code).toBe('forbidden');
    expect((await createQuote(assessmentId, t.admin)).response.status).toBe(403);
  });
});

describe('reading quotes', () => {
  let ids: string[];
  let selfQuoteId: string;

  beforeAll(async () => {
    const own = (await (
      await t.app.request('/v1/applicants', postJson(exampleRequest().profile, selfApplicant.headers))
    ).json()) as { id: string };
    const selfAssessment = await assess(posture(), selfApplicant, own.id);
    selfQuoteId = (await createQuote(selfAssessment, t.underwriter)).quote.id;
    ids = [];
    for (let index = 0; index < 3; index += 1) ids.push((await createQuote(await assess(posture()))).quote.id);
  });

  it('is tenant-scoped: the owner, the carrier and the applicant itself, and 404 to anyone else', async () => {
    expect((await read(ids[0]!, broker)).response.status).toBe(200);
    expect((await read(ids[0]!, otherBroker)).response.status).toBe(404);
    expect((await read(ids[0]!, selfApplicant)).response.status).toBe(404);
    expect((await read(selfQuoteId, selfApplicant)).response.status).toBe(200);
    expect((await read(selfQuoteId, broker)).response.status).toBe(404);
    expect((await read(ids[0]!, t.admin)).response.status).toBe(403);
    const theirs = (await (await t.app.request('/v1/quotes', { headers: otherBroker.headers })).json()) as {
      items: unknown[];
    };
    expect(theirs.items).toHaveLength(0);
  });

  it('lists newest first with filters and cursor pages, summaries carrying each option’s premium', async () => {
    const list = async (query: string, key = broker) =>
      (await (await t.app.request(`/v1/quotes${query}`, { headers: key.headers })).json()) as {
        items: { id: string; status: string; tier: string; options: { premium: { amount: number } }[] }[];
        nextCursor: string | null;
      };
    const first = await list('?limit=2');
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0]!.options[0]!.premium.amount).toBeGreaterThan(0);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0]!.id).toBe(ids[0]);
    const tier = first.items[0]!.tier;
    expect((await list(`?tier=${tier}&status=quoted`)).items.every((item) => item.tier === tier)).toBe(true);
    expect((await list('?status=declined')).items.every((item) => item.status === 'declined')).toBe(true);
    expect((await list('?createdFrom=2026-11-23')).items).toHaveLength(0);
    expect((await list('?createdFrom=2026-11-22&createdTo=2026-11-22')).items.length).toBeGreaterThanOrEqual(3);
    expect((await list(`?applicantId=${brokerApplicantId}`, t.underwriter)).items.length).toBeGreaterThan(3);
    expect((await t.app.request('/v1/quotes?status=lost', { headers: broker.headers })).status).toBe(422);
    expect((await t.app.request('/v1/quotes?cursor=nonsense', { headers: broker.headers })).status).toBe(422);
  });
});

describe('the quote lifecycle', () => {
  it('needs If-Match: 428 without, 412 when stale, and leaves the quote unchanged', async () => {
    const { quote, etag } = await createQuote(await assess(posture()));
    const missing = await act(`${quote.id}/request-bind`, { optionIndex: 0 }, broker);
    expect(missing.status).toBe(428);
    const stale = await act(`${quote.id}/request-bind`, { optionIndex: 0 }, broker, `"${quote.id}.7"`);
    expect(stale.status).toBe(412);
    expect((await read(quote.id)).etag).toBe(etag);
  });

  it('quoted → bind requested → bound, once every pre-bind subjectivity is resolved', async () => {
    const created = await createQuote(await assess(posture()));
    const id = created.quote.id;
    const wrongOption = await act(`${id}/request-bind`, { optionIndex: 3 }, broker, created.etag);
    expect(wrongOption.status).toBe(422);
    expect(wrongOption.body.errors?.[0]?.path).toBe('optionIndex');
    const requested = await act(`${id}/request-bind`, { optionIndex: 0 }, broker, created.etag);
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({ status: 'bind_requested', requestedOptionIndex: 0, revision: 2 });
    expect(requested.etag).toBe(`"${id}.2"`);

    expect((await act(`${id}/bind`, { optionIndex: 0 }, broker, requested.etag)).status).toBe(403);
    const blocked = await act(`${id}/bind`, { optionIndex: 0 }, t.underwriter, requested.etag);
    expect(blocked.status).toBe(409);
    expect(blocked.body.currentState).toBe('bind_requested');
    expect(JSON.stringify(blocked.body)).toContain('KEV_REMEDIATE_UNLISTED');

    const { quote: resolved, etag } = await resolveAll(id);
    const satisfied = resolved.subjectivities.find((s) => s.code === 'KEV_REMEDIATE_UNLISTED')!;
    expect(satisfied).toMatchObject({ status: 'satisfied', resolution: { kind: 'satisfied' } });
    const bound = await act(`${id}/bind`, { optionIndex: 0 }, t.underwriter, etag);
    expect(bound.status).toBe(200);
    expect(bound.body.status).toBe('bound');
    expect(bound.body.bound).toMatchObject({ optionIndex: 0, premium: resolved.premiums[0]!.premium });
    for (const subjectivity of bound.body.subjectivities.filter((s) => s.timing === 'post_bind' && s.dueDays)) {
      expect(subjectivity.dueOn).toMatch(/^2026-/);
    }
    expect(bound.body.history.map((event) => event.action)).toEqual([
      'created',
      'bind_requested',
      'subjectivity_satisfied',
      'bound',
    ]);
    const again = await act(`${id}/bind`, { optionIndex: 0 }, t.underwriter, bound.etag);
    expect(again.body).toMatchObject({ status: 409, currentState: 'bound' });
    const events = (await (
      await t.app.request(`/v1/audit-events?entityType=quote&entityId=${id}`, { headers: t.admin.headers })
    ).json()) as { items: { action: string; organizationId: string }[] };
    expect(events.items.map((event) => event.action).reverse()).toEqual([
      'quote.created',
      'quote.bind_requested',
      'quote.subjectivity_satisfied',
      'quote.bound',
    ]);
    expect(events.items.every((event) => event.organizationId === broker.organizationId)).toBe(true);
  });

  it('binds only within the binding underwriter’s authority, and only the option the broker asked for', async () => {
    const created = await createQuote(await assess(posture()), broker, {
      options: [
        { limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } },
        { limit: { amount: 20_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } },
      ],
    });
    const { etag } = await resolveAll(created.quote.id);
    const tooLarge = await act(`${created.quote.id}/bind`, { optionIndex: 0 }, smallUnderwriter, etag);
    expect(tooLarge.status).toBe(403);
    expect(tooLarge.body.reason).toBe('authority_exceeded');
    const requested = await act(`${created.quote.id}/request-bind`, { optionIndex: 1 }, broker, etag);
    const other = await act(`${created.quote.id}/bind`, { optionIndex: 0 }, t.underwriter, requested.etag);
    expect(other.status).toBe(422);
    const within = await act(`${created.quote.id}/bind`, { optionIndex: 1 }, smallUnderwriter, requested.etag);
    expect(within.status).toBe(200);
    expect(within.body.bound?.optionIndex).toBe(1);
  });

  it('waives only with authority and a reason; a resolved subjectivity is not resolved twice', async () => {
    const created = await createQuote(await assess(posture()));
    const code = 'KEV_REMEDIATE_UNLISTED';
    const path = `${created.quote.id}/subjectivities/${code}`;
    expect((await act(`${path}/waive`, { reason: 'Compensating control' }, noWaiver, created.etag)).body).toMatchObject(
      {
        status: 403,
        reason: 'authority_exceeded',
      },
    );
    expect((await act(`${path}/waive`, { reason: '' }, t.underwriter, created.etag)).status).toBe(422);
    expect((await act(`${path}/waive`, {}, t.underwriter, created.etag)).status).toBe(422);
    expect(
      (await act(`${created.quote.id}/subjectivities/NO_SUCH/waive`, { reason: 'x' }, t.underwriter, created.etag))
        .status,
    ).toBe(404);
    const waived = await act(`${path}/waive`, { reason: 'Compensating control in place' }, t.underwriter, created.etag);
    expect(waived.status).toBe(200);
    expect(waived.body.subjectivities.find((s) => s.code === code)).toMatchObject({
      status: 'waived',
      resolution: { kind: 'waived', note: 'Compensating control in place' },
    });
    const twice = await act(`${path}/satisfy`, { evidence: 'report' }, t.underwriter, waived.etag);
    expect(twice.body).toMatchObject({ status: 409, currentState: 'waived' });
    expect((await act(`${path}/satisfy`, { evidence: 'report' }, broker, waived.etag)).status).toBe(403);
  });

  it('approves a referred quote with a capped schedule adjustment, re-priced as its own waterfall step', async () => {
    const created = await createQuote(
      await assess(
        posture((answers) => {
          answers.patching.openKevCount = 6;
          answers.patching.openKevPastDueCount = 6;
        }),
      ),
    );
    const id = created.quote.id;
    expect(created.quote.status).toBe('referred');
    const before = created.quote.premiums[0]!;
    const approve = (body: Json, key = t.underwriter, etag = created.etag) => act(`${id}/approve`, body, key, etag);
    expect((await approve({})).status).toBe(422);
    const beyondItem = await approve({
      reason: 'Strong engagement',
      scheduleAdjustment: { items: [{ id: 'management_responsiveness', adjustment: -0.2 }] },
    });
    expect(beyondItem.status).toBe(422);
    expect(beyondItem.body.errors?.[0]?.path).toBe('scheduleAdjustment.items[0].adjustment');
    const unknownItem = await approve({
      reason: 'x',
      scheduleAdjustment: { items: [{ id: 'gut_feeling', adjustment: -0.05 }] },
    });
    expect(unknownItem.body.errors?.[0]?.path).toBe('scheduleAdjustment.items[0].id');
    expect((await approve({ reason: 'x' }, broker)).status).toBe(403);

    const approved = await approve({
      reason: 'MDR contract evidenced',
      scheduleAdjustment: {
        items: [
          { id: 'controls_beyond_questionnaire', adjustment: -0.1 },
          { id: 'management_responsiveness', adjustment: -0.05 },
        ],
      },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'quoted',
      schedule: { total: -0.15, reason: 'MDR contract evidenced' },
    });
    const after = approved.body.premiums[0]!;
    const step = after.waterfall.find((s) => s.step === 'schedule_adjustment')!;
    expect(step).toMatchObject({ factor: 0.85, title: expect.stringContaining('MDR contract evidenced') });
    expect(after.waterfall.reduce((sum, s) => sum + s.amount, 0)).toBe(after.premium.amount);
    expect(after.premium.amount).toBeLessThan(before.premium.amount);
    const summary = (await (
      await t.app.request(`/v1/quotes?assessmentId=${created.quote.assessmentId}`, { headers: broker.headers })
    ).json()) as { items: { options: { premium: { amount: number } }[] }[] };
    expect(summary.items[0]!.options[0]!.premium.amount).toBe(after.premium.amount);
    expect(approved.body.history.at(-1)).toMatchObject({ action: 'approved', from: 'referred', to: 'quoted' });
    const replay = (await (
      await t.app.request(`/v1/quotes/${id}/replay`, { headers: t.underwriter.headers })
    ).json()) as { identical: boolean };
    expect(replay.identical).toBe(true);
    expect((await approve({ reason: 'again' }, t.underwriter, approved.etag)).body.currentState).toBe('quoted');
  });

  it('approval needs authority over every option as priced', async () => {
    const beyond = await createQuote(await assess(posture()), smallUnderwriter);
    expect(beyond.quote.status).toBe('referred');
    const refused = await act(`${beyond.quote.id}/approve`, { reason: 'mine' }, smallUnderwriter, beyond.etag);
    expect(refused.body).toMatchObject({ status: 403, reason: 'authority_exceeded' });
    const approved = await act(`${beyond.quote.id}/approve`, { reason: 'within mine' }, t.underwriter, beyond.etag);
    expect(approved.body.status).toBe('quoted');
  });

  it('overrides an overridable rule decline only with authority; never a fixed one or an underwriter’s own', async () => {
    const botnet = await createQuote(
      await assess(
        posture((answers) => {
          answers.incidents = [
            {
              occurredOn: '2025-06-01',
              kind: 'botnet_participation',
              status: 'closed',
              recordsAffected: 0,
              loss: { amount: 0, currency: 'USD' },
              rootCauseRemediated: true,
            },
          ];
        }),
      ),
    );
    expect(botnet.quote.status).toBe('declined');
    expect(botnet.quote.declineReasons.every((reason) => reason.overridable)).toBe(true);
    const withoutAuthority = await act(`${botnet.quote.id}/approve`, { reason: 'cleaned up' }, noWaiver, botnet.etag);
    expect(withoutAuthority.body).toMatchObject({ status: 403, reason: 'authority_exceeded' });
    const overridden = await act(`${botnet.quote.id}/approve`, { reason: 'cleaned up' }, t.underwriter, botnet.etag);
    expect(overridden.body.status).toBe('quoted');

    const mirai = await createQuote(
      await assess(
        posture((answers) => {
          answers.access.defaultCredentials = 'universal_default';
          answers.access.remoteAdminExposed = true;
        }),
      ),
    );
    const fixed = await act(`${mirai.quote.id}/approve`, { reason: 'no' }, t.underwriter, mirai.etag);
    expect(fixed.body).toMatchObject({ status: 409, currentState: 'declined' });

    const plain = await createQuote(await assess(posture()));
    const declined = await act(`${plain.quote.id}/decline`, { reason: 'Outside appetite' }, t.underwriter, plain.etag);
    expect(declined.body).toMatchObject({ status: 'declined' });
    expect(declined.body.history.at(-1)).toMatchObject({ action: 'declined', reason: 'Outside appetite' });
    const reopen = await act(`${plain.quote.id}/approve`, { reason: 'changed my mind' }, t.underwriter, declined.etag);
    expect(reopen.body).toMatchObject({ status: 409, currentState: 'declined' });
    expect((await act(`${plain.quote.id}/decline`, {}, t.underwriter, declined.etag)).status).toBe(422);
  });

  it('records not taken up, by the broker, on an offer', async () => {
    const created = await createQuote(await assess(posture()));
    const taken = await act(`${created.quote.id}/not-taken-up`, { reason: 'Went elsewhere' }, broker, created.etag);
    expect(taken.body).toMatchObject({ status: 'not_taken_up' });
    expect((await act(`${created.quote.id}/not-taken-up`, {}, broker, taken.etag)).body.currentState).toBe(
      'not_taken_up',
    );
    const foreign = await createQuote(await assess(posture()));
    expect((await act(`${foreign.quote.id}/not-taken-up`, {}, otherBroker, foreign.etag)).status).toBe(404);
    expect((await act(`${foreign.quote.id}/decline`, { reason: 'x' }, otherBroker, foreign.etag)).status).toBe(403);
  });

  it('expires on read after the model’s validity period; an expired quote cannot be bound', async () => {
    const created = await createQuote(await assess(posture()));
    const later = await createTestApp({}, t.database, { today: '2026-12-23' });
    const readLater = await later.app.request(`/v1/quotes/${created.quote.id}`, { headers: later.underwriter.headers });
    const quote = (await readLater.json()) as Quote;
    expect(quote.status).toBe('expired');
    expect(readLater.headers.get('etag')).toBe(created.etag);
    const bind = await later.app.request(
      `/v1/quotes/${created.quote.id}/bind`,
      postJson({ optionIndex: 0 }, { ...later.underwriter.headers, 'If-Match': created.etag }),
    );
    expect(bind.status).toBe(409);
    expect(((await bind.json()) as Problem).currentState).toBe('expired');
    const expired = (await (
      await later.app.request(`/v1/quotes?status=expired&assessmentId=${created.quote.assessmentId}`, {
        headers: later.underwriter.headers,
      })
    ).json()) as { items: { id: string }[] };
    expect(expired.items.map((item) => item.id)).toEqual([created.quote.id]);
    expect((await read(created.quote.id)).quote.status).toBe('quoted');
  });
});

describe('rating basis is fixed in the database', () => {
  it('refuses to change a quote’s rating input or pinned model, or to delete a quote', async () => {
    const { quote } = await createQuote(await assess(posture()));
    const refusal = (statement: ReturnType<typeof sql>) => databaseRefusal(t.database.db.execute(statement));
    expect(await refusal(sql`update quotes set rating_input = '{}' where id = ${quote.id}`)).toMatch(/cannot change/);
    expect(await refusal(sql`update quotes set model_version = '9.9.9' where id = ${quote.id}`)).toMatch(
      /cannot change/,
    );
    expect(await refusal(sql`delete from quotes where id = ${quote.id}`)).toMatch(/never deleted/);
  });
});
