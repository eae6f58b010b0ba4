import { z } from '@hono/zod-openapi';
import { getRatingModelVersion } from '../../../services/rating-models/get-version';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { ModelSummary } from '../../schemas/rating-model';
import type { App } from '../../types';

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

const route = defineRoute({
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

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const { id, version } = c.req.valid('param');
    return c.json(await getRatingModelVersion(serviceContext(c), id, version), 200);
  });
