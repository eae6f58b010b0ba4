import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdminKey, startArguments } from '../support/app-process';
import { applicantSet } from '../support/applicant-sets';
import { createEmptyPostgresDatabase } from '../support/database';

const root = new URL('../..', import.meta.url).pathname;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'uw-server-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function startServer(environment: Record<string, string>): Started {
  const child = spawn(process.execPath, startArguments(), {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk) => stdout.push(...String(chunk).split('\n').filter(Boolean)));
  child.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

async function waitForLine(started: Started, message: string): Promise<Record<string, unknown>> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (started.child.exitCode !== null) throw new Error(`the server exited: ${started.stderr.join('')}`);
    for (const line of started.stdout) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.msg === message) return parsed;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no "${message}" log line; stderr: ${started.stderr.join('')}`);
}

describe('the server process', () => {
  it('refuses a bad configuration at start-up, naming the variable', async () => {
    const started = startServer({ PORT: 'not-a-port', DATA_DIR: dataDir });
    expect(await started.exited).toBe(78);
    expect(started.stderr.join('')).toMatch(/PORT/);
  });

  it('serves, then on SIGTERM finishes, closes the database and exits 0', async () => {
    // On PostgreSQL the process gets an empty database of its own and migrates it, as a fresh deployment would.
    const scratch = process.env.DATABASE_URL ? await createEmptyPostgresDatabase() : undefined;
    const databaseUrl = scratch?.url;
    const adminKey = bootstrapAdminKey();
    const started = startServer({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMIN_KEY: adminKey,
      // A worker thread rates part of any set of 200 rows or more: the bundle must carry the worker's module too.
      RATING_WORKER_THREADS: '1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const listening = await waitForLine(started, 'listening');
    const origin = `http://127.0.0.1:${listening.port}`;
    const response = await fetch(`${origin}/readyz`);
    expect(response.status).toBe(200);
    const compared = await fetch(`${origin}/v1/comparisons`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        applicants: applicantSet(240),
        option: { limit: { amount: 100_000_000, currency: 'USD' }, retention: { amount: 2_500_000, currency: 'USD' } },
      }),
    });
    expect(compared.status).toBe(200);
    const { rows } = (await compared.json()) as { rows: { rating: unknown; problem: unknown }[] };
    expect(rows).toHaveLength(240);
    expect(rows.filter((row) => row.rating === null || row.problem !== null)).toEqual([]);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.stdout.some((line) => line.includes('database closed'))).toBe(true);
    if (!databaseUrl) expect(existsSync(join(dataDir, 'pglite', 'pglite.lock'))).toBe(false);
    await scratch?.drop();
  });
});
