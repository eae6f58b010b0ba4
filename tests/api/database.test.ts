import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openPglite } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { DataDirectoryLockedError } from '../../src/db/pglite-lock';
import { openQuotesOfAssessment } from '../../src/db/queries/quotes';
import { rowsOf } from '../../src/db/rows';
import { auditEvents } from '../../src/db/schema';
import { createTestDatabase } from '../support/database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const organizationId = '0190a6f0-0000-7000-8000-000000000001';

async function insertEvent(id: string) {
  await database.db.insert(auditEvents).values({
    id,
    organizationId,
    seq: 1,
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    canonical: '{}',
    action: 'test.created',
    entityType: 'test',
    entityId: 'x',
  });
}

describe('migrations', () => {
  it('are applied once and re-running them is a no-op', async () => {
    await runMigrations(database);
    const rows = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const [count] = rowsOf<{ n: number }>(rows);
    expect(count!.n).toBeGreaterThanOrEqual(2);
  });
});

describe('compression of the large documents', () => {
  const largeColumns = [
    ['quotes', 'result'],
    ['quotes', 'rating_input'],
    ['assessments', 'rating'],
    ['assessments', 'posture'],
    ['idempotency_keys', 'response_body'],
    ['audit_events', 'canonical'],
    ['audit_events', 'before'],
    ['audit_events', 'after'],
  ] as const;

  it('is lz4 where the server has it and the default (pglz) where it does not', async () => {
    const [offered] = rowsOf<{ lz4: boolean }>(
      await database.db.execute(
        sql`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`,
      ),
    );
    const methods = rowsOf<{ table: string; column: string; method: string }>(
      await database.db.execute(
        sql`select c.relname as "table", a.attname as "column", a.attcompression::text as method
            from pg_attribute a join pg_class c on c.oid = a.attrelid
            where c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped`,
      ),
    );
    for (const [table, column] of largeColumns) {
      const method = methods.find((each) => each.table === table && each.column === column);
      expect(method, `${table}.${column}`).toBeDefined();
      // attcompression is 'l' for lz4, empty for the server's default.
      expect(method!.method, `${table}.${column}`).toBe(offered!.lz4 ? 'l' : '');
    }
  });
});

describe('audit events are append-only at the database level', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const id = '0190a6f0-0000-7000-8000-0000000000a1';
    await insertEvent(id);
    await expect(
      database.db.execute(sql`update audit_events set action = 'forged' where id = ${id}`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_events where id = ${id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const rows = await database.db.select().from(auditEvents);
    expect(rows.map((row) => row.action)).toEqual(['test.created']);
  });
});

describe('the open quotes of an assessment', () => {
  // Every new quote reads them; through any other index the read grows with the owner's whole book of quotes.
  it('are read through their partial index even by a prepared statement’s generic plan', async () => {
    const query = openQuotesOfAssessment(
      database.db,
      { kind: 'organization', organizationId },
      '0190a6f0-0000-7000-8000-0000000000b1',
    ).toSQL();
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local plan_cache_mode = force_generic_plan'));
      // The tables are nearly empty, where a sequential scan would win whatever the indexes.
      await tx.execute(sql.raw('set local enable_seqscan = off'));
      await tx.execute(sql.raw(`prepare open_quotes as ${query.sql}`));
      const literals = query.params.map((param) => `'${String(param).replaceAll("'", "''")}'`).join(', ');
      const lines = rowsOf<{ 'QUERY PLAN': string }>(
        await tx.execute(sql.raw(`explain execute open_quotes(${literals})`)),
      );
      await tx.execute(sql.raw('deallocate open_quotes'));
      return lines.map((line) => line['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/quotes_open_by_assessment/);
  });
});

describe('PGlite data directory', () => {
  it('is locked against a second opener with a message that says what to do', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'uw-lock-'));
    const first = await openPglite({ dataDir: join(directory, 'db') });
    try {
      const second = openPglite({ dataDir: join(directory, 'db') });
      await expect(second).rejects.toBeInstanceOf(DataDirectoryLockedError);
      await expect(second).rejects.toThrow(/in use by process \d+.*DATABASE_URL/);
    } finally {
      await first.close();
    }
    // Once closed, the directory opens again with its data.
    const reopened = await openPglite({ dataDir: join(directory, 'db') });
    await reopened.close();
    await rm(directory, { recursive: true, force: true });
  });
});
