import { z } from '@hono/zod-openapi';
import { listAuditEvents } from '../../../services/audit/list';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { page } from '../../schemas/common';
import type { App } from '../../types';

const AuditEvent = z
  .object({
    id: z.string(),
    organizationId: z.string().openapi({ description: 'The chain it is on: the owner of the entity.' }),
    seq: z.number().int(),
    action: z.string().openapi({ example: 'api_key.created' }),
    entityType: z.string(),
    entityId: z.string(),
    actor: z.object({
      keyId: z.string().nullable(),
      role: z.string().nullable(),
      organizationId: z.string().nullable(),
    }),
    before: z.unknown(),
    after: z.unknown(),
    occurredAt: z.string(),
    hash: z.string(),
    prevHash: z.string(),
  })
  .openapi('AuditEvent');

const route = defineRoute({
  method: 'get',
  path: '/v1/audit-events',
  operationId: 'listAuditEvents',
  tags: ['Audit'],
  summary: 'Audit events, newest first',
  access: { roles: ['admin', 'underwriter'] },
  request: {
    query: z.object({
      entityType: z.string().max(64).optional().openapi({ example: 'api_key' }),
      entityId: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size, at most 200.' }),
      cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page.' }),
    }),
  },
  responses: {
    200: jsonResponse(page(AuditEvent), 'A page of events.'),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await listAuditEvents(serviceContext(c), c.req.valid('query')), 200),
  );
