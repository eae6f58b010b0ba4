import { requireRole, type ServiceContext } from '../context';
import { type KevCatalogView, presentCatalog } from './present';
import { storeKevCatalog } from './store-catalog';

/** An admin imports CISA's catalog as published (see storeKevCatalog), audited on the admin's chain. */
export async function importKevCatalog(
  ctx: ServiceContext,
  document: unknown,
): Promise<{ catalog: KevCatalogView; created: boolean }> {
  requireRole(ctx.actor, 'admin');
  const { catalog, created } = await storeKevCatalog(ctx.db, document, ctx.actor, ctx.changes, ctx.today);
  return { catalog: presentCatalog(catalog), created };
}
