import { getOrganization } from '../../../services/organizations/get';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { IdParam } from '../../schemas/common';
import { Organization } from '../../schemas/identity';
import type { App } from '../../types';

const route = defineRoute({
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

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await getOrganization(serviceContext(c), c.req.valid('param').id), 200),
  );
