import { findRatingModel, insertRatingModel } from '../../db/queries/rating-models';
import { lockVersion } from '../../db/queries/version-locks';
import type { CompiledRatingModel } from '../../domain/model/compiled';
import { compileRatingModel } from '../../models/compile-model';
import { ModelError } from '../../models/errors';
import type { ModelSummary } from '../../models/registry';
import { appendAuditEvent } from '../audit/append';
import { requireRole, type ServiceContext } from '../context';
import { ConflictError, InvalidError } from '../errors';
import { summarize, toRow } from './registry';

/**
 * Publishes a new model version after full validation (the same checks as at start-up). Publishing the same
 * content again changes nothing; the same id and version with other content is refused (409).
 */
export async function publishModel(
  ctx: ServiceContext,
  document: unknown,
): Promise<{ model: ModelSummary; created: boolean }> {
  requireRole(ctx.actor, 'admin');
  let model: CompiledRatingModel;
  try {
    model = compileRatingModel(document);
  } catch (error) {
    if (error instanceof ModelError) {
      throw new InvalidError('The rating model is refused; nothing was published.', [
        { path: error.path, message: error.reason },
      ]);
    }
    throw error;
  }
  const summary = summarize(model);
  const created = await ctx.db.transaction(async (tx) => {
    await lockVersion(tx, 'rating_model', `${model.id}@${model.version}`);
    const existing = await findRatingModel(tx, model.id, model.version);
    if (existing) {
      if (existing.hash === model.hash) return false;
      throw new ConflictError(
        `${model.id} version ${model.version} is already published with other content; versions are immutable, publish a new version.`,
        'published',
      );
    }
    await insertRatingModel(tx, toRow(model, 'api', ctx.actor.keyId));
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: ctx.actor.organizationId,
      action: 'rating_model.published',
      entityType: 'rating_model',
      entityId: `${model.id}@${model.version}`,
      before: null,
      after: summary,
    });
    return true;
  });
  ctx.models.published(model);
  return { model: summary, created };
}
