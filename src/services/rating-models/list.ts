import type { ModelSummary } from '../../models/registry';
import type { ServiceContext } from '../context';

/** Every registered model version, by id and then version. */
export function listRatingModels(ctx: ServiceContext): Promise<ModelSummary[]> {
  return ctx.models.list();
}
