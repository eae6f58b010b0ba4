import { listVisibleOrganizations } from '../../../services/organizations/list';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { itemsOf } from '../../schemas/common';
import { Organization } from '../../schemas/identity';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/organizations',
  operationId: 'listOrganizations',
  tags: ['Organizations'],
  summary: 'List organisations',
  description: 'Carrier keys see every organisation; other keys see their own.',
  access: { roles: ALL_ROLES },
  responses: { 200: jsonResponse(itemsOf(Organization), 'The organisations.') },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json({ items: await listVisibleOrganizations(serviceContext(c)) }, 200));
