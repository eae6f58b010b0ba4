import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { projectPath } from '../project-root';
import type { DatabaseHandle, Schema } from './client';

export const migrationsFolder = projectPath('migrations');

/** Arbitrary but fixed: every process of this service contends for the same advisory lock. */
const MIGRATION_LOCK_KEY = 7_310_424_991;

/**
 * Applies pending migrations. On PostgreSQL several processes may start together; drizzle's migrator takes no
 * lock, so a session-level advisory lock on a reserved connection serialises them: the first migrates, the
 * others wait and then find nothing to do. A PGlite directory is already exclusive to this process.
 */
export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    return;
  }
  const client = handle.postgres;
  if (!client) throw new Error('PostgreSQL handle without its driver');
  const lockConnection = await client.reserve();
  try {
    await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    // Through the driver itself, not the app's handle, whose statements are prepared: a migration step may hold
    // several commands, which a prepared statement cannot.
    await migratePostgres(drizzle({ client }), { migrationsFolder });
  } finally {
    try {
      await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    } finally {
      lockConnection.release();
    }
  }
}
