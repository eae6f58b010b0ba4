import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { type Config, loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/db/client';
import { rowsOf } from '../../src/db/rows';
import { createApp } from '../../src/http/app';
import type { App } from '../../src/http/types';
import { createLogger } from '../../src/logger';
import { ChangeFeed } from '../../src/services/cache/change-feed';
import { HotReads } from '../../src/services/cache/hot-reads';
import { createTestDatabase } from './database';
import { createTenant, type TestTenant } from './identity';
import { testModels } from './models';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  config: Config;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** What the app keeps in memory is dropped on this feed's announcements, as in the server. */
  changes: ChangeFeed;
  /** A carrier with an admin and an underwriter key, for tests that are not about identity. */
  admin: TestTenant;
  underwriter: TestTenant;
  close(): Promise<void>;
}

/** The real app on this file's own database, with logs captured so tests can read what would be written. */
/** The date API tests run on, so ratings (certificate validity, ages, model in force) never drift with the calendar. */
export const TEST_TODAY = '2026-11-22';

export async function createTestApp(
  environment: Record<string, string> = {},
  database?: DatabaseHandle,
  options: { today?: string } = {},
): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '0', ...environment });
  const handle = database ?? (await createTestDatabase());
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line));
      done();
    },
  });
  // The service's own logger (its serializers included), writing to memory.
  const logger = createLogger(config.LOG_LEVEL, sink);
  // Cached as the server caches, so every API test also proves a cached read never outlives a change.
  const changes = await ChangeFeed.subscribe(handle, { maxAgeMs: config.CACHE_MAX_AGE_MS });
  const app = createApp({
    config,
    database: handle,
    logger,
    models: await testModels(handle.db, changes),
    clock: () => new Date(`${options.today ?? TEST_TODAY}T12:00:00Z`),
    reads: new HotReads(changes),
  });
  const admin = await createTenant(handle.db, 'carrier', 'admin');
  const underwriter = await createTenant(handle.db, 'carrier', 'underwriter', { organizationId: admin.organizationId });
  const close = async () => {
    try {
      await replayEveryQuote(app, handle, underwriter);
      await verifyEveryChain(app, underwriter);
    } finally {
      await changes.close();
      await handle.close();
    }
  };
  return { app, database: handle, config, logs, changes, admin, underwriter, close };
}

/**
 * Recomputes every audit chain a test file wrote, before its database goes: an event whose row says other than
 * its hashed text, whichever verb wrote it, fails the file.
 */
async function verifyEveryChain(app: App, underwriter: TestTenant): Promise<void> {
  const response = await app.request('/v1/audit-events/verify', { headers: underwriter.headers });
  const result = (await response.json()) as { valid?: boolean; firstBrokenEventId?: string };
  if (response.status !== 200 || result.valid !== true) {
    throw new Error(`the audit chains do not verify: ${response.status} ${JSON.stringify(result)}`);
  }
}

/**
 * Re-rates every quote a test file created, before its database goes: a stored premium that its pinned model
 * no longer reproduces from its stored input fails the file, whichever test made it.
 */
async function replayEveryQuote(app: App, handle: DatabaseHandle, underwriter: TestTenant): Promise<void> {
  const rows = rowsOf<{ id: string }>(await handle.db.execute(sql`select id from quotes order by created_at`));
  const ids = rows.map((row) => row.id);
  const departed: string[] = [];
  for (const id of ids) {
    const response = await app.request(`/v1/quotes/${id}/replay`, { headers: underwriter.headers });
    const replay = (await response.json()) as { identical?: boolean; differences?: unknown[] };
    if (response.status !== 200 || replay.identical !== true) {
      departed.push(`${id}: ${response.status} ${JSON.stringify(replay.differences ?? replay).slice(0, 500)}`);
    }
  }
  if (departed.length > 0) throw new Error(`quotes that do not replay identically:\n${departed.join('\n')}`);
}
