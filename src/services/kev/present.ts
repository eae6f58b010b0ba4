import type { CatalogRow } from '../../db/queries/kev';

/** A loaded KEV catalog as the API shows it. */
export const presentCatalog = (catalog: CatalogRow) => ({
  source: 'cisa_kev' as const,
  version: catalog.version,
  releasedAt: catalog.releasedAt.toISOString(),
  importedAt: catalog.importedAt.toISOString(),
  count: catalog.entryCount,
  contentHash: catalog.contentHash,
});

export type KevCatalogView = ReturnType<typeof presentCatalog>;
