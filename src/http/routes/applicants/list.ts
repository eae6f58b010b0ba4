import { z } from '@hono/zod-openapi';
import { SECTORS } from '../../../domain/posture/enums';
import { listVisibleApplicants } from '../../../services/applicants/list';
import { OWNER_ROLES } from '../../../services/applicants/present';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { Applicant } from '../../schemas/applicant';
import { page } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/applicants',
  operationId: 'listApplicants',
  tags: ['Applicants'],
  summary: 'List applicants, newest first',
  description: 'Carrier keys see every applicant; broker and applicant keys their own organisation’s.',
  access: { roles: OWNER_ROLES },
  request: {
    query: z.object({
      sector: z.enum(SECTORS).optional(),
      name: z.string().min(1).max(200).optional().openapi({ description: 'Part of the legal name, any case.' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(500).optional(),
    }),
  },
  responses: {
    200: jsonResponse(page(Applicant), 'A page.'),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await listVisibleApplicants(serviceContext(c), c.req.valid('query')), 200),
  );
