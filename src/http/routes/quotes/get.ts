import { entityTag } from '../../../services/concurrency';
import { getQuote } from '../../../services/quotes/get';
import { QUOTE_READERS } from '../../../services/quotes/present';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { EtagHeader, IdParam } from '../../schemas/common';
import { Quote } from '../../schemas/quote';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/quotes/{id}',
  operationId: 'getQuote',
  tags: ['Quotes'],
  summary: 'Get a quote',
  access: { roles: QUOTE_READERS },
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Quote, 'The quote.'), headers: EtagHeader }, 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const quote = await getQuote(serviceContext(c), c.req.valid('param').id);
    return c.json(quote, 200, { ETag: entityTag(quote) });
  });
