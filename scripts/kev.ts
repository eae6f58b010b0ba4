/**
 * `npm run kev:import -- <file>` imports a CISA KEV catalog file; `npm run kev:sync` fetches KEV_FEED_URL and
 * imports it (for deployments with internet access). Both use the configured database (DATABASE_URL, or the PGlite
 * directory under DATA_DIR, which must not be open in a running server: PGlite serves one process).
 */
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { organizations } from '../src/db/schema';
import { InvalidError, ServiceError } from '../src/services/errors';
import { storeKevCatalog } from '../src/services/kev/store-catalog';

async function readSource(
  command: string | undefined,
  argument: string | undefined,
  feedUrl: string,
): Promise<unknown> {
  if (command === 'import') {
    if (!argument) throw new Error('usage: npm run kev:import -- <catalog.json>');
    return JSON.parse(await readFile(argument, 'utf8'));
  }
  if (command === 'sync') {
    const response = await fetch(feedUrl, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`${feedUrl} answered ${response.status}`);
    return response.json();
  }
  throw new Error('usage: tsx scripts/kev.ts import <file> | sync');
}

const [command, argument] = process.argv.slice(2);
const config = loadConfig();
try {
  const document = await readSource(command, argument, config.KEV_FEED_URL);
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    const [carrier] = await database.db.select().from(organizations).where(eq(organizations.kind, 'carrier')).limit(1);
    // Audited on the carrier's chain; before the first start there is no carrier yet, and nothing to chain to.
    const actor = carrier
      ? {
          keyId: null,
          role: 'system' as const,
          organizationId: carrier.id,
          organizationKind: 'carrier' as const,
          authority: null,
        }
      : undefined;
    const { catalog, created } = await storeKevCatalog(database.db, document, actor);
    console.log(
      created
        ? `imported KEV catalog ${catalog.version} (${catalog.entryCount} entries)`
        : `KEV catalog ${catalog.version} was already loaded; nothing changed`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof InvalidError) {
    console.error(
      `${error.message} ${error.errors.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
    );
  } else {
    console.error(error instanceof ServiceError || error instanceof Error ? error.message : error);
  }
  process.exitCode = 1;
}
