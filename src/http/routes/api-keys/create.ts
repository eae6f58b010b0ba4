import { createApiKey } from '../../../services/api-keys/create';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { CreateApiKey, CreatedApiKey } from '../../schemas/identity';
import type { App } from '../../types';

const route = defineRoute({
  method: 'post',
  path: '/v1/api-keys',
  operationId: 'createApiKey',
  tags: ['API keys'],
  summary: 'Issue an API key',
  description: 'The secret is in this response only and is stored as a SHA-256 hash.',
  access: { roles: ['admin'] },
  idempotency: 'conflict',
  request: { body: { required: true, content: { 'application/json': { schema: CreateApiKey } } } },
  responses: { 201: jsonResponse(CreatedApiKey, 'Issued.'), 404: problemResponse(404), 409: problemResponse(409) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const key = await createApiKey(serviceContext(c), c.req.valid('json'));
    c.header('Cache-Control', 'no-store');
    return c.json(key, 201, { Location: `/v1/api-keys/${key.id}` });
  });
