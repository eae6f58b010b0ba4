import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { createEmptyPostgresDatabase } from '../support/database';

describe('migrations on a shared PostgreSQL server', () => {
  it('run from several processes starting together without conflict (advisory lock)', async () => {
    const empty = await createEmptyPostgresDatabase();
    // Independent pools stand in for independent processes: each has its own sessions and its own lock attempt.
    const processes = await Promise.all(Array.from({ length: 4 }, () => openPostgres({ url: empty.url, poolMax: 2 })));
    try {
      await Promise.all(processes.map((handle) => runMigrations(handle)));
      const [first] = processes;
      const applied = await first!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const tables = await first!.db.execute(sql`select to_regclass('public.audit_events')::text as t`);
      expect((applied as unknown as { n: number }[])[0]?.n).toBeGreaterThanOrEqual(2);
      expect((tables as unknown as { t: string }[])[0]?.t).toBe('audit_events');
    } finally {
      await Promise.all(processes.map((handle) => handle.close()));
      await empty.drop();
    }
  });
});
