import type { Hook } from '@hono/zod-openapi';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ServiceError } from '../services/errors';
import { ApiError, type ProblemCode, problemBody } from './problem';
import type { AppEnv } from './types';
import { fieldProblems } from './validation';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  428: 'precondition_required',
  429: 'rate_limited',
  503: 'service_unavailable',
};

function fromServiceError(error: ServiceError): ApiError {
  switch (error.kind) {
    case 'not_found':
      return new ApiError('not_found', error.message);
    case 'conflict': {
      const currentState = 'currentState' in error ? error.currentState : undefined;
      return new ApiError('conflict', error.message, currentState ? { extensions: { currentState } } : {});
    }
    case 'precondition_failed':
      return new ApiError('precondition_failed', error.message);
    case 'precondition_required':
      return new ApiError('precondition_required', error.message);
    case 'forbidden':
      return new ApiError('forbidden', error.message, {
        extensions: { reason: 'reason' in error ? error.reason : 'forbidden' },
      });
    case 'invalid':
      return new ApiError('validation_failed', error.message, {
        errors: 'errors' in error ? (error.errors as ApiError['options']['errors']) : [],
      });
  }
}

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof ServiceError) return fromServiceError(error);
  if (error instanceof HTTPException) {
    const code = CODE_BY_STATUS[error.status];
    if (code) return new ApiError(code, error.message || 'The request could not be processed.');
  }
  return undefined;
}

export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const body = problemBody(error, c.req.path, c.var.requestId ?? 'unknown');
  const headers = new Headers({ 'Content-Type': 'application/problem+json' });
  const requestId = c.var.requestId;
  if (requestId) headers.set('X-Request-Id', requestId);
  for (const [name, value] of Object.entries(error.options.headers ?? {})) headers.set(name, value);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** The one place any thrown error becomes a response. Internals go to the log, never into the body. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const known = toApiError(error);
  if (known) return problemResponse(c, known);
  c.var.deps?.logger.error(
    { err: error, requestId: c.var.requestId, method: c.req.method, path: c.req.path },
    'unhandled error',
  );
  return problemResponse(
    c,
    new ApiError('internal_error', 'The server failed to process the request. Quote the request id when reporting it.'),
  );
};

/** zod failures of body, query, path or headers: 422 naming each field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const prefix = result.target === 'json' ? undefined : result.target;
  throw new ApiError('validation_failed', 'The request does not match the schema; see errors for each field.', {
    errors: fieldProblems(result.error, prefix),
  });
};

function patternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  // Exact, as hono's router matches: a trailing slash names no route, so it is a 404, not a wrong method.
  return new RegExp(`^${source}$`);
}

/**
 * hono answers any unmatched method with 404; a path that exists under other methods gets 405 with `Allow`.
 */
export function createNotFoundHandler(
  routes: () => readonly { method: string; path: string }[],
): NotFoundHandler<AppEnv> {
  let table: { regexp: RegExp; method: string }[] | undefined;
  return (c) => {
    table ??= routes()
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({ regexp: patternToRegExp(route.path), method: route.method }));
    const allowed = new Set(table.filter((route) => route.regexp.test(c.req.path)).map((route) => route.method));
    if (allowed.size > 0) {
      if (allowed.has('GET')) allowed.add('HEAD');
      const allow = [...allowed].sort().join(', ');
      return problemResponse(
        c,
        new ApiError('method_not_allowed', `${c.req.method} is not supported on ${c.req.path}; use ${allow}.`, {
          headers: { Allow: allow },
        }),
      );
    }
    return problemResponse(c, new ApiError('not_found', `No route matches ${c.req.method} ${c.req.path}.`));
  };
}
