import type { Executor } from '../../db/client';
import { allCatalogEntries, catalogEntries, loadedCatalog } from '../../db/queries/kev';
import type { KevEntry } from '../../domain/kev/catalog';
import type { KevCatalogSnapshot } from '../../domain/kev/match';
import { type ChangeFeed, ReadCache } from '../cache/change-feed';

type OpenCve = string | { cveId: string };

interface LoadedCatalog {
  catalog: { version: string; entries: ReadonlyMap<string, KevEntry> } | null;
}

/**
 * The loaded KEV catalog, for matching the CVEs being rated. With a change feed the whole catalog is read once
 * and kept until a new one is imported (through any process); without one, each rating reads only the entries of
 * its own CVE ids.
 */
export class KevCatalogSource {
  private readonly cache: ReadCache<'latest', LoadedCatalog> | undefined;

  constructor(changes?: ChangeFeed) {
    this.cache = changes && new ReadCache(changes, ['vulnerability_catalogs', 'kev_entries'], 1);
  }

  /** The loaded catalog's entries for the CVE ids being rated, or null when no catalog is loaded. */
  async snapshot(db: Executor, openCves: readonly OpenCve[] | null | undefined): Promise<KevCatalogSnapshot | null> {
    const ids = (openCves ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.cveId));
    if (!this.cache) return readSnapshot(db, ids);
    const { catalog } = (await this.cache.get('latest', () => readWholeCatalog(db)))!;
    if (!catalog) return null;
    // Only the rated ids travel on: a stored quote records the entries it was matched with, not the catalog.
    const entries = new Map<string, KevEntry>();
    for (const id of ids) {
      const entry = catalog.entries.get(id);
      if (entry) entries.set(id, entry);
    }
    return { version: catalog.version, entries };
  }
}

async function readSnapshot(db: Executor, ids: readonly string[]): Promise<KevCatalogSnapshot | null> {
  const catalog = await loadedCatalog(db);
  if (!catalog) return null;
  const entries = await catalogEntries(db, catalog.id, ids);
  return { version: catalog.version, entries: new Map(entries.map((entry) => [entry.cveID, entry])) };
}

async function readWholeCatalog(db: Executor): Promise<LoadedCatalog> {
  const catalog = await loadedCatalog(db);
  if (!catalog) return { catalog: null };
  const entries = await allCatalogEntries(db, catalog.id);
  return { catalog: { version: catalog.version, entries: new Map(entries.map((entry) => [entry.cveID, entry])) } };
}
