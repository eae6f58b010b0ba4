import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../services/context';
import { requireKey } from './middleware/auth';
import { IDEMPOTENCY_KEY_PATTERN, type IdempotencyMode, idempotency } from './middleware/idempotency';
import { jsonBody } from './middleware/json-body';
import { ProblemSchema } from './problem';
import { validatedSynchronously } from './synchronous-validation';
import type { AppEnv } from './types';

type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Malformed JSON, a body that is not UTF-8, or an unusable request.',
  401: 'No API key, or an unknown, revoked or expired one.',
  403: 'The key is valid but its role may not do this.',
  404: 'No such object, or one the caller may not see.',
  405: 'The path exists but not with this method.',
  409: 'The object is not in a state that allows this.',
  412: 'The If-Match ETag is stale.',
  413: 'The request body is larger than the route allows.',
  415: 'The request body is not application/json.',
  422: 'The request failed validation; `errors` names each field. Text anywhere in a request (body fields, property names, query values) is refused when it holds NUL (U+0000) or an unpaired surrogate: neither can be stored as sent.',
  428: 'The request needs an If-Match header.',
  429: 'Too many requests; see Retry-After.',
  500: 'Unexpected failure; details are in the server log under the request id.',
  503: 'A dependency such as the database is not answering.',
};

export function problemResponse(status: ProblemStatus) {
  return {
    description: PROBLEM_DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: ProblemSchema } },
  };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A request body is always JSON and always required: zod-openapi skips validation of a body not marked required. */
type JsonRequestBody = {
  content: { 'application/json': { schema: z.ZodType } };
  required: true;
  description?: string;
};

export type RouteAccess = 'public' | { roles: readonly Role[] };

export const ALL_ROLES: readonly Role[] = ['admin', 'underwriter', 'broker', 'applicant'];

export interface RouteOptions {
  /** Who may call the route. Public routes are the short allow-list served without a key. */
  access: RouteAccess;
  /** Maximum request body size; defaults to the service's BODY_LIMIT_BYTES. */
  bodyLimitBytes?: number;
  /** Creating POSTs accept an Idempotency-Key (see middleware/idempotency.ts). */
  idempotency?: IdempotencyMode;
}

const IdempotencyKeyHeader = z.object({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY_PATTERN).optional().openapi({
    description:
      'Makes a retry safe: the same key with the same request within 24 hours gets the stored response (with `Idempotent-Replayed: true`) instead of creating again; with another request, 422. Keys are per organisation; 1 to 255 visible ASCII characters, such as a UUID.',
    example: '6f1c9a52-3d7e-4c1b-9a4e-2b8f0d6c7e11',
  }),
});

type DefinableRoute = Omit<RouteConfig, 'middleware'> & {
  operationId: string;
  tags: string[];
  request?: Omit<NonNullable<RouteConfig['request']>, 'body'> & { body?: JsonRequestBody };
};

export interface RouteDefaults {
  bodyLimitBytes: number;
  /** The app's per-key limiter, shared by every keyed route. */
  rateLimit: MiddlewareHandler<AppEnv>;
}

/** Every declared route's access, by `METHOD /path/{param}`: the security suite walks it. */
export const ROUTE_ACCESS = new Map<string, RouteAccess>();

/**
 * Every route is declared here, so each one gets the same guarantees: an operation id, the shared problem
 * responses in the OpenAPI document, and the central JSON body handling (415, 413, 400) before validation (422).
 * Returns a factory so limits come from configuration at app construction, not from module state.
 */
export function defineRoute<const R extends DefinableRoute>(spec: R & RouteOptions) {
  const { access, bodyLimitBytes, idempotency: idempotencyMode, ...route } = spec;
  if (idempotencyMode && (route.method !== 'post' || access === 'public' || !route.request?.body)) {
    throw new Error(`Route ${route.operationId}: only keyed POSTs with a body take an Idempotency-Key`);
  }
  if (route.request?.body && route.request.body.required !== true) {
    throw new Error(`Route ${route.operationId}: a request body must be declared required: true`);
  }
  if (access !== 'public' && access.roles.length === 0)
    throw new Error(`Route ${route.operationId}: no role may call it`);
  ROUTE_ACCESS.set(`${route.method.toUpperCase()} ${route.path}`, access);
  if (route.request?.body) validatedSynchronously(route.request.body.content['application/json'].schema);
  return (defaults: RouteDefaults) => {
    const hasBody = Boolean(route.request?.body);
    const hasParameters = Boolean(route.request?.params || route.request?.query || route.request?.headers);
    const shared: Partial<Record<ProblemStatus, ReturnType<typeof problemResponse>>> = { 500: problemResponse(500) };
    if (hasBody) {
      shared[400] = problemResponse(400);
      shared[413] = problemResponse(413);
      shared[415] = problemResponse(415);
    }
    if (hasBody || hasParameters) shared[422] = problemResponse(422);
    const middleware: MiddlewareHandler<AppEnv>[] = [];
    if (access !== 'public') {
      shared[401] = problemResponse(401);
      shared[403] = problemResponse(403);
      shared[429] = problemResponse(429);
      // Authentication first: a caller without a valid key learns nothing about the body it sent.
      middleware.push(requireKey(access.roles), defaults.rateLimit);
    }
    if (hasBody) middleware.push(...jsonBody(bodyLimitBytes ?? defaults.bodyLimitBytes));
    // Last, so the key is claimed only for an authenticated, parsed request, in the handler's own transaction.
    if (idempotencyMode) middleware.push(idempotency(idempotencyMode));
    const request = idempotencyMode
      ? {
          ...route.request,
          headers: route.request?.headers
            ? (route.request.headers as z.ZodObject).extend(IdempotencyKeyHeader.shape)
            : IdempotencyKeyHeader,
        }
      : route.request;
    return createRoute({
      ...route,
      ...(request ? { request } : {}),
      ...(access === 'public' ? {} : { security: [{ apiKey: [] }] }),
      ...(middleware.length > 0 ? { middleware } : {}),
      responses: { ...shared, ...route.responses },
      description: [route.description, access === 'public' ? 'No key needed.' : `Roles: ${access.roles.join(', ')}.`]
        .filter(Boolean)
        .join('\n\n'),
    } as unknown as R);
  };
}

export type RouteFactory<R extends RouteConfig> = (defaults: RouteDefaults) => R;
