import { revokeKey } from '../../../services/api-keys/revoke';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { IdParam } from '../../schemas/common';
import { ApiKey } from '../../schemas/identity';
import type { App } from '../../types';

const route = defineRoute({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  operationId: 'revokeApiKey',
  tags: ['API keys'],
  summary: 'Revoke an API key at once',
  access: { roles: ['admin'] },
  request: { params: IdParam },
  responses: { 200: jsonResponse(ApiKey, 'Revoked.'), 404: problemResponse(404), 409: problemResponse(409) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json(await revokeKey(serviceContext(c), c.req.valid('param').id), 200));
