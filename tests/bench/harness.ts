/**
 * A real server for HTTP benchmarks: the app on an in-memory PGlite database with the shipped models and the KEV
 * snapshot loaded, and on the same server a bare Hono route (`/bench/baseline`) that parses the request body and
 * answers a set reference response, so a route and its baseline are measured in one run on one setup.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { openPglite } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { createApp } from '../../src/http/app';
import { loadModelDirectory } from '../../src/models/registry';
import { RatingPool } from '../../src/services/comparisons/rating-pool';
import { ModelRegistry, seedModels } from '../../src/services/rating-models/registry';
import { createTenant, type TestTenant } from '../support/identity';

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
  /** What the baseline route answers from now on. */
  setBaselineResponse(reference: unknown): void;
  /** POSTs a JSON body as the broker and times the answer; a non-200 answer stops the benchmark. */
  post(path: string, body: string, accept?: string): Promise<{ elapsed: number; text: string }>;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const database = await openPglite();
  await runMigrations(database);
  const shipped = await loadModelDirectory(new URL('../../models', import.meta.url).pathname);
  await seedModels(database.db, shipped);
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  // As the server sizes it (RATING_WORKER_THREADS).
  const ratingPool = new RatingPool(config.RATING_WORKER_THREADS);
  const app = createApp({
    config,
    database,
    logger: pino({ level: 'silent' }),
    models: new ModelRegistry(database.db, shipped),
    clock: () => new Date(`${BENCH_AS_OF}T12:00:00Z`),
    ratingPool,
  });
  const admin = await createTenant(database.db, 'carrier', 'admin');
  const broker = await createTenant(database.db, 'broker', 'broker');

  let reference: unknown = null;
  const baseline = new Hono().post('/bench/baseline', async (c) => {
    await c.req.json();
    return c.json(reference, 200);
  });
  const server = serve({
    fetch: (request) =>
      new URL(request.url).pathname === '/bench/baseline' ? baseline.fetch(request) : app.fetch(request),
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.close();
    await ratingPool.close();
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
