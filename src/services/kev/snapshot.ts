import type { Executor } from '../../db/client';
import { catalogEntries, latestCatalog } from '../../db/queries/kev';
import type { KevCatalogSnapshot } from '../../domain/kev/match';

type OpenCve = string | { cveId: string };

/** The loaded catalog's entries for the CVE ids being rated, or null when no catalog is loaded. */
export async function loadKevSnapshot(
  db: Executor,
  openCves: readonly OpenCve[] | null | undefined,
): Promise<KevCatalogSnapshot | null> {
  const catalog = await latestCatalog(db);
  if (!catalog) return null;
  const ids = (openCves ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.cveId));
  const entries = await catalogEntries(db, catalog.id, ids);
  return { version: catalog.version, entries: new Map(entries.map((entry) => [entry.cveID, entry])) };
}
