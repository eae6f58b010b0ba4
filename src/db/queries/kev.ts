import { and, desc, eq, getTableColumns, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { KevEntry } from '../../domain/kev/catalog';
import { CVE_ID_PATTERN } from '../../domain/posture/cve';
import type { Executor } from '../client';
import { kevEntries, vulnerabilityCatalogs } from '../schema';

export const KEV_SOURCE = 'cisa_kev';

export type CatalogRow = typeof vulnerabilityCatalogs.$inferSelect;
export type KevEntryRow = typeof kevEntries.$inferInsert;

/**
 * The loaded catalog, the one ratings match against: the most recently released version (import order breaks
 * ties), unless an admin has chosen one. A chosen version stays loaded until a version released after it is
 * imported after the choice, as imports always took over; versions imported before the choice (one misdated far in
 * the future, say) no longer count.
 */
export async function loadedCatalog(db: Executor): Promise<CatalogRow | undefined> {
  // One round trip: without the in-memory cache every rating reads the loaded catalog.
  const chosen = db.$with('chosen').as(
    db
      .select({
        chosenId: vulnerabilityCatalogs.id,
        chosenAt: vulnerabilityCatalogs.chosenAt,
        chosenReleasedAt: vulnerabilityCatalogs.releasedAt,
      })
      .from(vulnerabilityCatalogs)
      .where(and(eq(vulnerabilityCatalogs.source, KEV_SOURCE), isNotNull(vulnerabilityCatalogs.chosenAt)))
      .orderBy(desc(vulnerabilityCatalogs.chosenAt))
      .limit(1),
  );
  const [row] = await db
    .with(chosen)
    .select(getTableColumns(vulnerabilityCatalogs))
    .from(vulnerabilityCatalogs)
    .leftJoin(chosen, sql`true`)
    .where(
      and(
        eq(vulnerabilityCatalogs.source, KEV_SOURCE),
        or(
          isNull(chosen.chosenId),
          eq(vulnerabilityCatalogs.id, chosen.chosenId),
          and(
            gt(vulnerabilityCatalogs.importedAt, chosen.chosenAt),
            gt(vulnerabilityCatalogs.releasedAt, chosen.chosenReleasedAt),
          ),
        ),
      ),
    )
    .orderBy(desc(vulnerabilityCatalogs.releasedAt), desc(vulnerabilityCatalogs.importedAt))
    .limit(1);
  return row;
}

/** Marks a version as chosen now (by the database's clock, as imports are stamped). */
export async function chooseCatalog(db: Executor, id: string): Promise<CatalogRow> {
  const [row] = await db
    .update(vulnerabilityCatalogs)
    .set({ chosenAt: sql`now()` })
    .where(eq(vulnerabilityCatalogs.id, id))
    .returning();
  return row!;
}

export async function catalogByVersion(db: Executor, version: string): Promise<CatalogRow | undefined> {
  const [row] = await db
    .select()
    .from(vulnerabilityCatalogs)
    .where(and(eq(vulnerabilityCatalogs.source, KEV_SOURCE), eq(vulnerabilityCatalogs.version, version)));
  return row;
}

const KEV_ENTRY_COLUMNS = {
  cveID: kevEntries.cveId,
  vendorProject: kevEntries.vendorProject,
  product: kevEntries.product,
  vulnerabilityName: kevEntries.vulnerabilityName,
  dateAdded: kevEntries.dateAdded,
  dueDate: kevEntries.dueDate,
  knownRansomwareCampaignUse: kevEntries.knownRansomwareCampaignUse,
  endOfLife: kevEntries.endOfLife,
};

/**
 * The catalog's entries for these CVE ids, in one query whatever their number: the ids travel as one array
 * parameter, so a comparison of a thousand applicants stays within the protocol's 65,535 bind parameters. Only
 * well-formed CVE ids can be in the catalog, so nothing else is sent.
 */
export async function catalogEntries(db: Executor, catalogId: string, cveIds: readonly string[]): Promise<KevEntry[]> {
  const ids = [...new Set(cveIds)].filter((id) => CVE_ID_PATTERN.test(id));
  if (ids.length === 0) return [];
  return db
    .select(KEV_ENTRY_COLUMNS)
    .from(kevEntries)
    .where(and(eq(kevEntries.catalogId, catalogId), sql`${kevEntries.cveId} = any(${`{${ids.join(',')}}`}::text[])`));
}

/** Every entry of a catalog (some 1,500 for CISA's), for a process that keeps the loaded catalog in memory. */
export async function allCatalogEntries(db: Executor, catalogId: string): Promise<KevEntry[]> {
  return db.select(KEV_ENTRY_COLUMNS).from(kevEntries).where(eq(kevEntries.catalogId, catalogId));
}

export async function insertCatalog(
  db: Executor,
  catalog: typeof vulnerabilityCatalogs.$inferInsert,
  entries: readonly KevEntryRow[],
): Promise<CatalogRow> {
  const [row] = await db.insert(vulnerabilityCatalogs).values(catalog).returning();
  // Batches keep each statement well under the bind-parameter limit (65,535) of the PostgreSQL protocol.
  for (let start = 0; start < entries.length; start += 1_000) {
    await db.insert(kevEntries).values(entries.slice(start, start + 1_000));
  }
  return row!;
}
