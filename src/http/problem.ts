import { z } from '@hono/zod-openapi';
import { formatPath as formatDocumentPath } from '../domain/paths';
import type { FieldProblem } from '../services/errors';

/**
 * The closed set of problem codes the API answers with, each with one status. `type` URIs are tag URIs
 * (RFC 4151): stable identifiers that clients can switch on, documented in docs/api-conventions.md, not web pages.
 */
export const PROBLEMS = {
  malformed_json: { status: 400, title: 'Malformed JSON' },
  bad_request: { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  precondition_required: { status: 428, title: 'Precondition required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const problemType = (code: ProblemCode) => `tag:iot-underwriting-api,2026:problems/${code}`;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly options: {
      errors?: readonly FieldProblem[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = PROBLEMS[code].status;
  }
}

export const FieldProblemSchema = z
  .object({
    path: z.string().openapi({ description: 'Location of the bad field, e.g. `posture.patching.openCves[2]`.' }),
    message: z.string().openapi({ description: 'Why the value was refused.' }),
  })
  .openapi('FieldProblem');

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .openapi({ example: problemType('validation_failed'), description: 'Stable identifier of the problem kind.' }),
    title: z.string().openapi({ example: 'Validation failed' }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({ example: 'The request body does not match the schema.' }),
    instance: z.string().openapi({ example: '/v1/score', description: 'The request path.' }),
    code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
    requestId: z
      .string()
      .openapi({ description: 'Also in the X-Request-Id header; quote it when reporting a problem.' }),
    errors: z.array(FieldProblemSchema).optional().openapi({ description: 'Each field that failed validation.' }),
  })
  .loose()
  .openapi('Problem', { description: 'RFC 9457 problem details.' });

export type Problem = z.infer<typeof ProblemSchema>;

export function problemBody(error: ApiError, instance: string, requestId: string): Problem {
  return {
    type: problemType(error.code),
    title: PROBLEMS[error.code].title,
    status: error.status,
    detail: error.detail,
    instance,
    code: error.code,
    requestId,
    ...(error.options.errors ? { errors: [...error.options.errors] } : {}),
    ...error.options.extensions,
  };
}

/** A validation path for a problem's `errors`: `(body)` when the whole body is at fault. */
export function formatPath(path: readonly PropertyKey[], prefix?: string): string {
  return formatDocumentPath(path, prefix) || '(body)';
}
