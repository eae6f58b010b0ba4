import { defineConfig } from 'vitest/config';

// `npm run test:resilience`: fuzzing, crashes, two processes on one database, hostile models, slow clients. It
// proves what only a real PostgreSQL server can (several processes on one database), so it needs DATABASE_URL.
if (!process.env.DATABASE_URL) {
  throw new Error(
    'npm run test:resilience needs a PostgreSQL server: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test',
  );
}

export default defineConfig({
  test: {
    include: ['tests/resilience/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/fast-check-setup.ts'],
    pool: 'forks',
    // Files start servers of their own and load the machine; one at a time keeps their figures honest.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
