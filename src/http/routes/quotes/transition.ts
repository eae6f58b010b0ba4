import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { entityTag } from '../../../services/concurrency';
import type { QuoteView } from '../../../services/quotes/present';
import { defineRoute, jsonResponse, problemResponse } from '../../route';
import { EtagHeader, IdParam, IfMatch } from '../../schemas/common';
import { Quote } from '../../schemas/quote';
import type { AppEnv } from '../../types';

/**
 * What every change of a quote shares: a POST on the quote with If-Match, its responses, and the handler's
 * reading of the id and tag and answer with the new ETag.
 */

const transitionResponses = {
  200: { ...jsonResponse(Quote, 'Changed.'), headers: EtagHeader },
  404: problemResponse(404),
  409: problemResponse(409),
  412: problemResponse(412),
  428: problemResponse(428),
};

export function transition<B extends z.ZodType, P extends z.ZodObject = typeof IdParam>(spec: {
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
    tags: ['Quotes'],
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

export const SubjectivityParams = IdParam.extend({
  code: z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'KEV_REMEDIATE:CVE-2023-1389' }),
});

/** A changed quote answers 200 with its new ETag. */
export const changed = (quote: QuoteView) => [quote, 200, { ETag: entityTag(quote) }] as const;
/** The route's validator has checked the id before any handler runs. */
export const idOf = (c: Context<AppEnv>) => c.req.param('id')!;
export const ifMatch = (c: Context<AppEnv>) => c.req.header('if-match');
