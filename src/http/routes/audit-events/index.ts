import { z } from '@hono/zod-openapi';
import { listAuditEvents } from '../../../services/audit/list';
import { verifyAuditChains } from '../../../services/audit/verify';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
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

const list = defineRoute({
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
    200: jsonResponse(z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() }), 'A page of events.'),
  },
});

const verify = defineRoute({
  method: 'get',
  path: '/v1/audit-events/verify',
  operationId: 'verifyAuditEvents',
  tags: ['Audit'],
  summary: 'Recompute every organisation’s audit chain',
  access: { roles: ['admin', 'underwriter'] },
  responses: {
    200: jsonResponse(
      z
        .object({
          valid: z.boolean(),
          checked: z.number().int().openapi({ description: 'Events verified before the first broken one.' }),
          firstBrokenEventId: z.string().optional(),
        })
        .openapi('AuditVerification'),
      'The verification.',
    ),
  },
});

export function registerAuditRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(verify(defaults), async (c) => c.json(await verifyAuditChains(serviceContext(c)), 200));
  app.openapi(list(defaults), async (c) => c.json(await listAuditEvents(serviceContext(c), c.req.valid('query')), 200));
}
