import type { CatalogRow } from '../../db/queries/kev';
import { entityTag } from '../concurrency';

/** A loaded KEV catalog as the API shows it. */
export const presentCatalog = (catalog: CatalogRow) => ({
  source: 'cisa_kev' as const,
  version: catalog.version,
  releasedAt: catalog.releasedAt.toISOString(),
  importedAt: catalog.importedAt.toISOString(),
  count: catalog.entryCount,
  contentHash: catalog.contentHash,
  chosenAt: catalog.chosenAt?.toISOString() ?? null,
});

/**
 * The loaded catalog's ETag, for choosing another (If-Match): it changes when another version becomes loaded, and
 * when the same one is chosen again, so a choice made on a stale read is refused.
 */
export const loadedCatalogRevision = (catalog: CatalogRow) => ({
  id: catalog.id,
  revision: catalog.chosenAt?.getTime() ?? 0,
});

export const loadedCatalogTag = (catalog: CatalogRow) => entityTag(loadedCatalogRevision(catalog));

export type KevCatalogView = ReturnType<typeof presentCatalog>;
