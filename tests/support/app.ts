import { Writable } from 'node:stream';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/db/client';
import { createApp } from '../../src/http/app';
import type { App } from '../../src/http/types';
import { createTestDatabase } from './database';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  config: Config;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The real app on this file's own database, with logs captured so tests can read what would be written. */
export async function createTestApp(
  environment: Record<string, string> = {},
  database?: DatabaseHandle,
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
  const app = createApp({ config, database: handle, logger });
  return { app, database: handle, config, logs, close: () => handle.close() };
}
