import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { entityTag } from '../../../services/concurrency';
import { approveQuote } from '../../../services/quotes/approve';
import { bindQuote } from '../../../services/quotes/bind';
import { createQuote } from '../../../services/quotes/create';
import { declineQuote, markNotTakenUp, requestBind } from '../../../services/quotes/lifecycle';
import { QUOTE_READERS, type QuoteView } from '../../../services/quotes/present';
import { getQuote, listVisibleQuotes } from '../../../services/quotes/read';
import { replayQuote } from '../../../services/quotes/replay';
import { resolveSubjectivity } from '../../../services/quotes/subjectivities';
import { underwritingContext } from '../../context';
import { jsonTextResponse } from '../../json-text';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { page } from '../../schemas/assessment';
import { IdParam } from '../../schemas/identity';
import {
  ApproveBody,
  CreateQuote,
  DeclineBody,
  NotTakenUpBody,
  OptionChoice,
  Quote,
  QuoteListQuery,
  QuoteSummary,
  Replay,
  SatisfyBody,
  WaiveBody,
} from '../../schemas/quote';
import type { App, AppEnv } from '../../types';

const TAG = ['Quotes'];
const etagHeader = {
  ETag: { description: 'The current revision, for If-Match.', schema: { type: 'string' as const } },
};
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag last read (required: 428 without).' }),
});

const create = defineRoute({
  method: 'post',
  path: '/v1/quotes',
  operationId: 'createQuote',
  tags: TAG,
  summary: 'Quote an assessment',
  description:
    'Rates the assessment as of the server’s date with the model in force on `effectiveDate` and the loaded KEV catalog, and stores the rating input verbatim with the model id, version and hash. The quote is `declined` by a decline rule, `referred` by a referral rule or when beyond the creating underwriter’s authority, `quoted` otherwise; it supersedes any open quote of the same assessment. Applicant keys get indications from /v1/score instead (403).',
  access: { roles: ['underwriter', 'broker', 'applicant'] },
  idempotency: 'replay',
  request: { body: { required: true, content: { 'application/json': { schema: CreateQuote } } } },
  responses: {
    201: { ...jsonResponse(Quote, 'Quoted, referred or declined.'), headers: etagHeader },
    404: problemResponse(404),
  },
});

const list = defineRoute({
  method: 'get',
  path: '/v1/quotes',
  operationId: 'listQuotes',
  tags: TAG,
  summary: 'List quotes, newest first',
  description: 'Carrier keys see every quote; broker and applicant keys their own organisation’s applicants’.',
  access: { roles: QUOTE_READERS },
  request: { query: QuoteListQuery },
  responses: { 200: jsonResponse(page(QuoteSummary), 'A page.') },
});

const get = defineRoute({
  method: 'get',
  path: '/v1/quotes/{id}',
  operationId: 'getQuote',
  tags: TAG,
  summary: 'Get a quote',
  access: { roles: QUOTE_READERS },
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Quote, 'The quote.'), headers: etagHeader }, 404: problemResponse(404) },
});

const replay = defineRoute({
  method: 'get',
  path: '/v1/quotes/{id}/replay',
  operationId: 'replayQuote',
  tags: TAG,
  summary: 'Re-rate a quote from its stored input with its pinned model',
  description:
    '`identical: true` proves the stored result (every cent of every premium) is what the pinned model makes of the stored input; otherwise `differences` says where they part.',
  access: { roles: ['underwriter'] },
  request: { params: IdParam },
  responses: { 200: jsonResponse(Replay, 'The comparison.'), 404: problemResponse(404) },
});

const transitionResponses = {
  200: { ...jsonResponse(Quote, 'Changed.'), headers: etagHeader },
  404: problemResponse(404),
  409: problemResponse(409),
  412: problemResponse(412),
  428: problemResponse(428),
};

function transition<B extends z.ZodType, P extends z.ZodObject = typeof IdParam>(spec: {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  roles: readonly ('underwriter' | 'broker')[];
  body: B;
  params?: P;
}) {
  return defineRoute({
    method: 'post',
    path: spec.path,
    operationId: spec.operationId,
    tags: TAG,
    summary: spec.summary,
    description: `${spec.description} Needs If-Match with the quote’s ETag (428 without, 412 when stale); 409 names the current state when the quote is not in one this allows.`,
    access: { roles: spec.roles },
    request: {
      params: (spec.params ?? IdParam) as P,
      headers: IfMatch,
      body: { required: true, content: { 'application/json': { schema: spec.body } } },
    },
    responses: transitionResponses,
  });
}

const approve = transition({
  path: '/v1/quotes/{id}/approve',
  operationId: 'approveQuote',
  summary: 'Approve a referred quote (or override an overridable decline)',
  description:
    'An underwriter whose authority covers every option. An optional schedule adjustment within the model’s caps re-prices the quote, appearing as its own waterfall step titled with the reason. Overriding a decline needs `canOverrideDecline` and a decline the rules made with overridable reasons only.',
  roles: ['underwriter'],
  body: ApproveBody,
});
const requestBindRoute = transition({
  path: '/v1/quotes/{id}/request-bind',
  operationId: 'requestBind',
  summary: 'Ask for an option to be bound',
  description: 'A broker (or underwriter) asks for one option of a quoted quote to be bound.',
  roles: ['underwriter', 'broker'],
  body: OptionChoice,
});
const bind = transition({
  path: '/v1/quotes/{id}/bind',
  operationId: 'bindQuote',
  summary: 'Bind an option',
  description:
    'An underwriter whose authority covers the option, on a quoted or bind-requested quote that has not expired, with every pre-bind subjectivity satisfied or waived (409 lists the open ones).',
  roles: ['underwriter'],
  body: OptionChoice,
});
const decline = transition({
  path: '/v1/quotes/{id}/decline',
  operationId: 'declineQuote',
  summary: 'Decline a quote',
  description: 'An underwriter declines a quoted, referred or bind-requested quote, with a reason; it is final.',
  roles: ['underwriter'],
  body: DeclineBody,
});
const notTakenUp = transition({
  path: '/v1/quotes/{id}/not-taken-up',
  operationId: 'markNotTakenUp',
  summary: 'Record that the offer was not taken up',
  description: 'On a quoted or bind-requested quote.',
  roles: ['underwriter', 'broker'],
  body: NotTakenUpBody,
});

const SubjectivityParams = IdParam.extend({
  code: z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'KEV_REMEDIATE:CVE-2023-1389' }),
});
const satisfy = transition({
  path: '/v1/quotes/{id}/subjectivities/{code}/satisfy',
  operationId: 'satisfySubjectivity',
  summary: 'Record a subjectivity as satisfied',
  description: 'An underwriter accepts the evidence given. On a live or bound quote.',
  roles: ['underwriter'],
  body: SatisfyBody,
  params: SubjectivityParams,
});
const waive = transition({
  path: '/v1/quotes/{id}/subjectivities/{code}/waive',
  operationId: 'waiveSubjectivity',
  summary: 'Waive a subjectivity',
  description: 'An underwriter whose authority has `canWaive`, with a reason. On a live or bound quote.',
  roles: ['underwriter'],
  body: WaiveBody,
  params: SubjectivityParams,
});

export function registerQuoteRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(create(defaults), async (c) => {
    const quote = await createQuote(underwritingContext(c), c.req.valid('json'));
    // The quote's own text: its rating result was serialised once, for its row and for this answer.
    return jsonTextResponse(c, quote.json, 201, { Location: `/v1/quotes/${quote.id}`, ETag: entityTag(quote) });
  });
  app.openapi(list(defaults), async (c) =>
    c.json(await listVisibleQuotes(underwritingContext(c), c.req.valid('query')), 200),
  );
  app.openapi(get(defaults), async (c) => {
    const quote = await getQuote(underwritingContext(c), c.req.valid('param').id);
    return c.json(quote, 200, { ETag: entityTag(quote) });
  });
  app.openapi(replay(defaults), async (c) =>
    c.json(await replayQuote(underwritingContext(c), c.req.valid('param').id), 200),
  );

  app.openapi(approve(defaults), async (c) =>
    c.json(...changed(await approveQuote(underwritingContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
  app.openapi(requestBindRoute(defaults), async (c) =>
    c.json(...changed(await requestBind(underwritingContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
  app.openapi(bind(defaults), async (c) =>
    c.json(...changed(await bindQuote(underwritingContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
  app.openapi(decline(defaults), async (c) =>
    c.json(...changed(await declineQuote(underwritingContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
  app.openapi(notTakenUp(defaults), async (c) =>
    c.json(...changed(await markNotTakenUp(underwritingContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
  app.openapi(satisfy(defaults), async (c) => {
    const { evidence } = c.req.valid('json');
    const code = c.req.valid('param').code;
    return c.json(
      ...changed(
        await resolveSubjectivity(underwritingContext(c), idOf(c), code, ifMatch(c), { kind: 'satisfied', evidence }),
      ),
    );
  });
  app.openapi(waive(defaults), async (c) => {
    const { reason } = c.req.valid('json');
    const code = c.req.valid('param').code;
    return c.json(
      ...changed(
        await resolveSubjectivity(underwritingContext(c), idOf(c), code, ifMatch(c), { kind: 'waived', reason }),
      ),
    );
  });
}

/** A changed quote answers 200 with its new ETag. */
const changed = (quote: QuoteView) => [quote, 200, { ETag: entityTag(quote) }] as const;
/** The route's validator has checked the id before any handler runs. */
const idOf = (c: Context<AppEnv>) => c.req.param('id')!;
const ifMatch = (c: Context<AppEnv>) => c.req.header('if-match');
