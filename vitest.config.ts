import { defineConfig } from 'vitest/config';

// Suites named *.postgres.test.ts prove what only a real server can (races between connections and processes);
// PGlite has a single connection, so they run in the PostgreSQL pass (DATABASE_URL set) only.
const onPostgres = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The resilience suite has its own command and configuration (vitest.resilience.config.ts).
    exclude: ['tests/resilience/**', ...(onPostgres ? [] : ['tests/**/*.postgres.test.ts'])],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/fast-check-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
