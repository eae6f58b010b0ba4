import { loadedCatalog } from '../../db/queries/kev';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { type KevCatalogView, loadedCatalogTag, presentCatalog } from './present';

/** The loaded catalog: the one ratings match against, with its ETag for choosing another. */
export async function getKevCatalog(ctx: ServiceContext): Promise<{ catalog: KevCatalogView; etag: string }> {
  const catalog = await loadedCatalog(ctx.db);
  if (!catalog) throw new NotFoundError('KEV catalog (none is loaded; import one with npm run kev:import)');
  return { catalog: presentCatalog(catalog), etag: loadedCatalogTag(catalog) };
}
