import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { databaseUrlFor, TEST_DATABASE_PREFIX } from './postgres-url';

export type TestDatabaseTemplate =
  | { kind: 'pglite'; dumpPath: string }
  | { kind: 'postgres'; serverUrl: string; templateName: string; runPrefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: TestDatabaseTemplate;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it, so files never share
 * state, can run in parallel, and leave nothing behind.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openPglite();
    await runMigrations(handle);
    const client = (handle.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
    const dump = await client.dumpDataDir('none');
    await handle.close();
    const directory = await mkdtemp(join(tmpdir(), 'uw-test-'));
    const dumpPath = join(directory, 'template.tar');
    await writeFile(dumpPath, new Uint8Array(await dump.arrayBuffer()));
    project.provide('databaseTemplate', { kind: 'pglite', dumpPath });
    return async () => {
      await rm(directory, { recursive: true, force: true });
    };
  }

  const runPrefix = `${TEST_DATABASE_PREFIX}${randomBytes(4).toString('hex')}_`;
  const templateName = `${runPrefix}template`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${templateName}"`);
  const template = await openPostgres({ url: databaseUrlFor(serverUrl, templateName), poolMax: 2 });
  try {
    await runMigrations(template);
  } finally {
    await template.close();
  }
  project.provide('databaseTemplate', { kind: 'postgres', serverUrl, templateName, runPrefix });
  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${runPrefix}%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}
