import { findRatingModel } from '../../db/queries/rating-models';
import type { ModelSummary } from '../../models/registry';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';

/**
 * A registered version with its whole document, exactly as hashed. Read from the database itself, not through
 * the registry's cache of compiled models: the document is what was registered, not what compiling made of it.
 */
export async function getRatingModelVersion(
  ctx: ServiceContext,
  id: string,
  version: string,
): Promise<ModelSummary & { document: Record<string, unknown> }> {
  const row = await findRatingModel(ctx.db, id, version);
  if (!row) throw new NotFoundError(`rating model ${id} version ${version}`);
  return {
    id: row.id,
    version: row.version,
    hash: row.hash,
    title: row.title,
    effectiveFrom: row.effectiveFrom,
    currency: row.currency,
    document: JSON.parse(row.canonical) as Record<string, unknown>,
  };
}
