/** Writes openapi/openapi.json from the app's route definitions; a test fails when the committed file drifts. */
import { writeFile } from 'node:fs/promises';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { openPglite } from '../src/db/client';
import { createApp } from '../src/http/app';
import { buildOpenApiDocument } from '../src/http/openapi';
import { ModelRegistry } from '../src/services/rating-models/registry';

export const OPENAPI_PATH = new URL('../openapi/openapi.json', import.meta.url);

export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The document does not touch the database, but the app is built exactly as the server builds it.
  const database = await openPglite();
  try {
    const app = createApp({
      config: loadConfig({}),
      database,
      logger: pino({ level: 'silent' }),
      models: new ModelRegistry(database.db),
      clock: () => new Date(),
    });
    await writeFile(OPENAPI_PATH, serializeDocument(buildOpenApiDocument(app)));
    console.log(`wrote ${OPENAPI_PATH.pathname}`);
  } finally {
    await database.close();
  }
}
