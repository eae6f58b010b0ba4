import { catalogByVersion, chooseCatalog, KEV_SOURCE, loadedCatalog } from '../../db/queries/kev';
import { lockVersion } from '../../db/queries/version-locks';
import { appendAuditEvent } from '../audit/append';
import { requireCurrentTag } from '../concurrency';
import { requireRole, type ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { type KevCatalogView, loadedCatalogRevision, loadedCatalogTag, presentCatalog } from './present';

/**
 * An admin makes an imported version the loaded one, forwards or back: to set aside a catalog that should not
 * rate (one misdated in the future, a bad feed), or to return to the newest. Needs the loaded catalog's ETag, so a
 * choice made on a stale read is refused, and is audited with the versions before and after.
 */
export async function chooseCurrentKevCatalog(
  ctx: ServiceContext,
  version: string,
  ifMatch: string | undefined,
): Promise<{ catalog: KevCatalogView; etag: string }> {
  requireRole(ctx.actor, 'admin');
  const chosen = await ctx.db.transaction(async (tx) => {
    // Choices queue on one lock, so two of them made on the same read cannot both pass the ETag check.
    await lockVersion(tx, 'kev_current', KEV_SOURCE);
    const current = await loadedCatalog(tx);
    if (!current) throw new NotFoundError('KEV catalog (none is loaded; import one with npm run kev:import)');
    requireCurrentTag(ifMatch, loadedCatalogRevision(current), 'loaded KEV catalog');
    const target = await catalogByVersion(tx, version);
    if (!target) throw new NotFoundError(`KEV catalog version ${version}`);
    const row = await chooseCatalog(tx, target.id);
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: ctx.actor.organizationId,
      action: 'vulnerability_catalog.chosen',
      entityType: 'vulnerability_catalog',
      entityId: `${KEV_SOURCE}@${row.version}`,
      before: presentCatalog(current),
      after: presentCatalog(row),
    });
    return row;
  });
  ctx.changes?.changed('vulnerability_catalogs');
  return { catalog: presentCatalog(chosen), etag: loadedCatalogTag(chosen) };
}
