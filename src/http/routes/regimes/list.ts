import { z } from '@hono/zod-openapi';
import type { RegimeDefinition } from '../../../domain/model/document';
import { NotFoundError } from '../../../services/errors';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';

const Regime = z
  .object({
    id: z.string(),
    title: z.string(),
    citation: z.string(),
    summary: z.string(),
    effectiveFrom: z.string(),
    appliesTo: z.object({
      jurisdictions: z.array(z.string()).optional(),
      deviceCategories: z.array(z.string()).optional(),
      excludedDeviceCategories: z.array(z.string()).optional(),
      dataTypes: z.array(z.string()).optional(),
      roles: z.array(z.string()).optional(),
      sectors: z.array(z.string()).optional(),
      when: z.string().optional().openapi({ description: 'Further condition, as a model expression.' }),
    }),
    requirements: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        met: z.string().openapi({ description: 'The model expression that decides it.' }),
        evidence: z.string(),
        level: z.enum(['required', 'full']),
        appliesFrom: z.string().optional(),
      }),
    ),
    waives: z.array(z.string()).openapi({ description: 'Posture restrictions an eligible applicant is relieved of.' }),
  })
  .openapi('Regime');

const RegimeList = z.object({
  model: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  items: z.array(Regime),
});

const ModelQuery = z.object({
  model: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/)
    .optional()
    .openapi({ description: 'Rating model id.' }),
  modelVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional()
    .openapi({ description: 'A model version; otherwise the version in force today.' }),
});

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

function register(app: App, defaults: RouteDefaults, kind: 'compliance' | 'safe_harbor') {
  const compliance = kind === 'compliance';
  const route = defineRoute({
    method: 'get',
    path: compliance ? '/v1/compliance/regimes' : '/v1/safe-harbor/regimes',
    operationId: compliance ? 'listComplianceRegimes' : 'listSafeHarborRegimes',
    tags: ['Regimes'],
    summary: compliance
      ? 'Compliance regimes of the rating model, with requirements and citations'
      : 'Safe-harbor regimes of the rating model, with requirements and citations',
    access: { roles: ALL_ROLES },
    request: { query: ModelQuery },
    responses: { 200: jsonResponse(RegimeList, 'The regimes.'), 404: problemResponse(404) },
  });
  app.openapi(route(defaults), async (c) => {
    const { models, config, clock } = c.var.deps;
    const { model: id = config.DEFAULT_MODEL_ID, modelVersion } = c.req.valid('query');
    const model = modelVersion
      ? await models.get(id, modelVersion)
      : await models.inForce(id, clock().toISOString().slice(0, 10));
    if (!model) throw new NotFoundError(`rating model ${id}${modelVersion ? ` version ${modelVersion}` : ''}`);
    return c.json(
      {
        model: { id: model.id, version: model.version, hash: model.hash },
        items: model.document.regimes.filter((regime) => regime.kind === kind).map(present),
      },
      200,
    );
  });
}

export function registerRegimeRoutes(app: App, defaults: RouteDefaults): void {
  register(app, defaults, 'compliance');
  register(app, defaults, 'safe_harbor');
}
