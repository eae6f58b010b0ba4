/**
 * A real server for HTTP benchmarks: the app on an in-memory PGlite database (or a PostgreSQL one) with the shipped
 * models and the KEV snapshot loaded, and on the same server bare Hono routes that parse the request body and answer
 * a set reference response (`/bench/baseline`; on PostgreSQL also `/bench/insert`, which first inserts the body, and
 * `/bench/insert-payload`, which first inserts a set payload in one statement), so a route and its baseline are
 * measured in one run on one setup. `startBenchServerProcess` runs the same server in a child process, for load
 * generators that must not share its event loop.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../../src/config';
import { type DatabaseHandle, openPglite, openPostgres } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { createApp } from '../../src/http/app';
import { trackInFlight } from '../../src/http/in-flight';
import { loadModelDirectory } from '../../src/models/registry';
import { ChangeFeed } from '../../src/services/cache/change-feed';
import { HotReads } from '../../src/services/cache/hot-reads';
import { RatingPool } from '../../src/services/comparisons/rating-pool';
import { ModelRegistry, seedModels } from '../../src/services/rating-models/registry';
import { startNodeFlags, stopChild } from '../support/app-process';
import { createTenant, type TestTenant } from '../support/identity';
import { databaseUrlFor } from '../support/postgres-url';

export const BENCH_AS_OF = '2026-11-22';

export interface Timing {
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function timing(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
  return { medianMs: round1(at(0.5)), p95Ms: round1(at(0.95)), minMs: round1(sorted[0]!) };
}

export interface BenchServer {
  origin: string;
  admin: TestTenant;
  broker: TestTenant;
  /** What the baseline routes answer from now on. */
  setBaselineResponse(reference: unknown): void;
  /** What `/bench/insert-payload` inserts from now on: JSON text, stored as one json value. */
  setInsertPayload(payload: string): void;
  /** POSTs a JSON body as the broker and times the answer; a non-200 answer stops the benchmark. */
  post(path: string, body: string, accept?: string): Promise<{ elapsed: number; text: string }>;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** Serve from this PostgreSQL database (migrated here) instead of an in-memory PGlite one. */
  databaseUrl?: string | undefined;
}

/** The tables the bare insert routes write to: in the bench database only, never in the app's schema. */
const BENCH_INSERT_TABLES = [
  'create table if not exists bench_insert (id bigserial primary key, body jsonb not null)',
  // json, as a quote's large columns are: PostgreSQL checks the text and keeps it, as it does for a quote.
  'create table if not exists bench_insert_payload (id bigserial primary key, body json not null)',
];

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  const database: DatabaseHandle = options.databaseUrl
    ? await openPostgres({ url: options.databaseUrl, poolMax: config.DATABASE_POOL_MAX })
    : await openPglite();
  await runMigrations(database);
  const shipped = await loadModelDirectory(new URL('../../models', import.meta.url).pathname);
  await seedModels(database.db, shipped);
  // As the server sizes it (RATING_WORKER_THREADS).
  const ratingPool = new RatingPool(config.RATING_WORKER_THREADS);
  const changes = await ChangeFeed.subscribe(database, { maxAgeMs: config.CACHE_MAX_AGE_MS });
  const app = createApp({
    config,
    database,
    logger: pino({ level: 'silent' }),
    models: new ModelRegistry(database.db, shipped, changes),
    reads: new HotReads(changes),
    clock: () => new Date(`${BENCH_AS_OF}T12:00:00Z`),
    ratingPool,
  });
  const admin = await createTenant(database.db, 'carrier', 'admin');
  const broker = await createTenant(database.db, 'broker', 'broker');

  let reference: unknown = null;
  let insertPayload = 'null';
  const baseline = new Hono().post('/bench/baseline', async (c) => {
    await c.req.json();
    return c.json(reference, 200);
  });
  const sql = database.postgres;
  if (sql) {
    for (const statement of BENCH_INSERT_TABLES) await sql.unsafe(statement);
    // Through the app's own pool, so the bare write and the app's writes wait on the same connections.
    baseline.post('/bench/insert', async (c) => {
      const body = await c.req.json();
      // As text: drizzle replaces postgres.js's json serializers on this client with ones that pass strings through.
      await sql`insert into bench_insert (body) values (${JSON.stringify(body)}::jsonb)`;
      return c.json(reference, 201);
    });
    baseline.post('/bench/insert-payload', async (c) => {
      await c.req.json();
      await sql`insert into bench_insert_payload (body) values (${insertPayload}::json)`;
      return c.json(reference, 201);
    });
  }
  const handling = trackInFlight((request: Request) =>
    new URL(request.url).pathname.startsWith('/bench/') ? baseline.fetch(request) : app.fetch(request),
  );
  const server = serve({
    fetch: handling.fetch,
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    // Requests still in flight finish before the database goes, or they would write to closed connections.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
    await handling.idle();
    await ratingPool.close();
    await changes.close();
    await database.close();
  };
  try {
    const catalog = readFileSync(
      new URL('../fixtures/kev/known_exploited_vulnerabilities-2025.08.25.json', import.meta.url),
      'utf8',
    );
    const imported = await fetch(`${origin}/v1/vulnerability-catalogs/kev`, {
      method: 'POST',
      headers: { ...admin.headers, 'Content-Type': 'application/json' },
      body: catalog,
    });
    if (!imported.ok) throw new Error(`KEV import answered ${imported.status}`);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    origin,
    admin,
    broker,
    setBaselineResponse: (value) => {
      reference = value;
    },
    setInsertPayload: (payload) => {
      insertPayload = payload;
    },
    post: async (path, body) => {
      const started = performance.now();
      const response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { ...broker.headers, 'Content-Type': 'application/json' },
        body,
      });
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return { elapsed, text };
    },
    close,
  };
}

/** Times a route against the baseline answering a response of the same size, alternating to spread noise. */
export async function routeAgainstBaseline(server: BenchServer, path: string, body: string, runs: number, warmUp = 5) {
  const first = await server.post(path, body);
  server.setBaselineResponse(JSON.parse(first.text));
  const check = await server.post('/bench/baseline', body);
  if (check.text.length !== first.text.length) throw new Error('the baseline response is not the same size');
  for (let warm = 0; warm < warmUp; warm += 1) {
    await server.post(path, body);
    await server.post('/bench/baseline', body);
  }
  const route: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    route.push((await server.post(path, body)).elapsed);
    bare.push((await server.post('/bench/baseline', body)).elapsed);
  }
  const [measured, baseline] = [timing(route), timing(bare)];
  return {
    first,
    route: measured,
    baseline,
    ratio: Math.round((measured.medianMs / baseline.medianMs) * 100) / 100,
  };
}

/** POSTs a JSON body with the tenant's key and answers the status and text. */
export async function postAs(tenant: Pick<TestTenant, 'headers'>, url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...tenant.headers, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** The same bench server in a child process: what a parent asks of it, and what it answers. */
export type BenchServerRequest =
  | { id: number; kind: 'setBaselineResponse'; reference: unknown }
  | { id: number; kind: 'setInsertPayload'; payload: string }
  | { id: number; kind: 'close' };
/** Omit over each member of a union, not the union's common part. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type BenchServerMessage =
  | { kind: 'ready'; origin: string; admin: TestTenant; broker: TestTenant }
  | { kind: 'answer'; id: number; value?: unknown; error?: string };

export interface BenchServerProcess {
  origin: string;
  admin: TestTenant;
  broker: TestTenant;
  setBaselineResponse(reference: unknown): Promise<void>;
  setInsertPayload(payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `startBenchServer` in a child process of its own (bench-server.ts), so a load generator in this process
 * never competes with the server for one event loop: on one loop, autocannon's work would show up in the route's
 * latency and cap its throughput, and the bare baseline, doing less, would suffer less from it.
 */
export async function startBenchServerProcess(options: BenchServerOptions = {}): Promise<BenchServerProcess> {
  const child = fork(new URL('./bench-server.ts', import.meta.url).pathname, [], {
    // V8's flags as `npm start` gives them, so the bench server is tuned alike; it runs from source, hence the loader.
    execArgv: [...(process.env.BENCH_SERVER_CPU_PROFILE ? ['--cpu-prof'] : []), ...startNodeFlags(), '--import', 'tsx'],
    env: { ...process.env, BENCH_SERVER_DATABASE_URL: options.databaseUrl ?? '' },
    // The parent's stdout carries its JSON result: whatever the child prints goes to stderr.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let ready: (message: Extract<BenchServerMessage, { kind: 'ready' }>) => void = () => {};
  child.on('message', (message: BenchServerMessage) => {
    if (message.kind === 'ready') ready(message);
    else {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.value);
    }
  });
  void exited.then((code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the bench server exited (${code})`));
  });
  const started = await Promise.race([
    new Promise<Extract<BenchServerMessage, { kind: 'ready' }>>((resolve) => {
      ready = resolve;
    }),
    exited.then((code) => {
      throw new Error(`the bench server exited (${code}) before it was ready`);
    }),
  ]);
  let nextId = 0;
  const ask = (request: WithoutId<BenchServerRequest>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id } as BenchServerRequest);
    });
  return {
    origin: started.origin,
    admin: started.admin,
    broker: started.broker,
    setBaselineResponse: async (reference) => {
      await ask({ kind: 'setBaselineResponse', reference });
    },
    setInsertPayload: async (payload) => {
      await ask({ kind: 'setInsertPayload', payload });
    },
    close: async () => {
      await stopChild(child, exited, () => ask({ kind: 'close' }));
      process.off('exit', killOnExit);
    },
  };
}

export interface Skipped {
  skipped: string;
}

/** Where the PostgreSQL benchmarks make their database: BENCH_DATABASE_URL, DATABASE_URL, else the local server. */
export const benchPostgresServer = () =>
  process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const withoutPassword = (url: string) => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};

/**
 * Runs `bench` on a fresh, empty database of its own (named bench_<timestamp>_<random>, so a crashed run's
 * leftovers are recognisable), dropped afterwards. When PostgreSQL cannot be reached, or refuses the new database,
 * answers why the figure was skipped instead of failing the whole bench run.
 */
export async function onScratchPostgres<T>(bench: (databaseUrl: string) => Promise<T>): Promise<T | Skipped> {
  const serverUrl = benchPostgresServer();
  const name = `bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const creator = admin();
  try {
    await creator.unsafe(`create database "${name}"`);
  } catch (error) {
    return {
      skipped: `PostgreSQL at ${withoutPassword(serverUrl)} is not usable: ${error instanceof Error ? error.message : error}`,
    };
  } finally {
    await creator.end({ timeout: 1 });
  }
  try {
    return await bench(databaseUrlFor(serverUrl, name));
  } finally {
    const dropper = admin();
    try {
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await dropper.end();
    }
  }
}
