/**
 * Start-up to ready: the server spawned as `npm start` runs it (its bundling included), on a PGlite data directory,
 * timed from the spawn to the first 200 from GET /readyz (polled every 20 ms) and to each of its start-up log lines
 * ('listening' last). On a fresh directory (PGlite creates its cluster, migrations run, models are seeded, the admin
 * key registered) and on an existing one, alternating, a few times each; medians. Never fails on a number.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdminKey, freePort, spawnAppServer, waitUntilReady } from '../support/app-process';
import { timing } from './harness';

export interface StartupTimes {
  runs: number;
  /** Milliseconds from spawn to the first 200 from GET /readyz. */
  readyMedianMs: number;
  readyMinMs: number;
  readyMaxMs: number;
  /** Median milliseconds from spawn to each log line of the start-up, 'listening' last: where the time goes. */
  logLinesMedianMs: Record<string, number>;
}

export interface StartupBenchResult {
  freshDataDir: StartupTimes;
  existingDataDir: StartupTimes;
}

async function timeStartUp(dataDir: string, adminKey: string) {
  const port = await freePort();
  const spawnedAt = performance.now();
  // LOG_LEVEL info for the 'listening' line; the few lines logged while starting cost nothing measurable.
  const server = spawnAppServer({
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_KEY: adminKey,
  });
  try {
    const readyAt = await waitUntilReady(server);
    const logLines: Record<string, number> = {};
    for (const { at, line } of server.lines) {
      if (typeof line.msg === 'string' && !(line.msg in logLines)) logLines[line.msg] = at - spawnedAt;
      if (line.msg === 'listening') break;
    }
    return { readyMs: readyAt - spawnedAt, logLines };
  } finally {
    // A clean shutdown, so the next start on this directory finds no stale PGlite lock.
    await server.stop();
  }
}

type StartUp = Awaited<ReturnType<typeof timeStartUp>>;

function summary(samples: StartUp[]): StartupTimes {
  const ready = timing(samples.map((sample) => sample.readyMs));
  const messages = [...new Set(samples.flatMap((sample) => Object.keys(sample.logLines)))];
  return {
    runs: samples.length,
    readyMedianMs: Math.round(ready.medianMs),
    readyMinMs: Math.round(ready.minMs),
    readyMaxMs: Math.round(Math.max(...samples.map((sample) => sample.readyMs))),
    logLinesMedianMs: Object.fromEntries(
      messages.map((message) => [
        message,
        Math.round(timing(samples.flatMap((sample) => sample.logLines[message] ?? [])).medianMs),
      ]),
    ),
  };
}

export async function benchStartup(runs = Number(process.env.BENCH_STARTUP_RUNS ?? 3)): Promise<StartupBenchResult> {
  const directories: string[] = [];
  const fresh: StartUp[] = [];
  const existing: StartUp[] = [];
  const adminKey = bootstrapAdminKey();
  try {
    for (let run = 0; run < runs; run += 1) {
      const directory = await mkdtemp(join(tmpdir(), 'uw-bench-startup-'));
      directories.push(directory);
      fresh.push(await timeStartUp(directory, adminKey));
      // The first directory, made and migrated by the first fresh start, is the existing one every time.
      existing.push(await timeStartUp(directories[0]!, adminKey));
    }
    return { freshDataDir: summary(fresh), existingDataDir: summary(existing) };
  } finally {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  }
}
