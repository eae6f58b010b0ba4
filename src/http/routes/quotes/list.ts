import { listVisibleQuotes } from '../../../services/quotes/list';
import { QUOTE_READERS } from '../../../services/quotes/present';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, type RouteDefaults } from '../../route';
import { page } from '../../schemas/common';
import { QuoteListQuery, QuoteSummary } from '../../schemas/quote';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/quotes',
  operationId: 'listQuotes',
  tags: ['Quotes'],
  summary: 'List quotes, newest first',
  description: 'Carrier keys see every quote; broker and applicant keys their own organisation’s applicants’.',
  access: { roles: QUOTE_READERS },
  request: { query: QuoteListQuery },
  responses: { 200: jsonResponse(page(QuoteSummary), 'A page.') },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await listVisibleQuotes(serviceContext(c), c.req.valid('query')), 200),
  );
