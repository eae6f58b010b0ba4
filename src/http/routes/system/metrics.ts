import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { ApiError } from '../../problem';
import { defineRoute, problemResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';

const digest = (text: string) => createHash('sha256').update(text).digest();

const route = defineRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['System'],
  summary: 'Prometheus metrics',
  description:
    'Request counts and latency histograms by method, route pattern and status, plus Node.js process metrics, ' +
    'in the Prometheus text exposition format. Needs `Authorization: Bearer <METRICS_TOKEN>`, the scraper token ' +
    'set in the server’s configuration (not an API key); without that setting the route is not served (404).',
  access: 'public',
  responses: {
    200: {
      description: 'Metrics in the Prometheus text format.',
      content: { 'text/plain': { schema: z.string() } },
    },
    401: problemResponse(401),
    404: problemResponse(404),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const token = c.var.deps.config.METRICS_TOKEN;
    if (token === undefined) throw new ApiError('not_found', `No route matches ${c.req.method} ${c.req.path}.`);
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit that times how much matched.
    const presented = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(presented), digest(token))) {
      throw new ApiError(
        'unauthorized',
        'GET /metrics needs the scraper token: Authorization: Bearer <METRICS_TOKEN>.',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        },
      );
    }
    const { registry } = c.var.metrics;
    return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
