import type { App } from './types';

export const API_TITLE = 'IoT Cyber Underwriting API';
export const API_VERSION = '0.1.0';

const DESCRIPTION = [
  "Scores an organisation's IoT security posture with explanations and turns it into premium tiers and prices,",
  'coverage restrictions and subjectivities, and compliance and safe-harbor findings, all driven by versioned',
  'rating models.',
  '',
  'Errors are `application/problem+json` (RFC 9457) with a stable `code`, the request id, and for validation',
  'failures `errors: [{ path, message }]`. Money is `{ amount, currency }` with `amount` in integer minor units.',
].join('\n');

/** The bearer-key scheme every keyed route names in its `security`. */
export function registerSecurityScheme(app: App): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key `uwk_<id>_<secret>` as a bearer token. Keys are issued by an admin (POST /v1/api-keys); the first admin key is bootstrapped at first start (see the README).',
  });
}

/**
 * zod-to-openapi writes a nullable field of a named schema as `allOf: [{ $ref }, { type: ['object', 'null'] }]`,
 * which no value satisfies as null (the referenced schema refuses it), so the document would refuse what the API
 * accepts. Rewritten as `anyOf: [{ $ref }, { type: 'null' }]`, what OpenAPI 3.1 means by a nullable reference;
 * any description or example beside the type stays on the field.
 */
export function nullableReferencesAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableReferencesAsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [key, nullableReferencesAsAnyOf(value)] as const);
  const object: Record<string, unknown> = Object.fromEntries(entries);
  const parts = object.allOf;
  if (!Array.isArray(parts) || parts.length !== 2) return object;
  const [reference, nullable] = parts as [Record<string, unknown>, Record<string, unknown>];
  const type = nullable?.type;
  if (typeof reference?.$ref !== 'string' || !Array.isArray(type) || !type.includes('null')) return object;
  const { allOf: _allOf, ...rest } = object;
  const { type: _type, ...annotations } = nullable;
  return { ...rest, ...annotations, anyOf: [reference, { type: 'null' }] };
}

/** The OpenAPI 3.1 document generated from the routes' zod definitions; the committed openapi/openapi.json is this. */
export function buildOpenApiDocument(app: App) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: API_TITLE, version: API_VERSION, description: DESCRIPTION, license: { name: 'Apache-2.0' } },
    tags: [
      { name: 'Organizations', description: 'Tenants: the carrier, broker firms and applicant companies.' },
      { name: 'API keys', description: 'Keys with one role each; the secret is shown once.' },
      {
        name: 'Audit',
        description: 'The tamper-evident record of every state change, one hash chain per organisation.',
      },
      { name: 'Rating', description: 'Scores, tiers, decisions, restrictions and premiums from a rating model.' },
      { name: 'Rating models', description: 'The versioned models that hold every weight, table and rule.' },
      {
        name: 'Vulnerability catalogs',
        description: 'The CISA Known Exploited Vulnerabilities catalog ratings match.',
      },
      { name: 'System', description: 'Liveness, readiness and metrics; served without a key.' },
    ],
  });
  return nullableReferencesAsAnyOf(document) as typeof document;
}
