import { Writable } from 'node:stream';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/db/client';
import { createApp } from '../../src/http/app';
import type { App } from '../../src/http/types';
import { createTestDatabase } from './database';
import { testModels } from './models';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  config: Config;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
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
  const config = loadConfig({ LOG_LEVEL: 'debug', ...environment });
  const handle = database ?? (await createTestDatabase());
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: config.LOG_LEVEL }, sink);
  const app = createApp({
    config,
    database: handle,
    logger,
    models: await testModels(),
    clock: () => new Date(`${options.today ?? TEST_TODAY}T12:00:00Z`),
  });
  return { app, database: handle, config, logs, close: () => handle.close() };
}
