import { z } from '@hono/zod-openapi';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    uptimeSeconds: z.number().openapi({ description: 'Seconds since the process started.' }),
  })
  .openapi('Health');

const route = defineRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getHealth',
  tags: ['System'],
  summary: 'Liveness: the process is up',
  description: 'Answers without touching the database; use `/readyz` to know whether requests can be served.',
  access: 'public',
  responses: { 200: jsonResponse(HealthSchema, 'The process is running.') },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), (c) =>
    c.json({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }, 200),
  );
