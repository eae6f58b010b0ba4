import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../src/http/route';
import { PUBLIC_UNDOCUMENTED_ROUTES } from '../../src/http/routes/docs';
import { ResponseChecker, type Verdict } from './support/fuzz-checks';
import { type PlannedRequest, RequestPlanner, UNROUTED } from './support/fuzz-requests';
import { documentOperations, type OpenApiDocument, SchemaGenerator } from './support/fuzz-schema';
import { rememberCreated, startFuzzWorld, type World } from './support/fuzz-world';

/**
 * Fuzzing from the committed OpenAPI document: every operation gets valid and mutated requests over real HTTP,
 * many in flight at once. Pass: no 5xx, every 4xx is problem+json with its own status, every 2xx matches the
 * response schema the document declares, no error is logged, and the server still answers at the end.
 * FUZZ_REQUESTS raises the count (20,000 by default, the CI figure); PROPERTY_SEED changes the inputs.
 */
const REQUESTS = Math.max(20_000, Number(process.env.FUZZ_REQUESTS ?? 0));
// Enough to overlap database waits; more only adds contention on two cores.
const IN_FLIGHT = 8;
// Requests come from each operation's generator this many at a time, so bodies are made shortly before they are sent.
const CHUNK = 16;
const SEED = fc.readConfigureGlobal().seed ?? 20_261_122;
/** Operations that get a smaller share of the run: verifying walks every audit event, which the run keeps adding. */
const SHARE_OF: Record<string, number> = { verifyAuditEvents: 0.5 };

const document = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;
const operations = documentOperations(document);

let world: World;
beforeAll(async () => {
  world = await startFuzzWorld();
});
afterAll(async () => {
  await world?.close();
});

/** A stable number per operation, so adding a route does not change the inputs of the others. */
function hashOf(text: string): number {
  let hash = 2_166_136_261;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16_777_619);
  return hash >>> 0;
}

/** Deterministic order of the whole run, from the seed (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

class RequestSource {
  private buffer: PlannedRequest[] = [];
  private chunks = 0;
  constructor(
    readonly key: string,
    private readonly arbitrary: () => fc.Arbitrary<PlannedRequest>,
  ) {}

  /**
   * The seed of the chunk a request came from, for the failure message: with it the same chunk is drawn again,
   * though ids come from the pools of stored objects as they were then.
   */
  seedOf(chunk: number) {
    return (SEED ^ hashOf(this.key)) + chunk * 1_000_003;
  }

  next(): { request: PlannedRequest; origin: string } {
    if (this.buffer.length === 0) {
      this.buffer = fc.sample(this.arbitrary(), { seed: this.seedOf(this.chunks), numRuns: CHUNK });
      this.chunks += 1;
    }
    const index = CHUNK - this.buffer.length;
    return {
      request: this.buffer.shift()!,
      origin: `sample ${index} of fc.sample(…, { seed: ${this.seedOf(this.chunks - 1)}, numRuns: ${CHUNK} })`,
    };
  }
}

interface Tally {
  requests: number;
  /** Time spent waiting for answers, for FUZZ_VERBOSE: where the run's minutes go. */
  milliseconds: number;
  byClass: Record<'2xx' | '4xx' | '5xx' | 'other', number>;
}

const truncate = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;

function describeBody(body: string | Uint8Array | undefined): string {
  if (body === undefined) return '(none)';
  if (typeof body === 'string') return truncate(JSON.stringify(body), 600);
  return `${body.length} bytes: ${truncate(Buffer.from(body).toString('hex'), 400)}`;
}

const FAILURE_ORDER = ['no-response', 'server-error', 'bad-problem', 'schema-failure'];

interface Failure {
  kind: string;
  /** What went wrong, without the particulars of one request, so alike failures count as one. */
  summary: string;
  message: string;
}

/** The failures, worst kind first, a few of each distinct reason, so one noisy mismatch does not hide a 500. */
function failureReport(failures: readonly Failure[]): string {
  const byReason = new Map<string, Failure[]>();
  for (const failure of failures) {
    const reason = `${failure.kind}: ${failure.summary}`;
    byReason.set(reason, [...(byReason.get(reason) ?? []), failure]);
  }
  const groups = [...byReason.entries()].sort(
    ([, a], [, b]) => FAILURE_ORDER.indexOf(a[0]!.kind) - FAILURE_ORDER.indexOf(b[0]!.kind),
  );
  const shown = groups.slice(0, 6).map(
    ([reason, group]) =>
      `${group.length}× ${reason}\n\n${group
        .slice(0, 2)
        .map((f) => f.message)
        .join('\n\n')}`,
  );
  return `${failures.length} failures of ${groups.length} kinds:\n\n${shown.join('\n\n----\n\n')}`;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('covers exactly the routes the app declares', () => {
    const documented = operations.map((operation) => operation.key).sort();
    expect(documented).toEqual([...ROUTE_ACCESS.keys()].sort());
    expect(documented.length).toBeGreaterThan(30);
  });

  it(`answers ${REQUESTS} valid and hostile requests without a 5xx, a bad problem or a schema mismatch`, async () => {
    const planner = new RequestPlanner(world, new SchemaGenerator(document.components.schemas), operations);
    const checker = new ResponseChecker(document, operations, PUBLIC_UNDOCUMENTED_ROUTES);
    const sources = [
      ...operations.map((operation) => new RequestSource(operation.key, () => planner.requests(operation))),
      new RequestSource(UNROUTED, () => planner.unrouted()),
    ];
    const share = Math.ceil((1.25 * REQUESTS) / sources.length);
    const shareOf = (key: string) =>
      SHARE_OF[operations.find((operation) => operation.key === key)?.operation.operationId ?? ''] ?? 1;
    const schedule = shuffled(
      sources.flatMap((source) => Array.from({ length: Math.ceil(share * shareOf(source.key)) }, () => source)),
      SEED,
    );

    const tallies = new Map<string, Tally>(
      sources.map((source) => [
        source.key,
        { requests: 0, milliseconds: 0, byClass: { '2xx': 0, '4xx': 0, '5xx': 0, other: 0 } },
      ]),
    );
    const failures: Failure[] = [];
    let total = 0;
    let schemaFailures = 0;

    const record = (
      request: Pick<PlannedRequest, 'operation' | 'variant'>,
      verdict: Verdict,
      describe: () => string,
    ) => {
      const { operation } = request;
      total += 1;
      const tally = tallies.get(operation)!;
      tally.requests += 1;
      const statusClass =
        verdict.status >= 500 ? '5xx' : verdict.status >= 400 ? '4xx' : verdict.status >= 200 ? '2xx' : 'other';
      tally.byClass[statusClass] += 1;
      if (verdict.kind === 'schema-failure') schemaFailures += 1;
      if (verdict.kind !== 'ok') {
        const summary = `${operation} (${request.variant.split(':')[0]}): ${verdict.reason.replace(/\d+/g, 'N')}`;
        failures.push({ kind: verdict.kind, summary, message: `${verdict.reason}\n${describe()}` });
      }
    };

    const exchange = async (
      request: Pick<PlannedRequest, 'method' | 'path' | 'headers'> & { body?: string | Uint8Array },
    ) => {
      const response = await fetch(`${world.origin}${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };

    const variantMilliseconds = new Map<string, number>();
    let samplingMilliseconds = 0;
    const send = async (source: RequestSource) => {
      const sampling = performance.now();
      const { request, origin } = source.next();
      samplingMilliseconds += performance.now() - sampling;
      const sentAt = performance.now();
      const headers = { ...request.headers };
      if (request.currentEtagOf) {
        const read = { method: 'GET', path: request.currentEtagOf.path, headers: request.currentEtagOf.headers };
        const current = await exchange(read);
        record({ operation: request.operation, variant: 'reading the ETag' }, checker.check(read, current), () =>
          [
            `GET ${read.path} (reading the ETag for ${request.operation})`,
            `response ${current.status}: ${truncate(current.text, 1_000)}`,
          ].join('\n'),
        );
        const etag = current.headers.get('etag');
        if (etag) headers['If-Match'] = etag;
      }
      const sent = { method: request.method, path: request.path, headers, body: request.body?.() };
      const describe = (response?: { status: number; headers: Headers; text: string }, error?: unknown) =>
        [
          `${sent.method} ${truncate(sent.path, 300)}  [${request.operation}; ${request.variant}; as ${request.party}; ${origin}]`,
          `request headers: ${truncate(JSON.stringify(headers), 600)}`,
          `request body: ${describeBody(sent.body)}`,
          response
            ? `response ${response.status} ${JSON.stringify(Object.fromEntries(response.headers))}\nresponse body: ${truncate(response.text, 1_000)}`
            : `no response: ${String(error)} ${String((error as { cause?: unknown })?.cause ?? '')}`,
        ].join('\n');
      let response: Awaited<ReturnType<typeof exchange>>;
      try {
        response = await exchange(sent);
      } catch (error) {
        total += 1;
        const summary = `${request.operation} (${request.variant.split(':')[0]}): ${String(error)}`;
        failures.push({ kind: 'no-response', summary, message: describe(undefined, error) });
        return;
      }
      const elapsed = performance.now() - sentAt;
      tallies.get(request.operation)!.milliseconds += elapsed;
      const variantKey = `${request.operation} ${request.variant}`;
      variantMilliseconds.set(variantKey, (variantMilliseconds.get(variantKey) ?? 0) + elapsed);
      const verdict = checker.check(sent, response);
      record(request, verdict, () => describe(response));
      const routed = checker.operationFor(sent.method, sent.path);
      if (verdict.kind === 'ok' && response.status === 201 && routed && response.text.startsWith('{')) {
        rememberCreated(world, routed.operation.operationId, JSON.parse(response.text));
      }
    };

    let cursor = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        // The shuffled schedule is longer than needed (ETag reads count too); stopping at the total trims it evenly.
        while (cursor < schedule.length && total < REQUESTS) {
          const source = schedule[cursor]!;
          cursor += 1;
          await send(source);
        }
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    for (const path of ['/healthz', '/readyz']) {
      const after = await exchange({ method: 'GET', path, headers: {} });
      const operation = operations.find((candidate) => candidate.path === path)!.key;
      const verdict = checker.check({ method: 'GET', path, headers: {} }, after);
      record({ operation, variant: 'after the run' }, verdict, () => `GET ${path} after the run: ${after.status}`);
      expect(after.status, `GET ${path} after the fuzzing`).toBe(200);
    }

    const sum = (statusClass: keyof Tally['byClass']) =>
      [...tallies.values()].reduce((count, tally) => count + tally.byClass[statusClass], 0);
    console.log(
      `resilience fuzz: operations=${operations.length} requests=${total} 2xx=${sum('2xx')} 4xx=${sum('4xx')} 5xx=${sum('5xx')} schemaFailures=${schemaFailures}`,
    );
    if (process.env.FUZZ_VERBOSE) {
      console.log(`${seconds} s, of which sampling ${(samplingMilliseconds / 1000).toFixed(1)} s`);
      for (const [key, tally] of tallies) {
        console.log(key, Math.round(tally.milliseconds), JSON.stringify(tally.byClass));
      }
      const slowest = [...variantMilliseconds.entries()].sort(([, a], [, b]) => b - a).slice(0, 25);
      for (const [variant, milliseconds] of slowest) console.log('slow:', variant, Math.round(milliseconds));
    }

    // The log holds the cause of a 500 (the response, rightly, does not).
    const errors = world.errorLogs.filter((line) => Number(line.level) >= 50);
    const logged = `errors logged by the app:\n${truncate(JSON.stringify(errors.slice(0, 4), null, 2), 6_000)}`;
    expect(failures.length, `${failureReport(failures)}\n\n${logged}`).toBe(0);
    expect(errors.length, logged).toBe(0);
    expect(total).toBeGreaterThanOrEqual(REQUESTS);
    for (const operation of operations) {
      const tally = tallies.get(operation.key)!;
      const enough = Math.floor((REQUESTS / sources.length / 2) * shareOf(operation.key));
      expect(tally.requests, `${operation.key} was fuzzed`).toBeGreaterThanOrEqual(enough);
      // Valid requests reach the handler: an operation never answered 2xx means its generator lost its way.
      expect(tally.byClass['2xx'], `${operation.key} answered some valid request with 2xx`).toBeGreaterThan(0);
    }
  });
});
