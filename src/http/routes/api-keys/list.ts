import { listKeys } from '../../../services/api-keys/list';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { itemsOf } from '../../schemas/common';
import { ApiKey } from '../../schemas/identity';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/api-keys',
  operationId: 'listApiKeys',
  tags: ['API keys'],
  summary: 'List API keys (never their secrets)',
  access: { roles: ['admin'] },
  responses: { 200: jsonResponse(itemsOf(ApiKey), 'The keys.') },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json({ items: await listKeys(serviceContext(c)) }, 200));
