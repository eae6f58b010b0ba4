/**
 * What every fuzzed response must satisfy: never a 5xx; a 4xx is RFC 9457 problem+json whose `status` is the HTTP
 * status; a 2xx has a status and content type the OpenAPI document declares for the operation, and a JSON body
 * that its response schema accepts.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { DocumentOperation, OpenApiDocument } from './fuzz-schema';

const DOCUMENT_ID = 'https://fuzz.invalid/openapi.json';

export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  text: string;
}

export type Verdict =
  | { kind: 'ok'; status: number }
  | { kind: 'server-error' | 'bad-problem' | 'schema-failure'; status: number; reason: string };

const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

const mediaTypeOf = (headers: Headers) => (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

function templateExpression(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

function decodedPath(path: string): string {
  const withoutQuery = path.split('?')[0]!;
  try {
    return decodeURI(withoutQuery);
  } catch {
    return withoutQuery;
  }
}

export class ResponseChecker {
  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: { method: string; expression: RegExp; operation: DocumentOperation }[];
  private readonly problem: ValidateFunction;

  constructor(
    document: OpenApiDocument,
    operations: readonly DocumentOperation[],
    /** Public routes outside the document (the docs page and its script); a 2xx there is checked for type only. */
    private readonly undocumentedRoutes: readonly string[],
  ) {
    // zod-openapi output carries `example` and other annotations Ajv does not know; they are not assertions.
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components, paths: document.paths });
    this.problem = this.ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/Problem` });
    // Literal paths first, so /v1/audit-events/verify is not taken for a path parameter.
    this.routes = [...operations]
      .sort((a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')))
      .map((operation) => ({ method: operation.method, expression: templateExpression(operation.path), operation }));
  }

  /** The documented operation the server routed the request to, judged from its method and decoded path. */
  operationFor(method: string, path: string): DocumentOperation | undefined {
    const decoded = decodedPath(path);
    return this.routes.find((route) => route.method === method && route.expression.test(decoded))?.operation;
  }

  check(request: SentRequest, response: ReceivedResponse): Verdict {
    const { status } = response;
    if (status >= 500) return { kind: 'server-error', status, reason: `answered ${status}` };
    if (status >= 400) return this.checkProblem(request, response);
    if (status >= 200 && status < 300) return this.checkSuccess(request, response);
    return { kind: 'schema-failure', status, reason: `answered ${status}, which no operation declares` };
  }

  private checkProblem(request: SentRequest, response: ReceivedResponse): Verdict {
    const { status } = response;
    const contentType = response.headers.get('content-type');
    if (contentType !== 'application/problem+json') {
      return { kind: 'bad-problem', status, reason: `Content-Type is ${contentType}, not application/problem+json` };
    }
    // A HEAD answer has no body to judge; its headers were checked above.
    if (request.method === 'HEAD') return { kind: 'ok', status };
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return { kind: 'bad-problem', status, reason: 'the problem body is not JSON' };
    }
    const problem = body as { type?: unknown; title?: unknown; status?: unknown };
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return { kind: 'bad-problem', status, reason: 'the problem body is not an object' };
    }
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string') {
      return { kind: 'bad-problem', status, reason: 'the problem has no string type and title' };
    }
    if (!Number.isInteger(problem.status) || problem.status !== status) {
      return { kind: 'bad-problem', status, reason: `the problem's status ${String(problem.status)} is not ${status}` };
    }
    if (!this.problem(body)) {
      return { kind: 'bad-problem', status, reason: `not a Problem: ${this.ajv.errorsText(this.problem.errors)}` };
    }
    return { kind: 'ok', status };
  }

  private checkSuccess(request: SentRequest, response: ReceivedResponse): Verdict {
    const { status } = response;
    const mediaType = mediaTypeOf(response.headers);
    const operation = this.operationFor(request.method === 'HEAD' ? 'GET' : request.method, request.path);
    if (!operation) {
      const undocumented = this.undocumentedRoutes.includes(decodedPath(request.path));
      return undocumented && (request.method === 'GET' || request.method === 'HEAD')
        ? { kind: 'ok', status }
        : { kind: 'schema-failure', status, reason: `answered ${status} on a path no operation documents` };
    }
    const declared = operation.operation.responses[String(status)];
    if (!declared) {
      return { kind: 'schema-failure', status, reason: `${operation.key} does not declare status ${status}` };
    }
    const content = declared.content ?? {};
    if (!(mediaType in content)) {
      return {
        kind: 'schema-failure',
        status,
        reason: `${operation.key} ${status} declares ${Object.keys(content).join(', ') || 'no body'}, not ${mediaType}`,
      };
    }
    // CSV and the Prometheus text are declared as plain strings: the content type is the contract.
    if (mediaType !== 'application/json' || request.method === 'HEAD') return { kind: 'ok', status };
    const validate = this.validatorFor(operation, status, mediaType);
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return { kind: 'schema-failure', status, reason: 'the body is not JSON' };
    }
    if (!validate(body)) {
      return {
        kind: 'schema-failure',
        status,
        reason: `${operation.key} ${status}: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`,
      };
    }
    return { kind: 'ok', status };
  }

  private validatorFor(operation: DocumentOperation, status: number, mediaType: string): ValidateFunction {
    const key = `${operation.key} ${status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const pointer = ['paths', operation.path, operation.method.toLowerCase(), 'responses', String(status)]
        .concat(['content', mediaType, 'schema'])
        .map(pointerSegment)
        .join('/');
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#/${pointer}` });
      this.validators.set(key, validate);
    }
    return validate;
  }
}
