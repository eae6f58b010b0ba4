import { z } from '@hono/zod-openapi';
import { createApiKey } from '../../../services/api-keys/create';
import { listKeys } from '../../../services/api-keys/list';
import { revokeKey } from '../../../services/api-keys/revoke';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { ApiKey, CreateApiKey, CreatedApiKey, IdParam } from '../../schemas/identity';
import type { App } from '../../types';

const create = defineRoute({
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

const list = defineRoute({
  method: 'get',
  path: '/v1/api-keys',
  operationId: 'listApiKeys',
  tags: ['API keys'],
  summary: 'List API keys (never their secrets)',
  access: { roles: ['admin'] },
  responses: { 200: jsonResponse(z.object({ items: z.array(ApiKey) }), 'The keys.') },
});

const revoke = defineRoute({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  operationId: 'revokeApiKey',
  tags: ['API keys'],
  summary: 'Revoke an API key at once',
  access: { roles: ['admin'] },
  request: { params: IdParam },
  responses: { 200: jsonResponse(ApiKey, 'Revoked.'), 404: problemResponse(404), 409: problemResponse(409) },
});

export function registerApiKeyRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(create(defaults), async (c) => {
    const key = await createApiKey(serviceContext(c), c.req.valid('json'));
    c.header('Cache-Control', 'no-store');
    return c.json(key, 201, { Location: `/v1/api-keys/${key.id}` });
  });
  app.openapi(list(defaults), async (c) => c.json({ items: await listKeys(serviceContext(c)) }, 200));
  app.openapi(revoke(defaults), async (c) => c.json(await revokeKey(serviceContext(c), c.req.valid('param').id), 200));
}
