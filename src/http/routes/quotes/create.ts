import { entityTag } from '../../../services/concurrency';
import { createQuote } from '../../../services/quotes/create';
import { serviceContext } from '../../context';
import { jsonTextResponse } from '../../json-text';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { EtagHeader } from '../../schemas/common';
import { CreateQuote, Quote } from '../../schemas/quote';
import type { App } from '../../types';

const route = defineRoute({
  method: 'post',
  path: '/v1/quotes',
  operationId: 'createQuote',
  tags: ['Quotes'],
  summary: 'Quote an assessment',
  description:
    'Rates the assessment as of the server’s date with the model in force on `effectiveDate` and the loaded KEV catalog, and stores the rating input verbatim with the model id, version and hash. The quote is `declined` by a decline rule, `referred` by a referral rule or when beyond the creating underwriter’s authority, `quoted` otherwise; it supersedes any open quote of the same assessment. Applicant keys get indications from /v1/score instead (403).',
  access: { roles: ['underwriter', 'broker', 'applicant'] },
  idempotency: 'replay',
  request: { body: { required: true, content: { 'application/json': { schema: CreateQuote } } } },
  responses: {
    201: { ...jsonResponse(Quote, 'Quoted, referred or declined.'), headers: EtagHeader },
    404: problemResponse(404),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const quote = await createQuote(serviceContext(c), c.req.valid('json'));
    // The quote's own text: its rating result was serialised once, for its row and for this answer.
    return jsonTextResponse(c, quote.json, 201, { Location: `/v1/quotes/${quote.id}`, ETag: entityTag(quote) });
  });
