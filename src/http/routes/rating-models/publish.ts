import { z } from '@hono/zod-openapi';
import { publishModel } from '../../../services/rating-models/publish';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { ModelSummary } from '../../schemas/rating-model';
import type { App } from '../../types';

const MiB = 1024 * 1024;

const route = defineRoute({
  method: 'post',
  path: '/v1/rating-models',
  operationId: 'publishRatingModel',
  tags: ['Rating models'],
  summary: 'Publish a new rating-model version',
  description:
    'The model document (see models/README.md), up to 4 MiB, validated and compiled exactly as at start-up; a refusal names the path of the bad field. Versions are immutable: the same id and version with other content answers 409, the same content 200. Every process rates with a published version at once (the registry is in the database).',
  access: { roles: ['admin'] },
  idempotency: 'replay',
  bodyLimitBytes: 4 * MiB,
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: z.looseObject({}).openapi({ description: 'A rating-model document.' }) },
      },
    },
  },
  responses: {
    200: jsonResponse(ModelSummary, 'This version was already published with this content.'),
    201: jsonResponse(ModelSummary, 'Published.'),
    409: problemResponse(409),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    // The body as parsed, not as validated: the validator's object drops a top-level `__proto__` key, and the
    // model checks must see (and refuse) the document that was sent.
    const { model, created } = await publishModel(serviceContext(c), await c.req.json());
    const location = `/v1/rating-models/${model.id}/versions/${model.version}`;
    return created ? c.json(model, 201, { Location: location }) : c.json(model, 200, { Location: location });
  });
