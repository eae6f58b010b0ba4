import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openPostgres } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { apiKeys, auditEvents } from '../../src/db/schema';
import type { Actor } from '../../src/services/context';
import { bootstrapAdmin } from '../../src/services/identity/bootstrap';
import { createOrganization } from '../../src/services/organizations/create';
import { contextFor } from '../support/context';
import { createEmptyPostgresDatabase, createTestDatabase } from '../support/database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('identity under concurrency (PostgreSQL)', () => {
  it('processes starting together bootstrap exactly one admin key', async () => {
    const empty = await createEmptyPostgresDatabase();
    const processes = await Promise.all(Array.from({ length: 4 }, () => openPostgres({ url: empty.url, poolMax: 2 })));
    const dataDirs = await Promise.all(processes.map(() => mkdtemp(join(tmpdir(), 'uw-bootstrap-race-'))));
    try {
      await runMigrations(processes[0]!);
      const results = await Promise.all(
        processes.map((handle, index) => bootstrapAdmin(handle.db, { dataDir: dataDirs[index]! })),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const admins = await processes[0]!.db.select().from(apiKeys).where(eq(apiKeys.role, 'admin'));
      expect(admins).toHaveLength(1);
    } finally {
      await Promise.all(processes.map((handle) => handle.close()));
      await Promise.all(dataDirs.map((directory) => rm(directory, { recursive: true, force: true })));
      await empty.drop();
    }
  });

  it('concurrent writers keep one organisation’s audit chain contiguous and linked', async () => {
    const carrier = await createOrganization(
      contextFor(database.db, {
        keyId: null,
        role: 'system',
        organizationId: '00000000-0000-4000-8000-000000000001',
        organizationKind: 'carrier',
        authority: null,
      }),
      { name: 'Carrier', kind: 'carrier' },
    );
    const admin: Actor = {
      keyId: null,
      role: 'system',
      organizationId: carrier.id,
      organizationKind: 'carrier',
      authority: null,
    };
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        createOrganization(contextFor(database.db, admin), { name: `Broker ${index}`, kind: 'broker' }),
      ),
    );
    const chain = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, carrier.id))
      .orderBy(asc(auditEvents.seq));
    expect(chain.map((event) => event.seq)).toEqual(Array.from({ length: chain.length }, (_, index) => index + 1));
    expect(chain.length).toBeGreaterThanOrEqual(20);
    chain.forEach((event, index) => {
      if (index > 0) expect(event.prevHash).toBe(chain[index - 1]!.hash);
    });
  });
});
