import { latestCatalog } from '../../db/queries/kev';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { type KevCatalogView, presentCatalog } from './present';

/** The loaded catalog: the one ratings match against. */
export async function getKevCatalog(ctx: ServiceContext): Promise<KevCatalogView> {
  const catalog = await latestCatalog(ctx.db);
  if (!catalog) throw new NotFoundError('KEV catalog (none is loaded; import one with npm run kev:import)');
  return presentCatalog(catalog);
}
