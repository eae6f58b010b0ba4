import { z } from '@hono/zod-openapi';
import { ApiError } from '../../problem';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';

const ReadinessSchema = z
  .object({
    status: z.literal('ready'),
    database: z.enum(['pglite', 'postgres']).openapi({ description: 'Which database serves this process.' }),
  })
  .openapi('Readiness');

const route = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['System'],
  summary: 'Readiness: the database answers',
  access: 'public',
  responses: {
    200: jsonResponse(ReadinessSchema, 'The database answered; the process can serve requests.'),
    503: problemResponse(503),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const { database, config, logger } = c.var.deps;
    try {
      await database.ping(config.READINESS_TIMEOUT_MS);
    } catch (error) {
      logger.warn({ err: error, requestId: c.var.requestId }, 'readiness check failed');
      throw new ApiError('service_unavailable', 'The database is not answering.', { headers: { 'Retry-After': '5' } });
    }
    return c.json({ status: 'ready' as const, database: database.kind }, 200);
  });
