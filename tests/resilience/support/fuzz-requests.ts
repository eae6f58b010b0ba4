/**
 * Requests for every operation of the OpenAPI document: valid ones (known-good bodies where a schema alone rarely
 * satisfies the domain, schema-made values elsewhere, real ids of the caller's own and of other tenants) and
 * mutated ones (bodies, content types, path and query parameters, keys, preconditions, methods).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { addDays } from '../../../src/domain/calendar';
import { SECTORS } from '../../../src/domain/posture/enums';
import { ROUTE_ACCESS } from '../../../src/http/route';
import { PUBLIC_UNDOCUMENTED_ROUTES } from '../../../src/http/routes/docs';
import { TEST_TODAY } from '../../support/app';
import { fixtureApplicants } from '../../support/applicant-sets';
import { options, posture, profile, scoreRequest } from '../../support/arbitraries';
import { GENEROUS_AUTHORITY } from '../../support/identity';
import { kevCatalog } from '../../support/kev';
import { exampleRequest } from '../../support/requests';
import { type BodyText, bodyMutations, OVERSIZED_BODY, pathsOf, withValueAt, writeJson } from './fuzz-mutations';
import type { DocumentOperation, JsonSchema, SchemaGenerator } from './fuzz-schema';
import { FUZZ_METRICS_TOKEN, PARTY_NAMES, type Party, type PartyName, sees, type World } from './fuzz-world';

/** One request, ready to send; `currentEtagOf` asks the sender to read the object's ETag just before. */
export interface PlannedRequest {
  /** The document operation it was made for (`METHOD /path`), or UNROUTED. */
  operation: string;
  variant: string;
  party: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyText;
  currentEtagOf?: { path: string; headers: Record<string, string> };
}

export const UNROUTED = 'unrouted paths and methods';

interface Draft {
  operation: DocumentOperation;
  variant: string;
  method: string;
  party: Party | undefined;
  /** Overrides the Authorization header the party would send (null: none). */
  authorization?: string | null;
  pathParams: Record<string, string>;
  /** Replaces the whole path (after parameters), for path-shape mutations. */
  path?: string;
  query: string;
  body: unknown;
  bodyText?: BodyText;
  contentType?: string | null;
  headers: Record<string, string>;
  currentEtag: boolean;
}

const OPTION = exampleRequest().options[0]!;
const FIXTURES = fixtureApplicants();
const ALT_MODEL = readFileSync(new URL('../../fixtures/models/alt-test-2.0.0.json', import.meta.url), 'utf8');

const text = (maxLength = 80) => fc.string({ minLength: 1, maxLength }).filter((value) => value.trim().length > 0);
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/**
 * Mostly the caller's own objects, sometimes another tenant's: the answer must be as well-formed either way (the
 * tenancy suite checks that it is a 404).
 */
function idFrom(pool: readonly { id: string; owner: PartyName }[], party: Party | undefined): fc.Arbitrary<string> {
  const own = pool.filter((item) => party && sees(party, item.owner)).map((item) => item.id);
  const ownIds = new Set(own);
  const foreign = pool.filter((item) => !ownIds.has(item.id)).map((item) => item.id);
  if (own.length === 0) return pick(foreign.length > 0 ? foreign : ['00000000-0000-4000-8000-000000000000']);
  if (foreign.length === 0) return pick(own);
  return fc.oneof({ weight: 6, arbitrary: pick(own) }, { weight: 1, arbitrary: pick(foreign) });
}

/** A rating-model document per version, always the same for a version, so a republish is idempotent. */
function ratingModelDocument(minor: number) {
  const document = JSON.parse(ALT_MODEL) as Record<string, unknown> & { pricing: { tierFactors: object } };
  document.version = `2.${minor}.0`;
  document.effectiveFrom = '2026-01-01';
  document.pricing.tierFactors = { ...document.pricing.tierFactors, substandard: 1.6 + minor / 10 };
  return document;
}

function kevDocument(minor: number) {
  return kevCatalog(`2026.11.0${minor}`, [
    { cveID: 'CVE-2024-3400', dateAdded: '2026-10-01', dueDate: '2026-10-22', ransomware: minor % 2 === 0 },
    { cveID: `CVE-2025-${1000 + minor}`, dateAdded: '2026-10-15', dueDate: '2026-11-05', endOfLife: minor === 3 },
  ]);
}

interface BodyContext {
  world: World;
  party: Party | undefined;
}

/**
 * Known-good bodies for the write routes: a schema-made body almost never satisfies the domain (currencies that
 * match, dates in range, ids the caller may see), so these are where 2xx answers come from.
 */
export const KNOWN_GOOD_BODIES: Record<string, (context: BodyContext) => fc.Arbitrary<unknown>> = {
  createOrganization: () => fc.record({ name: text(60), kind: pick(['broker', 'applicant', 'carrier']) }),
  createApiKey: ({ world }) =>
    fc.oneof(
      fc.constant({ organizationId: world.parties.brokerA.tenant.organizationId, role: 'broker' }),
      fc.constant({ organizationId: world.parties.manufacturer.tenant.organizationId, role: 'applicant' }),
      fc.constant({
        organizationId: world.parties.admin.tenant.organizationId,
        role: 'underwriter',
        authority: GENEROUS_AUTHORITY,
      }),
      fc.constant({
        organizationId: world.parties.brokerB.tenant.organizationId,
        role: 'broker',
        expiresAt: '2027-06-30T00:00:00.000Z',
      }),
    ),
  createApplicant: () =>
    fc
      .tuple(fc.oneof(fc.constant(exampleRequest().profile), profile('USD')), fc.nat(1_000_000))
      .map(([answers, serial]) => ({ ...answers, legalName: `Fuzzed Devices ${serial}` })),
  updateApplicant: () =>
    fc.record(
      {
        employeeCount: fc.integer({ min: 1, max: 100_000 }),
        sector: pick(SECTORS),
        legalName: text(200),
        annualRevenue: fc.integer({ min: 1_000_000, max: 1e12 }).map((amount) => ({ amount, currency: 'USD' })),
      },
      { requiredKeys: [] },
    ),
  createAssessment: () => fc.oneof(fc.constant(exampleRequest().posture), posture('USD')),
  createQuote: ({ world, party }) =>
    fc.record({
      assessmentId: idFrom(world.assessments, party),
      options: fc.oneof(fc.constant(exampleRequest().options), options('USD')),
      effectiveDate: fc.integer({ min: 0, max: 365 }).map((days) => addDays(TEST_TODAY, days)),
    }),
  approveQuote: () =>
    fc.record({ reason: text(), scheduleAdjustment: fc.constant({ items: [] }) }, { requiredKeys: ['reason'] }),
  requestBind: () => fc.record({ optionIndex: fc.integer({ min: 0, max: 1 }) }),
  bindQuote: () => fc.record({ optionIndex: fc.integer({ min: 0, max: 1 }) }),
  declineQuote: () => fc.record({ reason: text() }),
  markNotTakenUp: () => fc.record({ reason: text() }, { requiredKeys: [] }),
  satisfySubjectivity: () => fc.record({ evidence: text() }),
  waiveSubjectivity: () => fc.record({ reason: text() }),
  scoreApplicant: () => fc.oneof(fc.constant(exampleRequest()), scoreRequest('USD')),
  compareApplicants: ({ world, party }) =>
    fc.record(
      {
        applicants: fc.array(
          fc.oneof(
            pick(FIXTURES),
            idFrom(world.applicants, party).map((applicantId) => ({ applicantId })),
            idFrom(world.assessments, party).map((assessmentId) => ({ assessmentId })),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        option: fc.constant(OPTION),
        asOf: fc.constant(TEST_TODAY),
        sortBy: pick(['premium', 'composite', 'premiumPerMillionRevenue', 'premiumPerThousandDevices']),
      },
      { requiredKeys: ['applicants', 'option'] },
    ),
  checkInsurability: ({ world, party }) =>
    fc.oneof(
      fc.record(
        {
          profile: fc.constant(exampleRequest().profile),
          posture: fc.constant(exampleRequest().posture),
          option: fc.constant(OPTION),
          target: pick(['preferred', 'standard']),
        },
        { requiredKeys: ['profile', 'posture', 'option'] },
      ),
      fc.record(
        { assessmentId: idFrom(world.assessments, party), option: fc.constant(OPTION), asOf: fc.constant(TEST_TODAY) },
        { requiredKeys: ['assessmentId', 'option'] },
      ),
    ),
  publishRatingModel: () => fc.integer({ min: 1, max: 4 }).map(ratingModelDocument),
  importKevCatalog: () => fc.integer({ min: 1, max: 4 }).map(kevDocument),
  chooseKevCatalog: () => fc.integer({ min: 1, max: 4 }).map((minor) => ({ version: `2026.11.0${minor}` })),
};

/** Query values a schema cannot know: the models that exist. */
const KNOWN_GOOD_QUERY: Record<string, fc.Arbitrary<string>> = {
  model: pick(['iot-cyber', 'alt-test']),
  modelVersion: pick(['1.0.0', '2.0.0']),
  entityType: pick(['quote', 'applicant', 'assessment', 'api_key', 'organization']),
};

const AUTH_JUNK = [
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  'Token abc',
  'Bearer null',
  'Bearer undefined',
  'Bearer uwk_',
  'Bearer uwk__',
  `Bearer uwk_${'0'.repeat(32)}_${'A'.repeat(43)}`,
  `Bearer uwk_${'g'.repeat(32)}_${'A'.repeat(43)}`,
  `Bearer ${'a'.repeat(4_000)}`,
  'Bearer \u00ff\u00fe',
  'Bearer a b c',
  'Bearer%20x',
];

const IDEMPOTENCY_JUNK = ['', 'has space', '\u00f1', 'a'.repeat(256), 'tab\tinside', '"quoted"', 'fuzz-reused-key'];
const IF_MATCH_JUNK = [
  '"stale"',
  '*',
  'W/"x"',
  '',
  '"a", "b"',
  'no-quotes',
  '"00000000-0000-4000-8000-000000000000.1"',
];
const ACCEPT_VALUES = ['text/csv', 'application/xml', '*/*', 'text/csv;q=0, application/json', 'text/html', ',,;;', ''];
const CONTENT_TYPES: (string | null)[] = [
  null,
  'text/plain',
  'multipart/form-data; boundary=----fuzz',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/json;charset=utf-16',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/problem+json',
  'application/jsonx',
  'json',
  '*/*',
  'application/json, text/plain',
  'application/xml',
];
const HEX_DIGIT = fc.constantFrom(...'0123456789abcdef');
const PATH_SHAPES = ['trailing-slash', 'double-slash', 'upper-case', 'matrix', 'encoded-slash', 'nul', 'long-suffix'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

const QUERY_JUNK = [
  'limit=abc',
  'limit=-1',
  'limit=0',
  'limit=1e3',
  'limit=99999999999999999999',
  'limit=1&limit=2',
  'limit[]=1',
  'limit=',
  '=x',
  '&&&',
  '%',
  'a=%zz',
  'a=%ff%fe',
  'a=%00',
  'cursor=%E2%80%AE',
  `cursor=${'x'.repeat(6_000)}`,
  'cursor=eyJ0IjoiMjAyNi0xMS0yMiIsImkiOiJ4In0',
  'cursor=null',
  'model=../../etc/passwd',
  'model=IOT-CYBER',
  'modelVersion=1.0',
  'modelVersion=99999999999999999999.0.0',
  'createdFrom=2026-02-30',
  'createdFrom=2026-13-01',
  'effectiveTo=yesterday',
  'tier=PREFERRED',
  'status=expired&status=bound',
  'applicantId=not-a-uuid',
  'entityId=%27%20OR%201%3D1--',
  'sector=__proto__',
  'name=%25',
  `name=${'%F0%9F%98%80'.repeat(300)}`,
  'constructor[prototype][x]=1',
];

const PATH_JUNK = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{id}',
  '%7Bid%7D',
  '1',
  '-1',
  'null',
  'undefined',
  '%00',
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%20',
  '%27%20OR%201%3D1--',
  'x'.repeat(6_000),
  '%E2%80%AE',
];

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be percent-encoded as UTF-8; send the bytes of its CESU form instead.
    return '%ED%A0%80';
  }
}

const pathJunk = fc.oneof(
  pick(PATH_JUNK),
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeSegment),
);

export class RequestPlanner {
  constructor(
    private readonly world: World,
    private readonly schemas: SchemaGenerator,
    private readonly operations: readonly DocumentOperation[],
  ) {}

  private parties(operation: DocumentOperation): { allowed: Party[]; refused: Party[] } {
    const access = ROUTE_ACCESS.get(operation.key);
    const all = PARTY_NAMES.map((name) => this.world.parties[name]);
    if (!access) throw new Error(`${operation.key} is in the document but not declared with defineRoute`);
    if (access === 'public') return { allowed: all, refused: [] };
    return {
      allowed: all.filter((party) => access.roles.includes(party.role)),
      refused: all.filter((party) => !access.roles.includes(party.role)),
    };
  }

  private parameters(operation: DocumentOperation, where: 'path' | 'query' | 'header') {
    return (operation.operation.parameters ?? []).filter((parameter) => parameter.in === where);
  }

  private requestSchema(operation: DocumentOperation): JsonSchema | undefined {
    return operation.operation.requestBody?.content['application/json']?.schema;
  }

  private pathParams(operation: DocumentOperation, party: Party | undefined): fc.Arbitrary<Record<string, string>> {
    const { world } = this;
    const resource = operation.path.split('/')[2];
    const names = this.parameters(operation, 'path').map((parameter) => parameter.name);
    if (names.length === 0) return fc.constant({});
    if (resource === 'quotes' && names.includes('code')) {
      return idFrom(world.quotes, party).chain((id) => {
        const codes = world.quotes.find((quote) => quote.id === id)?.subjectivityCodes ?? [];
        return pick(codes.length > 0 ? codes : ['NO_SUCH_CODE']).map((code) => ({ id, code: encodeSegment(code) }));
      });
    }
    if (resource === 'rating-models') return pick(world.models).map(({ id, version }) => ({ id, version }));
    const pools: Record<string, readonly { id: string; owner: PartyName }[]> = {
      applicants: world.applicants,
      assessments: world.assessments,
      quotes: world.quotes,
      organizations: world.organizations,
      'api-keys': world.spareKeys.map((key) => ({ id: key.id, owner: 'brokerB' as const })),
    };
    const pool = pools[resource ?? ''];
    if (!pool) throw new Error(`${operation.key}: no pool of ids for its path parameters`);
    return idFrom(pool, party).map((id) => ({ id }));
  }

  private query(operation: DocumentOperation): fc.Arbitrary<string> {
    const parameters = this.parameters(operation, 'query');
    if (parameters.length === 0) return fc.constant('');
    const entries = parameters.map((parameter) =>
      fc.option(
        (KNOWN_GOOD_QUERY[parameter.name] ?? this.schemas.arbitrary(parameter.schema ?? {})).map(
          (value) => `${encodeURIComponent(parameter.name)}=${encodeSegment(String(value))}`,
        ),
        { freq: 3, nil: undefined },
      ),
    );
    // A cursor the server did not issue is a 422, not a page; leave it to the junk half.
    return fc
      .tuple(...entries)
      .map((pairs) => pairs.filter((pair) => pair !== undefined && !pair.startsWith('cursor=')).join('&'));
  }

  private validBody(operation: DocumentOperation, party: Party | undefined): fc.Arbitrary<unknown> {
    const schema = this.requestSchema(operation);
    if (!schema) return fc.constant(undefined);
    const knownGood = KNOWN_GOOD_BODIES[operation.operation.operationId];
    if (!knownGood) return this.schemas.arbitrary(schema);
    return fc.oneof(
      { weight: 4, arbitrary: knownGood({ world: this.world, party }) },
      { weight: 1, arbitrary: this.schemas.arbitrary(schema) },
    );
  }

  /**
   * Valid drafts from one of the parties the route admits. Built once per chunk of samples (the pools of ids grow
   * between chunks), with each party's parts built once, since building arbitraries costs more than drawing.
   */
  private valid(operation: DocumentOperation): fc.Arbitrary<Draft> {
    const { allowed } = this.parties(operation);
    const headerNames = this.parameters(operation, 'header').map((parameter) => parameter.name);
    const publicRoute = ROUTE_ACCESS.get(operation.key) === 'public';
    const query = this.query(operation);
    const idempotencyKey = headerNames.includes('idempotency-key')
      ? fc.option(fc.uuid(), { freq: 2, nil: undefined })
      : fc.constant(undefined);
    // /metrics answers its scraper's token, not an API key: its valid requests carry that token and nothing else.
    const scraped = operation.key === 'GET /metrics';
    const callers: (Party | undefined)[] = scraped ? [undefined] : publicRoute ? [undefined, ...allowed] : allowed;
    return fc.oneof(
      ...callers.map((caller) =>
        fc
          .record({
            pathParams: this.pathParams(operation, caller),
            query,
            body: this.validBody(operation, caller),
            idempotencyKey,
          })
          .map(
            ({ pathParams, query: queryString, body, idempotencyKey: key }): Draft => ({
              operation,
              variant: 'valid',
              method: operation.method,
              party: caller,
              pathParams,
              query: queryString,
              body,
              headers: key ? { 'Idempotency-Key': key } : {},
              currentEtag: headerNames.includes('if-match'),
              ...(scraped ? { authorization: `Bearer ${FUZZ_METRICS_TOKEN}` } : {}),
            }),
          ),
      ),
    );
  }

  /** Requests for one operation; ask again for each chunk, since the pools of stored objects grow during the run. */
  requests(operation: DocumentOperation): fc.Arbitrary<PlannedRequest> {
    const fixed = this.fixedJunk(operation);
    return this.valid(operation)
      .chain((draft) => {
        const choices = this.mutations(draft, fixed);
        const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
        return fc.integer({ min: 0, max: total - 1 }).chain((roll) => {
          let remaining = roll;
          const choice = choices.find((candidate) => {
            remaining -= candidate.weight;
            return remaining < 0;
          })!;
          return choice.build() ?? fc.constant(draft);
        });
      })
      .map((draft) => this.render(draft));
  }

  /** Per-operation junk that does not depend on the draft, built once per chunk. */
  private fixedJunk(operation: DocumentOperation) {
    const { allowed, refused } = this.parties(operation);
    const tokens = [...allowed, ...refused].map((party) => party.tenant.token);
    const tampered = tokens.map((token) => `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    const swapped = `Bearer ${tokens[0]!.slice(0, 37)}${tokens.at(-1)!.slice(37)}`;
    const spare = this.world.spareKeys.map((key) => `Bearer ${key.token}`);
    const declared = this.operations.filter((other) => other.path === operation.path).map((other) => other.method);
    return {
      refused,
      authorization: fc.oneof(
        fc.constant(null),
        pick(AUTH_JUNK),
        pick([...tampered, swapped, ...spare]),
        pick(tokens).map((token) => `bearer  ${token}`),
        pick(tokens).map((token) => `Bearer ${token} trailing`),
        fc
          .tuple(
            fc.string({ unit: HEX_DIGIT, minLength: 32, maxLength: 32 }),
            fc.base64String({ minLength: 44, maxLength: 44 }),
          )
          .map(([id, secret]) => `Bearer uwk_${id}_${secret.slice(0, 43)}`),
      ),
      ifMatch: fc.oneof(
        fc.constant(undefined),
        pick([...IF_MATCH_JUNK, ...this.world.quotes.slice(0, 5).map((quote) => `"${quote.id}.1"`)]),
      ),
      undeclaredMethods: METHODS.filter(
        (method) => !declared.includes(method) && !(method === 'HEAD' && declared.includes('GET')),
      ),
    };
  }

  /**
   * The weighted ways to spoil one valid draft (the draft itself the heaviest), each built only when chosen:
   * building them all for every draft was most of the fuzzer's own time.
   */
  private mutations(draft: Draft, fixed: ReturnType<RequestPlanner['fixedJunk']>) {
    const { operation } = draft;
    const with_ = (variant: string, change: Partial<Draft>): Draft => ({ ...draft, variant, ...change });
    const headerNames = this.parameters(operation, 'header').map((parameter) => parameter.name);
    const schema = this.requestSchema(operation);
    const publicRoute = ROUTE_ACCESS.get(operation.key) === 'public';
    const choices: { weight: number; build: () => fc.Arbitrary<Draft> | undefined }[] = [];
    // Tenths, so rare mutations (a 1.2 MB body) stay rare among integer weights.
    const add = (weight: number, build: () => fc.Arbitrary<Draft> | undefined) =>
      choices.push({ weight: Math.round(weight * 10), build });
    // Valid reads repeat the same few objects, so bodyless requests lean further towards their mutations.
    add(schema ? 24 : 20, () => fc.constant(draft));

    if (schema) {
      // Still schema-valid: another value the schema allows at one place of the known-good body.
      add(8, () => {
        const leaves = pathsOf(draft.body).filter((path) => path.length > 0 && this.schemas.at(schema, path));
        if (leaves.length === 0) return undefined;
        return pick(leaves).chain((path) =>
          this.schemas
            .arbitrary(this.schemas.at(schema, path)!)
            .map((value) => with_('schema-valid-leaf', { body: withValueAt(draft.body, path, value) })),
        );
      });
      for (const mutation of bodyMutations(draft.body)) {
        add(mutation.name === 'wrong-type' || mutation.name === 'missing-field' ? 5 : 2, () =>
          mutation.text()?.map((bodyText) => with_(`body:${mutation.name}`, { bodyText })),
        );
      }
      add(5, () =>
        pick(CONTENT_TYPES).map((contentType) => with_(`content-type:${contentType ?? 'none'}`, { contentType })),
      );
      add(0.3, () => fc.constant(with_('body:oversized', { bodyText: OVERSIZED_BODY })));
    } else if (operation.method !== 'GET') {
      // A body where none is expected must be ignored or refused, never trusted.
      add(2, () => fc.constant(with_('body:unexpected', { body: { reason: 'x' } })));
    }
    if (Object.keys(draft.pathParams).length > 0) {
      add(8, () =>
        fc
          .tuple(pick(Object.keys(draft.pathParams)), pathJunk)
          .map(([name, value]) => with_('path-parameter', { pathParams: { ...draft.pathParams, [name]: value } })),
      );
    }
    add(4, () =>
      fc
        .array(pick(QUERY_JUNK), { minLength: 1, maxLength: 3 })
        .map((junk) => with_('query', { query: [draft.query, ...junk].filter(Boolean).join('&') })),
    );
    if (!publicRoute) {
      add(5, () => fixed.authorization.map((authorization) => with_('authorization', { authorization })));
      if (fixed.refused.length > 0) add(3, () => pick(fixed.refused).map((party) => with_('wrong-role', { party })));
    }
    if (headerNames.includes('idempotency-key')) {
      add(4, () =>
        pick(IDEMPOTENCY_JUNK).map((key) =>
          with_('idempotency-key', { headers: { ...draft.headers, 'Idempotency-Key': key } }),
        ),
      );
    }
    if (headerNames.includes('if-match')) {
      add(6, () =>
        fixed.ifMatch.map((ifMatch) =>
          with_('if-match', {
            currentEtag: false,
            headers: { ...draft.headers, ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
          }),
        ),
      );
    }
    add(2, () =>
      fc
        .tuple(pick(ACCEPT_VALUES), fc.option(pick(['x'.repeat(200), 'ünï', '../../']), { nil: undefined }))
        .map(([accept, requestId]) =>
          with_('headers', {
            headers: { ...draft.headers, Accept: accept, ...(requestId ? { 'X-Request-Id': requestId } : {}) },
          }),
        ),
    );
    if (fixed.undeclaredMethods.length > 0) {
      add(3, () => pick(fixed.undeclaredMethods).map((method) => with_('method', { method })));
    }
    add(2, () =>
      pick(PATH_SHAPES).map((shape) => with_(`path-shape:${shape}`, { path: reshape(this.pathOf(draft), shape) })),
    );
    return choices;
  }

  private pathOf(draft: Draft): string {
    return draft.operation.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.pathParams[name] ?? 'missing');
  }

  private render(draft: Draft): PlannedRequest {
    const path = `${draft.path ?? this.pathOf(draft)}${draft.query ? `?${draft.query}` : ''}`;
    const headers: Record<string, string> = {};
    const authorization =
      draft.authorization === undefined ? draft.party?.tenant.headers.Authorization : draft.authorization;
    if (authorization !== undefined && authorization !== null) headers.Authorization = authorization;
    const bodyAllowed = draft.method !== 'GET' && draft.method !== 'HEAD';
    const bodyText: BodyText | undefined =
      draft.bodyText ?? (draft.body === undefined ? undefined : () => writeJson(draft.body));
    const contentType = draft.contentType === undefined ? 'application/json' : draft.contentType;
    if (bodyAllowed && bodyText && contentType !== null) headers['Content-Type'] = contentType;
    Object.assign(headers, draft.headers);
    const readAs = draft.party ?? this.world.parties.underwriter;
    return {
      operation: draft.operation.key,
      variant: draft.variant,
      party: draft.authorization === undefined ? (draft.party?.name ?? 'anonymous') : 'custom authorization',
      method: draft.method,
      path,
      headers,
      ...(bodyAllowed && bodyText ? { body: bodyText } : {}),
      ...(draft.currentEtag
        ? {
            currentEtagOf: {
              path: this.pathOf(draft).replace(/^(\/v1\/[\w-]+\/[^/]+).*$/, '$1'),
              headers: readAs.tenant.headers,
            },
          }
        : {}),
    };
  }

  /** Paths no operation has, methods a path lacks, and the undocumented public routes with other methods. */
  unrouted(): fc.Arbitrary<PlannedRequest> {
    const documented = this.operations.map((operation) =>
      operation.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000001'),
    );
    const segment = fc.oneof(
      pick(['v1', 'v2', 'api', 'quotes', 'admin', '.env', '..', '%2e%2e', '%', '%zz', '%00', 'healthz', '']),
      fc.uuid(),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map(encodeSegment),
    );
    const path = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
      pick(['/', '//', '/v1', '/v1/', '/V1/SCORE', `/${'a'.repeat(7_000)}`, '/v1/score/extra', '/healthz/']),
      pick(documented).map((known) => `${known}/x`),
    );
    const randomPath = fc.record({ method: pick(METHODS), path, variant: fc.constant('unknown-path') });
    const wrongMethod = pick([...new Set(documented)]).chain((known) => {
      const template = this.operations.find(
        (operation) => operation.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000001') === known,
      )!.path;
      const declared = this.operations.filter((operation) => operation.path === template).map((o) => o.method);
      const others = METHODS.filter((method) => !declared.includes(method) && method !== 'HEAD');
      return pick(others).map((method) => ({ method, path: known, variant: 'undeclared-method' }));
    });
    const docsRoutes = fc.record({
      method: pick(['POST', 'PUT', 'DELETE', 'PATCH']),
      path: pick(PUBLIC_UNDOCUMENTED_ROUTES),
      variant: fc.constant('docs-route-method'),
    });
    return fc
      .tuple(
        fc.oneof({ weight: 5, arbitrary: randomPath }, { weight: 4, arbitrary: wrongMethod }, docsRoutes),
        fc.option(pick(PARTY_NAMES), { nil: undefined }),
        fc.option(pick(['{"a":1}', '[', '']), { nil: undefined }),
      )
      .map(([{ method, path: target, variant }, partyName, body]) => {
        const bodyAllowed = method !== 'GET' && method !== 'HEAD' && body !== undefined;
        return {
          operation: UNROUTED,
          variant,
          party: partyName ?? 'anonymous',
          method,
          path: target,
          headers: {
            ...(partyName ? this.world.parties[partyName].tenant.headers : {}),
            ...(bodyAllowed ? { 'Content-Type': 'application/json' } : {}),
          },
          ...(bodyAllowed ? { body: () => body } : {}),
        };
      });
  }
}

function reshape(path: string, shape: string): string {
  switch (shape) {
    case 'trailing-slash':
      return `${path}/`;
    case 'double-slash':
      return `/${path}`;
    case 'upper-case':
      return path.toUpperCase();
    case 'matrix':
      return `${path};jsessionid=fuzz`;
    case 'encoded-slash':
      return path.lastIndexOf('/') > 0 ? path.replace(/\/(?=[^/]*$)/, '%2F') : `/%2F${path.slice(1)}`;
    case 'nul':
      return `${path}%00`;
    default:
      return `${path}/${'z'.repeat(6_000)}`;
  }
}
