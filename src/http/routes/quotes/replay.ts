import { replayQuote } from '../../../services/quotes/replay';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { IdParam } from '../../schemas/common';
import { Replay } from '../../schemas/quote';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/quotes/{id}/replay',
  operationId: 'replayQuote',
  tags: ['Quotes'],
  summary: 'Re-rate a quote from its stored input with its pinned model',
  description:
    '`identical: true` proves the stored result (every cent of every premium) is what the pinned model makes of the stored input; otherwise `differences` says where they part.',
  access: { roles: ['underwriter'] },
  request: { params: IdParam },
  responses: { 200: jsonResponse(Replay, 'The comparison.'), 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => c.json(await replayQuote(serviceContext(c), c.req.valid('param').id), 200));
