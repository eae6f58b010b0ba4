import { z } from '@hono/zod-openapi';
import { verifyAuditChains } from '../../../services/audit/verify';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import type { App } from '../../types';

const route = defineRoute({
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

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json(await verifyAuditChains(serviceContext(c)), 200));
