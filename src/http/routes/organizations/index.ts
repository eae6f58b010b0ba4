import { z } from '@hono/zod-openapi';
import { createOrganization } from '../../../services/organizations/create';
import { getOrganization } from '../../../services/organizations/get';
import { listVisibleOrganizations } from '../../../services/organizations/list';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { CreateOrganization, IdParam, Organization } from '../../schemas/identity';
import type { App } from '../../types';

const create = defineRoute({
  method: 'post',
  path: '/v1/organizations',
  operationId: 'createOrganization',
  tags: ['Organizations'],
  summary: 'Register an organisation (tenant)',
  access: { roles: ['admin'] },
  idempotency: 'replay',
  request: { body: { required: true, content: { 'application/json': { schema: CreateOrganization } } } },
  responses: { 201: jsonResponse(Organization, 'Created.') },
});

const list = defineRoute({
  method: 'get',
  path: '/v1/organizations',
  operationId: 'listOrganizations',
  tags: ['Organizations'],
  summary: 'List organisations',
  description: 'Carrier keys see every organisation; other keys see their own.',
  access: { roles: ALL_ROLES },
  responses: { 200: jsonResponse(z.object({ items: z.array(Organization) }), 'The organisations.') },
});

const get = defineRoute({
  method: 'get',
  path: '/v1/organizations/{id}',
  operationId: 'getOrganization',
  tags: ['Organizations'],
  summary: 'Get an organisation',
  description: 'Carrier keys may read any organisation; other keys their own (another one answers 404).',
  access: { roles: ALL_ROLES },
  request: { params: IdParam },
  responses: { 200: jsonResponse(Organization, 'The organisation.'), 404: problemResponse(404) },
});

export function registerOrganizationRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(create(defaults), async (c) => {
    const organization = await createOrganization(serviceContext(c), c.req.valid('json'));
    return c.json(organization, 201, { Location: `/v1/organizations/${organization.id}` });
  });
  app.openapi(list(defaults), async (c) => c.json({ items: await listVisibleOrganizations(serviceContext(c)) }, 200));
  app.openapi(get(defaults), async (c) =>
    c.json(await getOrganization(serviceContext(c), c.req.valid('param').id), 200),
  );
}
