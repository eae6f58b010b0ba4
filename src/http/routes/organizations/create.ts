import { createOrganization } from '../../../services/organizations/create';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { CreateOrganization, Organization } from '../../schemas/identity';
import type { App } from '../../types';

const route = defineRoute({
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

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const organization = await createOrganization(serviceContext(c), c.req.valid('json'));
    return c.json(organization, 201, { Location: `/v1/organizations/${organization.id}` });
  });
