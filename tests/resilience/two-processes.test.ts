/**
 * Two server processes on one database (issue 8): both started at once on a fresh, empty PostgreSQL database (each
 * migrates under the advisory lock, seeds the models and bootstraps the same BOOTSTRAP_ADMIN_KEY), then racing each
 * other: binds of one quote with one ETag, the same Idempotency-Key sent to both, and a model version published
 * through one process, which the other must list and rate with at once (DESIGN.md section 6: nothing relies on
 * process memory for correctness).
 */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServerProcess, waitUntilReady } from '../support/app-process';
import { exampleRequest } from '../support/requests';
import {
  type Answer,
  call,
  createAssessments,
  createBroker,
  createUnderwriter,
  expectStatus,
  type Key,
  listAll,
  quoteBody,
  spawnedWorld,
} from './support/spawned-api';

const BINDS = 20;
const IDEMPOTENCY_KEYS = 10;
/** Sends of each key, alternating between the two processes. */
const SENDS_PER_KEY = 6;

interface QuoteView {
  id: string;
  status: string;
  history: { action: string }[];
  subjectivities: { code: string; timing: string; status: string }[];
  model: { id: string; version: string; hash: string };
}

interface Rating {
  model: { id: string; version: string; hash: string };
  tier: string;
  premiums: { waterfall: { step: string; factor: number | null }[] }[];
}

let world: Awaited<ReturnType<typeof spawnedWorld>>;
let a: AppServerProcess;
let b: AppServerProcess;
let broker: Key;
let underwriter: Key;
const figures: Record<string, string> = {};

beforeAll(async () => {
  world = await spawnedWorld();
  // Spawned back to back, so their start-ups (migrations, model seeding, bootstrap) overlap.
  const spawned = performance.now();
  a = await world.spawn();
  b = await world.spawn();
  const [readyA, readyB] = await Promise.allSettled([waitUntilReady(a), waitUntilReady(b)]);
  for (const [index, ready] of [readyA, readyB].entries()) {
    if (ready.status === 'fulfilled') figures[`ready${'AB'[index]}Ms`] = String(Math.round(ready.value - spawned));
  }
  const failed = [readyA, readyB].flatMap((ready, index) =>
    ready.status === 'rejected' ? [`server ${'AB'[index]}: ${String(ready.reason)}`] : [],
  );
  if (failed.length > 0) throw new Error(`both processes must become ready: ${failed.join('; ')}`);
  broker = await createBroker(a.origin, world.admin, 'Two Process Brokers');
  underwriter = await createUnderwriter(b.origin, world.admin);
});
afterAll(async () => {
  console.log(
    `resilience two processes: ${Object.entries(figures)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}`,
  );
  await world?.close();
});

const servers = () => [a, b] as const;
const name = (server: AppServerProcess) => (server === a ? 'A' : 'B');

describe('two processes on one database', () => {
  it('both migrate, seed and bootstrap one empty database at once: one schema, one carrier, one admin key', async () => {
    const journal = JSON.parse(readFileSync(new URL('../../migrations/meta/_journal.json', import.meta.url), 'utf8'));
    const sql = postgres(world.databaseUrl, { max: 1, onnotice: () => {} });
    let applied: number;
    try {
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations`;
      applied = row!.count;
    } finally {
      await sql.end();
    }
    expect(applied).toBe((journal.entries as unknown[]).length);

    for (const server of servers()) {
      const { items: keys } = await expectStatus<{ items: { id: string; role: string; revokedAt: string | null }[] }>(
        call(server.origin, world.admin, 'GET', '/v1/api-keys'),
        200,
        `GET /v1/api-keys on ${name(server)}`,
      );
      expect(keys.filter((key) => key.role === 'admin')).toHaveLength(1);
      const { items: organizations } = await expectStatus<{ items: { kind: string }[] }>(
        call(server.origin, world.admin, 'GET', '/v1/organizations'),
        200,
        `GET /v1/organizations on ${name(server)}`,
      );
      expect(organizations.filter((organization) => organization.kind === 'carrier')).toHaveLength(1);
      const { items: models } = await expectStatus<{ items: { id: string; version: string }[] }>(
        call(server.origin, world.admin, 'GET', '/v1/rating-models'),
        200,
        `GET /v1/rating-models on ${name(server)}`,
      );
      expect(models.map((model) => `${model.id}@${model.version}`)).toEqual(['iot-cyber@1.0.0']);
    }
    const keyEvents = await listAll<{ action: string }>(a.origin, world.admin, '/v1/audit-events?entityType=api_key');
    // The admin key, then the broker's and the underwriter's made in beforeAll.
    expect(keyEvents.filter((event) => event.action === 'api_key.created')).toHaveLength(3);
    figures.bothReady = 'true';
    figures.migrationsApplied = String(applied);
    figures.adminKeys = '1';
  });

  it(`${BINDS} binds of one quote with one ETag, split across both: exactly one wins`, async () => {
    const [assessmentId] = await createAssessments(a.origin, broker, 1);
    const created = await call(a.origin, broker, 'POST', '/v1/quotes', { body: quoteBody(assessmentId!) });
    expect(created.status).toBe(201);
    const quote = JSON.parse(created.text) as QuoteView;
    expect(quote.status).toBe('quoted');
    let etag = created.headers.get('etag')!;
    const open = quote.subjectivities.filter((item) => item.timing === 'pre_bind' && item.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const [index, { code }] of open.entries()) {
      const server = servers()[index % 2]!;
      const waived = await call(
        server.origin,
        underwriter,
        'POST',
        `/v1/quotes/${quote.id}/subjectivities/${encodeURIComponent(code)}/waive`,
        { body: { reason: 'Remediation evidenced by the broker' }, headers: { 'If-Match': etag } },
      );
      expect(waived.status, waived.text).toBe(200);
      etag = waived.headers.get('etag')!;
    }

    const binds = await Promise.all(
      Array.from({ length: BINDS }, (_, index) =>
        call(servers()[index % 2]!.origin, underwriter, 'POST', `/v1/quotes/${quote.id}/bind`, {
          body: { optionIndex: 0 },
          headers: { 'If-Match': etag },
        }),
      ),
    );
    const statuses = binds.map((bind) => bind.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const loser of binds.filter((bind) => bind.status !== 200)) {
      expect([409, 412]).toContain(loser.status);
      expect(loser.headers.get('content-type')).toContain('application/problem+json');
    }

    const bound = await expectStatus<QuoteView>(
      call(b.origin, broker, 'GET', `/v1/quotes/${quote.id}`),
      200,
      'GET /v1/quotes/{id} on B',
    );
    expect(bound.status).toBe('bound');
    expect(bound.history.filter((event) => event.action === 'bound')).toHaveLength(1);
    const events = await listAll<{ action: string }>(
      a.origin,
      world.admin,
      `/v1/audit-events?entityType=quote&entityId=${quote.id}`,
    );
    expect(events.filter((event) => event.action === 'quote.bound')).toHaveLength(1);
    const winner = statuses.indexOf(200);
    figures.bindRace = `${BINDS}:200x1(on ${winner % 2 === 0 ? 'A' : 'B'}),412x${statuses.filter((s) => s === 412).length},409x${statuses.filter((s) => s === 409).length}`;
  });

  it(`the same Idempotency-Key and body sent to both at once makes one quote (${IDEMPOTENCY_KEYS} keys)`, async () => {
    const assessments = await createAssessments(b.origin, broker, IDEMPOTENCY_KEYS);
    const run = `two-${Date.now().toString(36)}`;
    const send = (key: number, server: AppServerProcess): Promise<Answer> =>
      call(server.origin, broker, 'POST', '/v1/quotes', {
        body: quoteBody(assessments[key]!),
        headers: { 'Idempotency-Key': `${run}-${key}` },
      });
    const sends = await Promise.all(
      Array.from({ length: IDEMPOTENCY_KEYS * SENDS_PER_KEY }, (_, n) =>
        send(n % IDEMPOTENCY_KEYS, servers()[Math.floor(n / IDEMPOTENCY_KEYS) % 2]!),
      ),
    );
    const byKey = Array.from({ length: IDEMPOTENCY_KEYS }, (_, key) =>
      sends.filter((_answer, n) => n % IDEMPOTENCY_KEYS === key),
    );
    // A concurrent duplicate waits for the first to commit and replays its answer (src/http/middleware/idempotency.ts).
    for (const answers of byKey) {
      expect(answers.map((answer) => answer.status)).toEqual(Array(SENDS_PER_KEY).fill(201));
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
      expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    }

    // Retried once settled, on each process: the same answer.
    for (const [key, answers] of byKey.entries()) {
      const id = (JSON.parse(answers[0]!.text) as QuoteView).id;
      for (const server of servers()) {
        const retry = await send(key, server);
        expect(retry.status).toBe(201);
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
        expect(retry.text).toBe(answers[0]!.text);
      }
      const listed = await listAll<{ id: string }>(b.origin, broker, `/v1/quotes?assessmentId=${assessments[key]}`);
      expect(listed.map((quote) => quote.id)).toEqual([id]);
    }
    figures.idempotency = `${IDEMPOTENCY_KEYS}keys x ${SENDS_PER_KEY}sends(A+B) -> ${IDEMPOTENCY_KEYS}quotes, all 201, replays ${sends.filter((s) => s.headers.get('idempotent-replayed') === 'true').length}`;
  });

  it('a model version published through A is listed and rated with by B at once', async () => {
    const request = exampleRequest();
    const tierStep = (rating: Rating) => rating.premiums[0]!.waterfall.find((step) => step.step === 'tier')?.factor;
    // B rates with the shipped version first, so anything it might keep of the registry is warm.
    const before = await expectStatus<Rating>(
      call(b.origin, broker, 'POST', '/v1/score', { body: request }),
      200,
      'POST /v1/score on B before',
    );
    expect(before.model.version).toBe('1.0.0');
    await expectStatus(call(b.origin, broker, 'GET', '/v1/rating-models'), 200, 'GET /v1/rating-models on B before');

    const next = JSON.parse(readFileSync(new URL('../../models/iot-cyber-1.0.0.json', import.meta.url), 'utf8'));
    next.version = '1.1.0';
    next.effectiveFrom = '2026-06-01';
    const oldFactor = next.pricing.tierFactors[before.tier] as number;
    next.pricing.tierFactors[before.tier] = Math.round(oldFactor * 1.5 * 100) / 100;
    const published = await expectStatus<{ id: string; version: string; hash: string }>(
      call(a.origin, world.admin, 'POST', '/v1/rating-models', { body: next }),
      201,
      'POST /v1/rating-models on A',
    );

    const { items } = await expectStatus<{ items: { id: string; version: string; hash: string }[] }>(
      call(b.origin, broker, 'GET', '/v1/rating-models'),
      200,
      'GET /v1/rating-models on B',
    );
    const listedOnB = items.some((model) => model.id === 'iot-cyber' && model.version === '1.1.0');
    const pinnedOnB = await call(b.origin, broker, 'POST', '/v1/score?model=iot-cyber&modelVersion=1.1.0', {
      body: request,
    });
    const inForceOnB = await call(b.origin, broker, 'POST', '/v1/score', { body: request });
    const quotedOnB = await call(b.origin, broker, 'POST', '/v1/quotes', {
      body: quoteBody((await createAssessments(b.origin, broker, 1))[0]!),
    });
    const versionOf = (answer: Answer) =>
      answer.status === 200 || answer.status === 201
        ? (JSON.parse(answer.text) as Rating).model.version
        : String(answer.status);
    figures.model = `iot-cyber@1.1.0 published on A; on B: listed=${listedOnB} pinnedScore=${versionOf(pinnedOnB)} inForceScore=${versionOf(inForceOnB)} quote=${versionOf(quotedOnB)}`;

    expect(items).toContainEqual(expect.objectContaining({ id: 'iot-cyber', version: '1.1.0', hash: published.hash }));
    const version = await expectStatus<{ hash: string }>(
      call(b.origin, broker, 'GET', '/v1/rating-models/iot-cyber/versions/1.1.0'),
      200,
      'GET /v1/rating-models/iot-cyber/versions/1.1.0 on B',
    );
    expect(version.hash).toBe(published.hash);
    expect(pinnedOnB.status, pinnedOnB.text.slice(0, 500)).toBe(200);
    const pinned = JSON.parse(pinnedOnB.text) as Rating;
    expect(pinned.model).toEqual({ id: 'iot-cyber', version: '1.1.0', hash: published.hash });
    expect([tierStep(before), tierStep(pinned)]).toEqual([oldFactor, next.pricing.tierFactors[before.tier]]);
    expect(inForceOnB.status, inForceOnB.text.slice(0, 500)).toBe(200);
    expect((JSON.parse(inForceOnB.text) as Rating).model).toEqual(pinned.model);
    expect(quotedOnB.status, quotedOnB.text.slice(0, 500)).toBe(201);
    expect((JSON.parse(quotedOnB.text) as QuoteView).model).toEqual(pinned.model);
  });

  it('every audit chain written by both processes verifies', async () => {
    for (const server of servers()) {
      const verification = await expectStatus<{ valid: boolean; checked: number; firstBrokenEventId?: string }>(
        call(server.origin, world.admin, 'GET', '/v1/audit-events/verify'),
        200,
        `GET /v1/audit-events/verify on ${name(server)}`,
      );
      expect(verification.valid).toBe(true);
      expect(verification.firstBrokenEventId).toBeUndefined();
      figures[`auditVerified${name(server)}`] = `${verification.valid}(${verification.checked} events)`;
    }
  });
});
