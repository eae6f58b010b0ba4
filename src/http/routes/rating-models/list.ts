import { z } from '@hono/zod-openapi';
import { ALL_ROLES, defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';

export const ModelSummary = z
  .object({
    id: z.string().openapi({ example: 'iot-cyber' }),
    version: z.string().openapi({ example: '1.0.0' }),
    hash: z.string().openapi({ description: 'sha256 of the canonical JSON (RFC 8785) of the model document.' }),
    title: z.string(),
    effectiveFrom: z.string().openapi({ description: 'First rating or effective date the version applies to.' }),
    currency: z.string(),
  })
  .openapi('RatingModelSummary');

const route = defineRoute({
  method: 'get',
  path: '/v1/rating-models',
  operationId: 'listRatingModels',
  tags: ['Rating models'],
  summary: 'List the loaded rating models',
  access: { roles: ALL_ROLES },
  responses: { 200: jsonResponse(z.object({ items: z.array(ModelSummary) }), 'Every loaded model version.') },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json({ items: await c.var.deps.models.list() }, 200));
