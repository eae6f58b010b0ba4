/**
 * Talking to a spawned server (tests/support/app-process.ts) over real HTTP: one request as a key, the tenants the
 * crash and two-process tests set up through the API with the bootstrap admin key (as tests/bench/memory.ts does),
 * and a small worker pool.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppServerProcess, bootstrapAdminKey, freePort, spawnAppServer } from '../../support/app-process';
import { createEmptyPostgresDatabase } from '../../support/database';
import { exampleRequest } from '../../support/requests';

export interface Key {
  headers: Record<string, string>;
}

export const keyOf = (secret: string): Key => ({ headers: { Authorization: `Bearer ${secret}` } });

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** One request as `key`; a JSON body is sent as JSON. Connection errors are thrown, as fetch throws them. */
export async function call(
  origin: string,
  key: Key,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...key.headers,
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A request that must answer `expected`; its JSON body. */
export async function expectStatus<T>(answer: Promise<Answer>, expected: number, what: string): Promise<T> {
  const { status, text } = await answer;
  if (status !== expected) throw new Error(`${what} answered ${status}, not ${expected}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export const GENEROUS_AUTHORITY = {
  maxLimit: { amount: 10_000_000_000, currency: 'USD' },
  maxPremium: { amount: 1_000_000_000, currency: 'USD' },
  canWaive: true,
  canOverrideDecline: true,
};

/** A new broker organisation and a broker key of it, made by the admin. */
export async function createBroker(origin: string, admin: Key, name: string) {
  const organization = await expectStatus<{ id: string }>(
    call(origin, admin, 'POST', '/v1/organizations', { body: { name, kind: 'broker' } }),
    201,
    'POST /v1/organizations',
  );
  const key = await expectStatus<{ secret: string }>(
    call(origin, admin, 'POST', '/v1/api-keys', { body: { organizationId: organization.id, role: 'broker' } }),
    201,
    'POST /v1/api-keys (broker)',
  );
  return { organizationId: organization.id, ...keyOf(key.secret) };
}

/** An underwriter key, with authority to waive and bind anything, in the carrier organisation bootstrap made. */
export async function createUnderwriter(origin: string, admin: Key): Promise<Key> {
  const { items } = await expectStatus<{ items: { id: string; kind: string }[] }>(
    call(origin, admin, 'GET', '/v1/organizations'),
    200,
    'GET /v1/organizations',
  );
  const carrier = items.find((organization) => organization.kind === 'carrier');
  if (!carrier) throw new Error('no carrier organisation after bootstrap');
  const key = await expectStatus<{ secret: string }>(
    call(origin, admin, 'POST', '/v1/api-keys', {
      body: { organizationId: carrier.id, role: 'underwriter', authority: GENEROUS_AUTHORITY },
    }),
    201,
    'POST /v1/api-keys (underwriter)',
  );
  return keyOf(key.secret);
}

/** `count` applicants of the broker's, one assessment each (the DESIGN.md 5.1 example); their assessment ids. */
export async function createAssessments(origin: string, broker: Key, count: number): Promise<string[]> {
  const example = exampleRequest();
  return pool(count, 10, async (index) => {
    const applicant = await expectStatus<{ id: string }>(
      call(origin, broker, 'POST', '/v1/applicants', {
        body: { ...example.profile, legalName: `Resilience Applicant ${index} Ltd` },
      }),
      201,
      'POST /v1/applicants',
    );
    const assessment = await expectStatus<{ id: string }>(
      call(origin, broker, 'POST', `/v1/applicants/${applicant.id}/assessments`, { body: example.posture }),
      201,
      'POST /v1/applicants/{id}/assessments',
    );
    return assessment.id;
  });
}

/** The body of POST /v1/quotes for an assessment: the example's options, incepting a week from the server's today. */
export function quoteBody(assessmentId: string) {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return { assessmentId, options: exampleRequest().options, effectiveDate: inAWeek };
}

/** Runs `task(0 … count-1)` with at most `concurrency` at a time; the results in index order. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** Every page of a newest-first list (`items`, `nextCursor`). */
export async function listAll<T>(origin: string, key: Key, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await expectStatus(
      call(origin, key, 'GET', `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      200,
      `GET ${path}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * A fresh, empty PostgreSQL database, a DATA_DIR, a free port and an admin key for spawned servers; `spawn()` starts
 * one more server on them (a restart, or a second process: another port each time), `close()` stops whatever is
 * still running and drops the database.
 */
export async function spawnedWorld() {
  const database = await createEmptyPostgresDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'uw-resilience-'));
  const adminSecret = bootstrapAdminKey();
  const servers: AppServerProcess[] = [];
  return {
    databaseUrl: database.url,
    dataDir,
    admin: keyOf(adminSecret),
    async spawn(settings: Record<string, string> = {}): Promise<AppServerProcess> {
      const server = spawnAppServer({
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_KEY: adminSecret,
        ...settings,
      });
      servers.push(server);
      return server;
    },
    async close() {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
