/**
 * The resident memory of the server process (the server as `npm start` runs it, on a fresh PostgreSQL
 * database it migrates itself) before and after 100,000 requests: mostly POST /v1/score, with GETs of quotes and
 * applicants. Read from /proc/<pid>/status by this process, so the figure is the whole process's (V8 heap, buffers,
 * worker threads, postgres.js connections), not only what V8 reports. Skipped, saying why, when PostgreSQL is
 * not usable. Never fails on a number.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { bootstrapAdminKey, freePort, residentSetBytes, spawnAppServer, waitUntilReady } from '../support/app-process';
import { exampleRequest } from '../support/requests';
import { onScratchPostgres, postAs, type Skipped } from './harness';
import { BENCH_CONNECTIONS } from './load';

export interface MemoryBenchResult {
  /** Answered; fewer than planned when the time cap ended the run first. */
  requests: number;
  requestsPlanned: number;
  timeCapped: boolean;
  seconds: number;
  requestsPerSecond: number;
  /** Answers with another status than expected, and connection errors. */
  failures: number;
  mix: Record<string, number>;
  /** MiB of resident memory. */
  rssAtReady: number;
  rssAfterSetup: number;
  rssAfterRequests: number;
  /** After the requests and 2 s of idling, once the collector has had a chance to run. */
  rssAfterIdle: number;
  /** The highest resident memory the process has had (VmHWM), when /proc tells it. */
  rssPeak: number | null;
  /** V8's heap in use after the requests, from the server's own /metrics. */
  heapUsedAfterRequests: number | null;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const METRICS_TOKEN = 'bench-memory-scrape-token-0123456789';

async function heapUsed(origin: string): Promise<number | null> {
  const metrics = await (
    await fetch(`${origin}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const value = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1];
  return value === undefined ? null : mib(Number(value));
}

/**
 * `maxSeconds` (BENCH_MEMORY_SECONDS; 0 for none) keeps `npm run bench` within its few minutes when the server is
 * too slow for the planned requests in that time; the result then says how many were answered.
 */
export function benchMemory(
  total = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000),
  maxSeconds = Number(process.env.BENCH_MEMORY_SECONDS ?? 120),
) {
  return onScratchPostgres<MemoryBenchResult>(async (databaseUrl) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uw-bench-memory-'));
    const adminKey = bootstrapAdminKey();
    const server = spawnAppServer({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_KEY: adminKey,
      METRICS_TOKEN,
    });
    try {
      await waitUntilReady(server);
      const pid = server.child.pid!;
      const rssAtReady = residentSetBytes(pid).rss;

      const admin = { headers: { Authorization: `Bearer ${adminKey}` } };
      const post = async (tenant: { headers: Record<string, string> }, path: string, body: unknown) => {
        const answer = await postAs(tenant, `${server.origin}${path}`, body);
        if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        return JSON.parse(answer.text) as { id: string; secret: string };
      };
      const catalog = readFileSync(
        new URL('../fixtures/kev/known_exploited_vulnerabilities-2025.08.25.json', import.meta.url),
        'utf8',
      );
      const imported = await postAs(admin, `${server.origin}/v1/vulnerability-catalogs/kev`, catalog);
      if (imported.status >= 300)
        throw new Error(`KEV import answered ${imported.status}: ${imported.text.slice(0, 300)}`);
      const organization = await post(admin, '/v1/organizations', { name: 'Bench Brokers', kind: 'broker' });
      const key = await post(admin, '/v1/api-keys', { organizationId: organization.id, role: 'broker' });
      const broker = { headers: { Authorization: `Bearer ${key.secret}` } };
      const example = exampleRequest();
      // The server rates on its own clock: a quote may incept today.
      const today = new Date().toISOString().slice(0, 10);
      const applicants: string[] = [];
      const quotes: string[] = [];
      for (let made = 0; made < 20; made += 1) {
        const applicant = await post(broker, '/v1/applicants', example.profile);
        const assessment = await post(broker, `/v1/applicants/${applicant.id}/assessments`, example.posture);
        const quote = await post(broker, '/v1/quotes', {
          assessmentId: assessment.id,
          options: example.options,
          effectiveDate: today,
        });
        applicants.push(applicant.id);
        quotes.push(quote.id);
      }
      const rssAfterSetup = residentSetBytes(pid).rss;

      const headers = broker.headers;
      const score = {
        method: 'POST',
        path: '/v1/score',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(example),
      };
      let nextQuote = 0;
      let nextApplicant = 0;
      // What each connection cycles through: 85% scores, the rest reads of what the setup stored.
      const sequence: autocannon.Request[] = [
        ...Array.from({ length: 17 }, () => score),
        {
          method: 'GET',
          headers,
          setupRequest: (request) => ({ ...request, path: `/v1/quotes/${quotes[nextQuote++ % quotes.length]}` }),
        },
        {
          method: 'GET',
          headers,
          setupRequest: (request) => ({
            ...request,
            path: `/v1/applicants/${applicants[nextApplicant++ % applicants.length]}`,
          }),
        },
        { method: 'GET', path: '/v1/quotes?limit=20', headers },
      ];
      const started = performance.now();
      const run = autocannon({ url: server.origin, connections: BENCH_CONNECTIONS, amount: total, requests: sequence });
      let timeCapped = false;
      const cap =
        maxSeconds > 0
          ? setTimeout(() => {
              timeCapped = true;
              run.stop();
            }, maxSeconds * 1000)
          : undefined;
      const result = await run;
      clearTimeout(cap);
      const seconds = (performance.now() - started) / 1000;
      const afterRequests = residentSetBytes(pid);
      const heapUsedAfterRequests = await heapUsed(server.origin);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const afterIdle = residentSetBytes(pid);
      const answered = result['2xx'];
      return {
        requests: answered + result.non2xx,
        requestsPlanned: total,
        timeCapped,
        seconds: Math.round(seconds * 10) / 10,
        requestsPerSecond: Math.round(answered / seconds),
        failures: result.non2xx + result.errors,
        mix: {
          'POST /v1/score': 17 / 20,
          'GET /v1/quotes/{id}': 1 / 20,
          'GET /v1/applicants/{id}': 1 / 20,
          'GET /v1/quotes': 1 / 20,
        },
        rssAtReady: mib(rssAtReady),
        rssAfterSetup: mib(rssAfterSetup),
        rssAfterRequests: mib(afterRequests.rss),
        rssAfterIdle: mib(afterIdle.rss),
        rssPeak: afterIdle.peak === null ? null : mib(afterIdle.peak),
        heapUsedAfterRequests,
      };
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }) satisfies Promise<MemoryBenchResult | Skipped>;
}
