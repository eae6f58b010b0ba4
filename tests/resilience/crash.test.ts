/**
 * A crash under load (issue 8): the real server (`npm start`'s command, in a child process, on a fresh PostgreSQL
 * database it migrates itself) takes 1,000 quote creations, each with an Idempotency-Key of its own, 50 at a time,
 * and is killed with SIGKILL part-way through. A new process on the same database and DATA_DIR then takes the
 * retries of every request that got no answer, with the same key and body, and replays of acknowledged ones. Nothing
 * acknowledged may be lost or changed, no key may have made two quotes, and the audit chain must verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServerProcess, waitUntilReady } from '../support/app-process';
import {
  type Answer,
  call,
  createAssessments,
  createBroker,
  expectStatus,
  type Key,
  listAll,
  pool,
  quoteBody,
  spawnedWorld,
} from './support/spawned-api';

const REQUESTS = 1_000;
const CONCURRENCY = 50;
/** Each quote locks its assessment while it is made, so the load rotates over this many. */
const ASSESSMENTS = 50;
/** The kill comes when this many creations have been acknowledged (201). */
const KILL_AFTER_ACKNOWLEDGED = 450;
const REPLAY_SAMPLE = 50;

type Outcome =
  | { kind: 'answered'; status: number; text: string; replayed: boolean }
  | { kind: 'failed'; error: string }
  | { kind: 'unsent' };

interface QuoteView {
  id: string;
  assessmentId: string;
  status: string;
  supersededBy: string | null;
  [field: string]: unknown;
}

/** What a quote keeps for good once made: everything but where it stands (a later quote supersedes it). */
function made(quote: QuoteView) {
  const {
    status: _status,
    history: _history,
    revision: _revision,
    updatedAt: _updatedAt,
    supersededBy: _by,
    ...rest
  } = quote;
  return rest;
}

let world: Awaited<ReturnType<typeof spawnedWorld>>;
beforeAll(async () => {
  world = await spawnedWorld();
});
afterAll(async () => {
  await world?.close();
});

async function createQuote(server: AppServerProcess, broker: Key, key: string, body: unknown): Promise<Outcome> {
  try {
    const answer: Answer = await call(server.origin, broker, 'POST', '/v1/quotes', {
      body,
      headers: { 'Idempotency-Key': key },
    });
    return {
      kind: 'answered',
      status: answer.status,
      text: answer.text,
      replayed: answer.headers.get('idempotent-replayed') === 'true',
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'failed', error: cause?.code ?? cause?.message ?? String(error) };
  }
}

const idOf = (outcome: Outcome) => (outcome.kind === 'answered' ? (JSON.parse(outcome.text) as QuoteView).id : null);

describe('a server killed under load', () => {
  it('loses no acknowledged quote, makes no quote twice for a key, and keeps the audit chain', async () => {
    const started = performance.now();
    const first = await world.spawn();
    await waitUntilReady(first);
    const broker = await createBroker(first.origin, world.admin, 'Crash Test Brokers');
    const assessments = await createAssessments(first.origin, broker, ASSESSMENTS);
    const run = `crash-${Date.now().toString(36)}`;
    const requests = Array.from({ length: REQUESTS }, (_, index) => ({
      key: `${run}-${index}`,
      body: quoteBody(assessments[index % ASSESSMENTS]!),
    }));

    // Load, then SIGKILL once enough creations are acknowledged; no new request is sent after the kill.
    const outcomes: Outcome[] = requests.map(() => ({ kind: 'unsent' }));
    let acknowledged = 0;
    let killed: Promise<void> | undefined;
    let next = 0;
    const worker = async () => {
      while (!killed && next < REQUESTS) {
        const index = next++;
        const outcome = await createQuote(first, broker, requests[index]!.key, requests[index]!.body);
        outcomes[index] = outcome;
        if (outcome.kind === 'answered' && outcome.status === 201) {
          acknowledged += 1;
          if (acknowledged === KILL_AFTER_ACKNOWLEDGED) killed = first.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed, `the load ended with ${acknowledged} acknowledged, before the kill`).toBeDefined();
    await killed;
    expect(first.child.signalCode).toBe('SIGKILL');

    const answeredBefore = outcomes.filter((outcome) => outcome.kind === 'answered');
    const acknowledgedBefore = outcomes.flatMap((outcome, index) =>
      outcome.kind === 'answered' && outcome.status === 201 ? [index] : [],
    );
    // Before the kill every answer is a creation; a 5xx would be retried below, anything else is a failure here.
    const unexpected = answeredBefore.filter((outcome) => outcome.status !== 201 && outcome.status < 500);
    expect(unexpected.map((outcome) => outcome.kind === 'answered' && outcome.text.slice(0, 300))).toEqual([]);
    const inFlightAtKill = outcomes.filter((outcome) => outcome.kind === 'failed').length;
    const neverSent = outcomes.filter((outcome) => outcome.kind === 'unsent').length;
    const serverErrors = answeredBefore.filter((outcome) => outcome.status >= 500).length;

    // A new process on the same database and DATA_DIR; every request without an acknowledgement is retried as is.
    const second = await world.spawn();
    await waitUntilReady(second);
    const toRetry = outcomes.flatMap((outcome, index) =>
      outcome.kind === 'answered' && outcome.status === 201 ? [] : [index],
    );
    const retried = await pool(toRetry.length, CONCURRENCY, (position) => {
      const index = toRetry[position]!;
      return createQuote(second, broker, requests[index]!.key, requests[index]!.body);
    });
    expect(
      retried.flatMap((outcome) =>
        outcome.kind === 'answered' && outcome.status === 201 ? [] : [JSON.stringify(outcome).slice(0, 300)],
      ),
    ).toEqual([]);
    // Made by the killed process and committed, but its answer was lost: the retry replays what it stored.
    const committedUnanswered = retried.filter((outcome) => outcome.kind === 'answered' && outcome.replayed).length;
    toRetry.forEach((index, position) => {
      outcomes[index] = retried[position]!;
    });

    // Acknowledged keys replayed: the same answer, byte for byte, and no new quote.
    const sample = Array.from(
      { length: REPLAY_SAMPLE },
      (_, n) => acknowledgedBefore[Math.floor((n * acknowledgedBefore.length) / REPLAY_SAMPLE)]!,
    );
    const replays = await pool(sample.length, 10, (position) => {
      const index = sample[position]!;
      return createQuote(second, broker, requests[index]!.key, requests[index]!.body);
    });
    replays.forEach((replay, position) => {
      const original = outcomes[sample[position]!]!;
      expect(replay).toEqual({ ...original, replayed: true });
    });

    // One quote per key, and nothing else.
    const idByKey = outcomes.map(idOf);
    expect(idByKey.filter((id) => id === null)).toHaveLength(0);
    const ids = new Set(idByKey as string[]);
    const listed = await listAll<{ id: string; assessmentId: string; status: string }>(
      second.origin,
      broker,
      '/v1/quotes',
    );
    const duplicates = listed.length - ids.size;
    expect(new Set(listed.map((quote) => quote.id))).toEqual(ids);
    expect(listed).toHaveLength(REQUESTS);
    expect(ids.size).toBe(REQUESTS);
    // The quotes of an assessment supersede one another: one is still open, the rest point at a successor.
    for (const assessmentId of assessments) {
      const open = listed.filter((quote) => quote.assessmentId === assessmentId && quote.status !== 'superseded');
      expect(open, `assessment ${assessmentId}`).toHaveLength(1);
    }

    // Every acknowledged quote is stored as its 201 said.
    const broken: string[] = [];
    await pool(REQUESTS, CONCURRENCY, async (index) => {
      const outcome = outcomes[index]!;
      const answered = JSON.parse(outcome.kind === 'answered' ? outcome.text : 'null') as QuoteView;
      const stored = await expectStatus<QuoteView>(
        call(second.origin, broker, 'GET', `/v1/quotes/${answered.id}`),
        200,
        `GET /v1/quotes/${answered.id}`,
      );
      const successorKnown = stored.supersededBy === null || ids.has(stored.supersededBy);
      if (JSON.stringify(made(stored)) !== JSON.stringify(made(answered)) || !successorKnown) broken.push(answered.id);
    });
    expect(broken).toEqual([]);

    // The audit trail: one quote.created per quote, and every chain verifies.
    const events = await listAll<{ action: string; entityId: string }>(
      second.origin,
      world.admin,
      '/v1/audit-events?entityType=quote',
    );
    const createdEvents = events.filter((event) => event.action === 'quote.created');
    expect(createdEvents).toHaveLength(REQUESTS);
    expect(new Set(createdEvents.map((event) => event.entityId))).toEqual(ids);
    const verification = await expectStatus<{ valid: boolean; checked: number; firstBrokenEventId?: string }>(
      call(second.origin, world.admin, 'GET', '/v1/audit-events/verify'),
      200,
      'GET /v1/audit-events/verify',
    );
    expect(verification).toMatchObject({ valid: true });
    expect(verification.firstBrokenEventId).toBeUndefined();
    expect(verification.checked).toBeGreaterThanOrEqual(events.length);

    console.log(
      `resilience crash: requests=${REQUESTS} concurrency=${CONCURRENCY} acknowledgedBeforeKill=${acknowledgedBefore.length} ` +
        `unansweredAtKill=${toRetry.length} (inFlight=${inFlightAtKill} neverSent=${neverSent} 5xx=${serverErrors}) ` +
        `retried=${toRetry.length} (replayedAsCommittedBeforeKill=${committedUnanswered} createdAfterRestart=${toRetry.length - committedUnanswered}) ` +
        `acknowledgedReplayed=${replays.length} sameAnswer=${replays.length} quotesFound=${listed.length} ` +
        `duplicates=${duplicates} auditVerified=${verification.valid} auditEventsChecked=${verification.checked} ` +
        `seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
    );
  });
});
