/**
 * Hostile models: a corpus of malicious rating-model documents, each the shipped model with one hostile change, is
 * published through `POST /v1/rating-models` on a real HTTP server. Every one must be refused with a 4xx problem that
 * names the bad field, nothing may be registered, no prototype may be polluted, none may take long to refuse, and
 * the server must rate exactly as before afterwards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/db/client';
import type { RatingResult } from '../../src/domain/rating-result';
import { createApp } from '../../src/http/app';
import { httpServerOptions } from '../../src/http/server-options';
import { compileRatingModel } from '../../src/models/compile-model';
import { loadModelDirectory } from '../../src/models/registry';
import { ModelRegistry, seedModels } from '../../src/services/rating-models/registry';
import { createTestDatabase } from '../support/database';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest } from '../support/requests';

// biome-ignore lint/suspicious/noExplicitAny: hostile changes reach anywhere in the document
type Doc = Record<string, any>;

interface HostileDocument {
  name: string;
  body: string;
  headers?: Record<string, string>;
  /** The path the refusal must name, where the format lets it name one. */
  path?: string;
  statuses?: readonly number[];
}

const MiB = 1024 * 1024;
/** The publish route's own limit (src/http/routes/rating-models/publish.ts). */
const PUBLISH_BODY_LIMIT = 4 * MiB;
/** A hang guard, not a performance target: a refusal is a parse and a validation. */
const REFUSAL_DEADLINE_MS = 5_000;
const RATED_ON = '2026-11-22';

const MODELS_DIR = new URL('../../models/', import.meta.url);
const shippedFile = readdirSync(MODELS_DIR)
  .filter((name) => /^iot-cyber-.*\.json$/.test(name))
  .sort()
  .at(-1)!;
const shippedText = JSON.stringify(JSON.parse(readFileSync(new URL(shippedFile, MODELS_DIR), 'utf8')));
const shipped = (): Doc => JSON.parse(shippedText);

const FACTOR_POINTS = 'domains.patching.factors[0].points';
const RULE_WHEN = 'rules[1].when';

/**
 * Each document gets a version of its own above the shipped one and stays effective from the shipped date, so one
 * that were accepted would be registered (and listed) and in force for the score checked at the end, instead of
 * being refused for a reason that has nothing to do with its hostile change (409, an existing version).
 */
function buildCorpus(): HostileDocument[] {
  const corpus: HostileDocument[] = [];
  const base = (): Doc => {
    const doc = shipped();
    doc.version = `1.${corpus.length + 1}.0`;
    return doc;
  };
  const changed = (name: string, change: (doc: Doc) => void, options: Omit<HostileDocument, 'name' | 'body'> = {}) => {
    const doc = base();
    change(doc);
    corpus.push({ name, body: JSON.stringify(doc), ...options });
  };
  // The key goes in as text: in an object literal or through JSON.stringify, `__proto__` is no own property.
  const withKey = (name: string, key: string, at: string, valueText: string) => {
    const doc = base();
    const marker = '__hostile_marker__';
    const parent = at === '' ? doc : at.split('.').reduce((object, segment) => object[segment], doc);
    parent[marker] = 0;
    const body = JSON.stringify(doc).replace(`"${marker}":0`, `${JSON.stringify(key)}:${valueText}`);
    corpus.push({ name, body, path: at === '' ? key : `${at}.${key}` });
  };
  const edited = (
    name: string,
    edit: (text: string) => string,
    options: Omit<HostileDocument, 'name' | 'body'> = {},
  ) => {
    const text = JSON.stringify(base());
    const body = edit(text);
    if (body === text) throw new Error(`corpus: "${name}" changes nothing`);
    corpus.push({ name, body, ...options });
  };
  const points = (name: string, source: string) =>
    changed(
      `points: ${name}`,
      (doc) => {
        doc.domains.patching.factors[0].points = source;
      },
      { path: FACTOR_POINTS },
    );
  const condition = (name: string, source: string) =>
    changed(
      `condition: ${name}`,
      (doc) => {
        doc.rules[1].when = source;
      },
      { path: RULE_WHEN },
    );

  // mathjs expression injection and resource exhaustion.
  points('import()', 'import("fs")');
  points('import() overriding a function', 'import({ evaluate: 1 }, { override: true })');
  points('evaluate()', 'evaluate("1 + 1")');
  points('createUnit()', 'createUnit("hostile")');
  points('parse()', 'parse("1")');
  points('compile()', 'compile("1")');
  points('simplify()', 'simplify("x + x")');
  points('function definition', 'f(x) = x ^ 2');
  points('assignment', 'a = 1');
  points('assignment to a fact', 'criticalRemediationDays = 1');
  points('constructor chain', 'cos.constructor("return process")()');
  points('bracket property access', 'criticalRemediationDays["constructor"]');
  points('dot property access', 'criticalRemediationDays.constructor');
  points('accessor call on an undeclared symbol', 'x["constructor"]("return process")()');
  points('__proto__ as a symbol', '__proto__ * 1');
  points('constructor as a symbol', 'constructor + 1');
  points('hasOwnProperty()', 'hasOwnProperty("x")');
  points('matrix blow-up', 'ones(1e6, 1e6)');
  points('zeros()', 'zeros(100000, 100000)');
  points('range()', 'range(1, 1e9)');
  points('range operator', 'sum(1:1e9)');
  points('matrix literal', '[1, 2, 3]');
  points('object literal', '{ a: 1 }');
  points('factorial of 1e6', '1e6!');
  points('string concatenation', '"a" + "b"');
  points('concat()', 'concat("a", "b")');
  points('complex number', '2 + 3i');
  points('unit', '5 cm');
  points('several statements', '1; 2');
  points('1 MB expression', `1${'+1'.repeat(MiB / 2)}`);
  points('10,000 nested parentheses', `${'('.repeat(10_000)}1${')'.repeat(10_000)}`);
  points('999 nested parentheses', `${'('.repeat(999)}1${')'.repeat(999)}`);
  points('999 nested unary minus', `${'-'.repeat(999)}1`);
  points('undefined fact', 'noSuchFact * 2');
  points('undefined function', 'noSuchFunction(1)');
  points('table named __proto__', 'lookup("__proto__", sector)');
  points('table named constructor', 'interpolate("constructor", criticalRemediationDays)');
  points('rounding named constructor', 'roundWith("constructor", 1)');
  points('NaN', 'NaN');
  points('Infinity', 'Infinity');
  points('overflowing literal', '1e400');
  points('0 / 0', '0 / 0');
  points('log(-1), complex in mathjs', 'log(-1)');
  points('sqrt(-1)', 'sqrt(-1)');
  points('log(0)', 'log(0)');
  points('division by zero', '1 / 0');
  points('a fact divided by zero', 'criticalRemediationDays / 0');
  points('a fact divided by an expression that is zero', 'criticalRemediationDays / (1 - 1)');
  points('remainder by zero', 'criticalRemediationDays % 0');
  points('overflow by a power', '10 ^ 400');
  points('overflow by a product', '1e308 * 10');
  condition('strings in arithmetic', '"a" + "b" == "ab"');
  condition('constructor chain', 'sin.constructor("return this")() == 1');
  condition('a number for a boolean', '1');
  condition('an enum value that does not exist', 'updateMechanism == "otaa"');

  // Keys that reach an object's prototype, anywhere in the document.
  withKey('__proto__ at the top level', '__proto__', '', '{"polluted":true}');
  withKey('__proto__ in constants', '__proto__', 'constants', '{"polluted":true}');
  withKey('__proto__ as a constant', '__proto__', 'constants', '1');
  withKey('__proto__ in a keyed lookup table', '__proto__', 'tables.sectorHazard.entries', '{"polluted":true}');
  withKey('__proto__ in tables', '__proto__', 'tables', '{"kind":"lookup","entries":{"polluted":1}}');
  withKey('__proto__ in unknowns', '__proto__', 'unknowns', '{"assume":false,"onUnknown":"none"}');
  withKey('__proto__ in improvements', '__proto__', 'improvements', '{"neutral":"polluted"}');
  withKey('__proto__ in a factor', '__proto__', 'domains.patching', '{"polluted":true}');
  withKey('__proto__ in pricing', '__proto__', 'pricing', '{"polluted":true}');
  withKey('__proto__ in certification schemes', '__proto__', 'certificationSchemes', '{"evidence":"device"}');
  withKey('__proto__ within __proto__', '__proto__', 'roundings', '{"__proto__":{"polluted":true}}');
  withKey('constructor at the top level', 'constructor', '', '{"prototype":{"polluted":true}}');
  withKey('constructor in constants', 'constructor', 'constants', '1');
  withKey('constructor in tables', 'constructor', 'tables', '{"kind":"lookup","entries":{"a":1}}');
  withKey('constructor in roundings', 'constructor', 'roundings', '{"mode":"up","increment":1}');
  withKey('constructor in unknowns', 'constructor', 'unknowns', '{"assume":false,"onUnknown":"none"}');
  withKey('prototype in constants', 'prototype', 'constants', '1');
  withKey('prototype in improvements', 'prototype', 'improvements', '{"neutral":"polluted"}');
  const named = (name: string, change: (doc: Doc) => void, path: string) => changed(name, change, { path });
  named(
    'a closed set named __proto__',
    (doc) => (doc.tables.sectorHazard.keyedBy = '__proto__'),
    'tables.sectorHazard.keyedBy',
  );
  named(
    'a closed set named constructor',
    (doc) => (doc.tables.sectorHazard.keyedBy = 'constructor'),
    'tables.sectorHazard.keyedBy',
  );
  named(
    'a closed set named toString',
    (doc) => (doc.tables.sectorHazard.keyedBy = 'toString'),
    'tables.sectorHazard.keyedBy',
  );
  named('a rounding named constructor', (doc) => (doc.pricing.rounding = 'constructor'), 'pricing.rounding');
  named('a rounding named toString', (doc) => (doc.pricing.rounding = 'toString'), 'pricing.rounding');
  named(
    'an ILF table named constructor',
    (doc) => (doc.pricing.layer.ilfTable = 'constructor'),
    'pricing.layer.ilfTable',
  );
  named(
    'an ILF table named hasOwnProperty',
    (doc) => (doc.pricing.layer.ilfTable = 'hasOwnProperty'),
    'pricing.layer.ilfTable',
  );
  named(
    'a factor on the fact constructor',
    (doc) => (doc.domains.patching.factors[0].fact = 'constructor'),
    'domains.patching.factors[0].fact',
  );
  named(
    'a schedule item on constructor',
    (doc) => (doc.pricing.schedule.items[0].basis = ['constructor']),
    'pricing.schedule.items[0].basis[0]',
  );
  named('a rule on the part constructor', (doc) => (doc.rules[0].part = 'constructor'), 'rules[0].part');
  named(
    'a condition on the field __proto__',
    (doc) => (doc.unknowns['patching.updatesSigned'].applicableWhen.field = '__proto__'),
    'unknowns.patching.updatesSigned.applicableWhen.field',
  );

  // Enormous tables and arrays, and a body over the route's limit.
  const rows = 100_000;
  const rowsOf = <T>(make: (index: number) => T) => Array.from({ length: rows }, (_, index) => make(index));
  named(
    '100k-entry lookup table',
    (doc) => (doc.tables.enormous = { kind: 'lookup', entries: Object.fromEntries(rowsOf((i) => [`k${i}`, i])) }),
    'tables.enormous.entries',
  );
  named(
    '100k-point interpolation table',
    (doc) => (doc.tables.enormous = { kind: 'interpolate', beyond: 'clamp', points: rowsOf((i) => ({ x: i, y: i })) }),
    'tables.enormous.points',
  );
  named(
    '100k-band table',
    (doc) => (doc.tables.enormous = { kind: 'bands', bands: rowsOf((i) => ({ from: i, value: i })) }),
    'tables.enormous.bands',
  );
  named(
    '100k-point ILF table',
    (doc) => (doc.tables.ilf.points = rowsOf((i) => ({ x: i * 1000, y: 1 + i / rows }))),
    'tables.ilf.points',
  );
  named(
    '20k rules',
    (doc) =>
      (doc.rules = Array.from({ length: 20_000 }, (_, i) => ({
        code: `R${i}`,
        kind: 'referral',
        title: 'r',
        when: 'true',
        overridable: true,
        remedy: 'r',
      }))),
    'rules',
  );
  const statesFilling = (bytes: number) => Array.from({ length: Math.ceil(bytes / '"OH",'.length) }, () => 'OH');
  named(
    'an array near the body limit',
    (doc) => (doc.filing.states = statesFilling(PUBLISH_BODY_LIMIT - shippedText.length - 4096)),
    'filing.states',
  );
  named(
    'improvement steps near the body limit',
    (doc) =>
      (doc.improvements['patching.criticalRemediationDays'] = {
        better: 'lower',
        steps: Array.from({ length: 400_000 }, (_, i) => 400_000 - i),
      }),
    'improvements.patching.criticalRemediationDays.steps',
  );
  changed(
    'a body just over the limit',
    (doc) => (doc.filing.states = statesFilling(PUBLISH_BODY_LIMIT - shippedText.length + 4096)),
    {
      statuses: [413],
    },
  );

  // Deep nesting, where the format nests at most 6 levels.
  const depth = 10_000;
  const deepArrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const deepObjects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  edited(
    '10,000 nested arrays in a field',
    (text) => text.replace('"description":"', `"description":${deepArrays},"x":"`),
    {
      path: `description${'[0]'.repeat(31)}`,
    },
  );
  edited(
    '10,000 nested objects in constants',
    (text) => text.replace('"constants":{', `"constants":{"deep":${deepObjects},`),
    {
      path: `constants.deep${'.a'.repeat(30)}`,
    },
  );
  edited(
    '10,000 nested arrays in a table',
    (text) => text.replace('"tables":{', `"tables":{"deep":{"kind":"lookup","entries":{"a":${deepArrays}}},`),
    {
      path: `tables.deep.entries.a${'[0]'.repeat(28)}`,
    },
  );
  // The idempotency middleware hashes the body's canonical JSON before the model is read.
  edited(
    '10,000 nested objects with an Idempotency-Key',
    (text) => text.replace('"constants":{', `"constants":{"deep":${deepObjects},`),
    {
      headers: { 'Idempotency-Key': 'hostile-deep-nesting' },
    },
  );
  corpus.push({ name: '10,000 nested arrays as the body', body: deepArrays });
  corpus.push({
    name: '1,000,000 nested arrays as the body',
    body: `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`,
  });

  // Numbers at the edges of a double, in rates and limits.
  named(
    'a tier factor of 1e308',
    (doc) => (doc.pricing.tierFactors.high_risk = 1e308),
    'pricing.tierFactors.high_risk',
  );
  named('a constant of -1e308', (doc) => (doc.constants.exposureFloor = -1e308), 'constants.exposureFloor');
  named(
    'an ILF limit of 1e308',
    (doc) => (doc.tables.ilf.points.at(-1).x = 1e308),
    `tables.ilf.points[${shipped().tables.ilf.points.length - 1}].x`,
  );
  named('a minimum premium of 1e308', (doc) => (doc.pricing.minimumPremium = 1e308), 'pricing.minimumPremium');
  named(
    'a lookup value of 1e308',
    (doc) => (doc.tables.sectorHazard.entries.healthcare = 1e308),
    'tables.sectorHazard.entries.healthcare',
  );
  named(
    'a coverage share of 1e308',
    (doc) => (doc.coverage.parts[0].premiumShare = 1e308),
    'coverage.parts[0].premiumShare',
  );
  edited('a tier factor of 1e400', (text) => text.replace(/"high_risk":[\d.]+/, '"high_risk":1e400'), {
    path: 'pricing.tierFactors.high_risk',
  });
  edited('a constant of -1e400', (text) => text.replace(/"exposureFloor":\d+/, '"exposureFloor":-1e400'), {
    path: 'constants.exposureFloor',
  });
  edited('maximum points of 1e400', (text) => text.replace(/"maxPoints":\d+/, '"maxPoints":1e400'), {
    path: 'domains.patching.factors[0].maxPoints',
  });

  // References: cycles and dangling names.
  named(
    'a cycle of moot conditions',
    (doc) => {
      doc.unknowns['patching.updatesSigned'].applicableWhen = { field: 'patching.automaticUpdates', in: [true] };
      doc.unknowns['patching.automaticUpdates'].applicableWhen = { field: 'patching.updatesSigned', in: [true] };
    },
    'unknowns.patching.updatesSigned.applicableWhen.field',
  );
  named(
    'a moot condition on itself',
    (doc) => (doc.unknowns['patching.updatesSigned'].applicableWhen = { field: 'patching.updatesSigned', in: [true] }),
    'unknowns.patching.updatesSigned.applicableWhen.field',
  );
  const harbor = shipped().regimes.findIndex((regime: Doc) => regime.kind === 'safe_harbor');
  named(
    'a waiver of a rule that does not exist',
    (doc) => (doc.regimes[harbor].waives = ['NO_SUCH_RULE']),
    `regimes[${harbor}].waives[0]`,
  );

  // Duplicate ids.
  const duplicate = (what: string, list: (doc: Doc) => Doc[], path: string, key = 'id') =>
    named(`a duplicate ${what}`, (doc) => (list(doc)[1]![key] = list(doc)[0]![key]), path);
  duplicate('factor id', (doc) => doc.domains.patching.factors, 'domains.patching.factors[1].id');
  duplicate('rule code', (doc) => doc.rules, 'rules[1].code', 'code');
  duplicate('coverage part', (doc) => doc.coverage.parts, 'coverage.parts[1].id');
  duplicate('regime id', (doc) => doc.regimes, 'regimes[1].id');
  duplicate('requirement id', (doc) => doc.regimes[0].requirements, 'regimes[0].requirements[1].id');
  duplicate('adjustment id', (doc) => doc.pricing.adjustments, 'pricing.adjustments[1].id');
  duplicate('tier cap id', (doc) => doc.tiers.caps, 'tiers.caps[1].id');
  duplicate('exposure driver id', (doc) => doc.exposure.drivers, 'exposure.drivers[1].id');
  duplicate('schedule item id', (doc) => doc.pricing.schedule.items, 'pricing.schedule.items[1].id');

  // Unicode in ids and names.
  named('a model id with a Cyrillic homoglyph', (doc) => (doc.id = 'іot-cyber'), 'id');
  named('a model id with a zero-width space', (doc) => (doc.id = 'iot\u200bcyber'), 'id');
  named('a version with a NUL', (doc) => (doc.version = '1.0.0\u0000'), 'version');
  named('a version in full-width digits', (doc) => (doc.version = '２.0.0'), 'version');
  named(
    'a factor id with an accent',
    (doc) => (doc.domains.patching.factors[0].id = 'critical_remédiation'),
    'domains.patching.factors[0].id',
  );
  named(
    'a rule code with a right-to-left override',
    (doc) => (doc.rules[1].code = 'WAR\u202eEXCLUSION'),
    'rules[1].code',
  );
  named('a constant named by an emoji', (doc) => (doc.constants['💥'] = 1), 'constants.💥');
  named('a table name with a combining mark', (doc) => (doc.tables['ilf\u0301'] = doc.tables.ilf), 'tables.ilf\u0301');
  return corpus;
}

const corpus = buildCorpus();

let database: DatabaseHandle;
let server: Server;
let origin: string;
let admin: TestTenant;
let broker: TestTenant;
let registeredBefore: unknown;
let premiumsBefore: unknown;
const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const refusalMs: number[] = [];

const listModels = async () => (await fetch(`${origin}/v1/rating-models`, { headers: admin.headers })).json();

async function premiums(): Promise<unknown> {
  const response = await fetch(`${origin}/v1/score`, {
    method: 'POST',
    headers: { ...broker.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(exampleRequest()),
    signal: AbortSignal.timeout(REFUSAL_DEADLINE_MS),
  });
  expect(response.status).toBe(200);
  const result = (await response.json()) as RatingResult;
  return { model: result.model, premiums: result.premiums.map((option) => option.premium) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const models = await loadModelDirectory(new URL('../../models', import.meta.url).pathname);
  await seedModels(database.db, models);
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  const app = createApp({
    config,
    database,
    logger: pino({ level: 'silent' }),
    models: new ModelRegistry(database.db, models),
    clock: () => new Date(`${RATED_ON}T12:00:00Z`),
  });
  admin = await createTenant(database.db, 'carrier', 'admin');
  broker = await createTenant(database.db, 'broker', 'broker');
  server = serve({
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    serverOptions: httpServerOptions(config),
  }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  registeredBefore = await listModels();
  premiumsBefore = await premiums();
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

describe('hostile rating models', () => {
  it('start from a shipped model that is valid as it is, with a version of its own', () => {
    const doc = shipped();
    doc.version = '1.999.0';
    expect(compileRatingModel(doc).version).toBe('1.999.0');
    expect(new Set(corpus.map((entry) => entry.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((entry) => [entry.name, entry] as const))('refuses %s', async (_name, hostile) => {
    const started = performance.now();
    const response = await fetch(`${origin}/v1/rating-models`, {
      method: 'POST',
      headers: { ...admin.headers, 'Content-Type': 'application/json', ...hostile.headers },
      body: hostile.body,
      signal: AbortSignal.timeout(REFUSAL_DEADLINE_MS),
    });
    const problem = (await response.json()) as { errors?: { path: string; message: string }[] };
    const elapsed = performance.now() - started;
    refusalMs.push(elapsed);
    const detail = `answered ${response.status}: ${JSON.stringify(problem).slice(0, 300)}`;
    expect(hostile.statuses ?? [400, 413, 422], detail).toContain(response.status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    if (hostile.path !== undefined) expect(problem.errors?.[0]?.path).toBe(hostile.path);
    if (hostile.statuses?.includes(413)) expect(hostile.body.length).toBeGreaterThan(PUBLISH_BODY_LIMIT);
    expect(elapsed).toBeLessThan(REFUSAL_DEADLINE_MS);
  });

  it('registered nothing, polluted no prototype, and rates exactly as before', async () => {
    expect(await listModels()).toEqual(registeredBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
    expect(await premiums()).toEqual(premiumsBefore);
    const slowestMs = Math.round(Math.max(...refusalMs));
    console.log(
      `resilience hostile-models: documents=${corpus.length} refused=${refusalMs.length} accepted=0 slowestMs=${slowestMs}`,
    );
    expect(refusalMs.length).toBe(corpus.length);
  });
});
