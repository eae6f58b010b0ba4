import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type DatabaseHandle, openPglite, openPostgres } from '../../src/db/client';
import type { TestDatabaseTemplate } from './global-setup';
import { databaseUrlFor } from './postgres-url';

let pgliteDump: Promise<Blob> | undefined;

/** The template database of this run; only the vitest project named `database` has one. */
function databaseTemplate(): TestDatabaseTemplate {
  const template = inject('databaseTemplate') as TestDatabaseTemplate | undefined;
  if (!template) {
    throw new Error(
      'This test file asks for a database, but it runs in the database-free vitest project (no template database, ' +
        'and not in the PostgreSQL pass). Take it out of DATABASE_FREE in vitest.config.ts.',
    );
  }
  return template;
}

async function createDatabaseFromTemplate(serverUrl: string, templateName: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    // Concurrent copies of one template can collide ("source database is being accessed by other users").
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
}

/** An empty PostgreSQL database (no migrations), dropped by `drop()`; only in the PostgreSQL run. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const template = databaseTemplate();
  if (template.kind !== 'postgres') throw new Error('createEmptyPostgresDatabase needs DATABASE_URL');
  const name = `${template.runPrefix}${randomBytes(6).toString('hex')}`;
  const admin = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlFor(template.serverUrl, name),
    drop: async () => {
      const dropper = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * A database of this test file's own, migrated, on the engine the run targets (PGlite unless DATABASE_URL is set).
 * Closing it also drops it on PostgreSQL.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const template = databaseTemplate();
  if (template.kind === 'pglite') {
    pgliteDump ??= readFile(template.dumpPath).then((bytes) => new Blob([new Uint8Array(bytes)]));
    return openPglite({ loadDataDir: await pgliteDump });
  }
  const name = `${template.runPrefix}${randomBytes(6).toString('hex')}`;
  await createDatabaseFromTemplate(template.serverUrl, template.templateName, name);
  const handle = await openPostgres({ url: databaseUrlFor(template.serverUrl, name), poolMax: 10 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const admin = postgres(template.serverUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
