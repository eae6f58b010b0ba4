import { listRatingModels } from '../../../services/rating-models/list';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { itemsOf } from '../../schemas/common';
import { ModelSummary } from '../../schemas/rating-model';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/rating-models',
  operationId: 'listRatingModels',
  tags: ['Rating models'],
  summary: 'List the loaded rating models',
  access: { roles: ALL_ROLES },
  responses: { 200: jsonResponse(itemsOf(ModelSummary), 'Every loaded model version.') },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json({ items: await listRatingModels(serviceContext(c)) }, 200));
