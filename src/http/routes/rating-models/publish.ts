import { z } from '@hono/zod-openapi';
import { findRatingModel } from '../../../db/queries/rating-models';
import { NotFoundError } from '../../../services/errors';
import { publishModel } from '../../../services/rating-models/registry';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';
import { ModelSummary } from './list';

const MiB = 1024 * 1024;

const publish = defineRoute({
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

const VersionParams = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'iot-cyber' }),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .openapi({ param: { name: 'version', in: 'path' }, example: '1.0.0' }),
});

const getVersion = defineRoute({
  method: 'get',
  path: '/v1/rating-models/{id}/versions/{version}',
  operationId: 'getRatingModelVersion',
  tags: ['Rating models'],
  summary: 'A rating-model version with its full document',
  access: { roles: ALL_ROLES },
  request: { params: VersionParams },
  responses: {
    200: jsonResponse(
      ModelSummary.extend({
        document: z
          .record(z.string(), z.unknown())
          .openapi({ description: 'The document exactly as hashed (canonical JSON).' }),
      }),
      'The version.',
    ),
    404: problemResponse(404),
  },
});

export function registerPublishRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(publish(defaults), async (c) => {
    // The body as parsed, not as validated: the validator's object drops a top-level `__proto__` key, and the
    // model checks must see (and refuse) the document that was sent.
    const { model, created } = await publishModel(serviceContext(c), c.var.deps.models, await c.req.json());
    const location = `/v1/rating-models/${model.id}/versions/${model.version}`;
    return created ? c.json(model, 201, { Location: location }) : c.json(model, 200, { Location: location });
  });
  app.openapi(getVersion(defaults), async (c) => {
    const { id, version } = c.req.valid('param');
    const row = await findRatingModel(c.var.deps.database.db, id, version);
    if (!row) throw new NotFoundError(`rating model ${id} version ${version}`);
    return c.json(
      {
        id: row.id,
        version: row.version,
        hash: row.hash,
        title: row.title,
        effectiveFrom: row.effectiveFrom,
        currency: row.currency,
        document: JSON.parse(row.canonical) as Record<string, unknown>,
      },
      200,
    );
  });
}
