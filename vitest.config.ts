import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Suites named *.postgres.test.ts prove what only a real server can (races between connections and processes);
// PGlite has a single connection, so they run in the PostgreSQL pass (DATABASE_URL set) only.
const onPostgres = Boolean(process.env.DATABASE_URL);

// Files that never open a database. They run once, in the PGlite pass (no DATABASE_URL): the PostgreSQL pass
// would only repeat them. Their project has no database globalSetup, so a file here that asks for a database
// fails at once with a message naming this list (tests/support/database.ts).
const DATABASE_FREE = [
  'tests/unit/**/*.test.ts',
  'tests/property/**/*.test.ts',
  'tests/golden/**/*.test.ts',
  'tests/structure/**/*.test.ts',
  'tests/api/rating-pool.test.ts',
];

const databaseFree: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'database-free', include: DATABASE_FREE },
};

const database: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'database',
    include: ['tests/**/*.test.ts'],
    // The resilience suite has its own command and configuration (vitest.resilience.config.ts).
    exclude: ['tests/resilience/**', ...DATABASE_FREE, ...(onPostgres ? [] : ['tests/**/*.postgres.test.ts'])],
    globalSetup: ['tests/support/global-setup.ts'],
  },
};

export default defineConfig({
  test: {
    projects: onPostgres ? [database] : [databaseFree, database],
    setupFiles: ['tests/support/fast-check-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
