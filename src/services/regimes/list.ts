import type { RegimeDefinition } from '../../domain/model/document';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';

export type RegimeKind = 'compliance' | 'safe_harbor';

function present(regime: RegimeDefinition) {
  return {
    id: regime.id,
    title: regime.title,
    citation: regime.citation,
    summary: regime.summary,
    effectiveFrom: regime.effectiveFrom,
    appliesTo: regime.appliesTo,
    requirements: regime.requirements,
    waives: regime.waives,
  };
}

/** The regimes of one kind in a model version: the one named, or else the one in force today. */
export async function listRegimes(
  ctx: ServiceContext,
  kind: RegimeKind,
  choice: { model?: string | undefined; modelVersion?: string | undefined },
) {
  const { model: id = ctx.defaultModelId, modelVersion } = choice;
  const model = modelVersion ? await ctx.models.get(id, modelVersion) : await ctx.models.inForce(id, ctx.today);
  if (!model) throw new NotFoundError(`rating model ${id}${modelVersion ? ` version ${modelVersion}` : ''}`);
  return {
    model: { id: model.id, version: model.version, hash: model.hash },
    items: model.document.regimes.filter((regime) => regime.kind === kind).map(present),
  };
}
