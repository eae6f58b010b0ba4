import { z } from '@hono/zod-openapi';
import { defineRoute, type RouteDefaults } from '../../route';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['System'],
  summary: 'Prometheus metrics',
  description:
    'Request counts and latency histograms by method, route pattern and status, plus Node.js process metrics, ' +
    'in the Prometheus text exposition format.',
  access: 'public',
  responses: {
    200: {
      description: 'Metrics in the Prometheus text format.',
      content: { 'text/plain': { schema: z.string() } },
    },
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const { registry } = c.var.metrics;
    return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
