/**
 * Hostile request bodies, made from a valid one: a value replaced at a random path (wrong type, huge, odd number,
 * unicode, deep nesting), a field removed or added, keys repeated, or the text itself broken. Bodies are written
 * as text by `writeJson`, so they can hold what JSON.stringify cannot write (1e400, repeated keys, lone surrogate
 * escapes); big pieces are written only when sent, so thousands of planned requests stay small in memory.
 */
import fc from 'fast-check';

export type JsonPath = readonly (string | number)[];

/** JSON text placed verbatim where a value goes; `write` runs when the body is sent. */
export class RawJson {
  constructor(readonly write: () => string) {}
}

/** An object written with exactly these entries, so a key can appear twice (or be `__proto__`). */
export class ObjectEntries {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

export function writeJson(value: unknown): string {
  if (value instanceof RawJson) return value.write();
  if (value instanceof ObjectEntries) {
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`).join(',')}}`;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : writeJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Every path in a plain JSON value, the root ([]) first; capped so a 1,000-entry body stays cheap to mutate. */
export function pathsOf(value: unknown, limit = 400): JsonPath[] {
  const paths: JsonPath[] = [];
  const visit = (current: unknown, path: JsonPath) => {
    if (paths.length >= limit) return;
    paths.push(path);
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) visit(item, [...path, key]);
    }
  };
  visit(value, []);
  return paths;
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const segment of path) current = (current as Record<string | number, unknown>)?.[segment];
  return current;
}

/** A copy of `root` with the value at `path` replaced (or removed, when `replacement` is `REMOVE`). */
export function withValueAt(root: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

export const REMOVE = Symbol('remove');

const objectPaths = (body: unknown) =>
  pathsOf(body).filter((path) => {
    const value = valueAt(body, path);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  });

// A unit repeated to about 100k characters: long enough to find unbounded fields, cheap to hold until sent.
const hugeString = fc
  .tuple(
    fc.oneof(fc.constant('A'), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.constant('\u202e\u0000')),
    fc.constantFrom(5_000, 100_000),
  )
  .map(([unit, length]) => new RawJson(() => JSON.stringify(unit.repeat(Math.ceil(length / unit.length)))));

/** Numbers at the edges: beyond double range (written raw), negative zero, past 2^53, denormals, exponents. */
export const ODD_NUMBERS = [
  '1e308',
  '-1e308',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '-0.0',
  '9007199254740993',
  '-9007199254740993',
  '123456789012345678901234567890',
  '5e-324',
  '0.30000000000000004',
  '1E2',
  '1.5',
  '-1',
  '0',
  '4294967296',
  '1e21',
  '2147483648',
  '0.0000001',
];
const oddNumber = fc.constantFrom(...ODD_NUMBERS).map((text) => new RawJson(() => text));

/** Strings that trip decoders and comparisons: lone surrogates, NUL, right-to-left overrides, BOMs, combining marks. */
const UNICODE_TEXTS = [
  '"\\ud800"',
  '"\\udfff\\ud800"',
  '"a\\ud83d"',
  '"\\u0000"',
  '"nul\\u0000inside"',
  '"\u202egnp.exe"',
  '"\ufeffbom"',
  '"e\u0301\u0301\u0301"',
  '"😀👩‍👩‍👧‍👦"',
  '"\u0000"',
  '"\\\\"',
  '"   "',
  '""',
  '"\u2028\u2029"',
  '"ＡＣＭＥ"',
  '"\uffff\ufffe"',
  '"𝕬𝖈𝖒𝖊"',
  '"Robert\'); DROP TABLE quotes;--"',
  '"%s%n%x"',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, meant literally
  '"${jndi:ldap://x}"',
];
const unicodeText = fc.oneof(
  fc.constantFrom(...UNICODE_TEXTS).map((text) => new RawJson(() => text)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const deepNesting = fc
  .tuple(fc.constantFrom(64, 1_000, 5_000, 20_000), fc.constantFrom('array', 'object'))
  .map(
    ([depth, kind]) =>
      new RawJson(() =>
        kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      ),
  );

const hugeArray = fc
  .tuple(fc.constantFrom(1_000, 20_000, 100_000), fc.constantFrom('0', '{}', '"x"', 'null'))
  .map(([length, item]) => new RawJson(() => `[${`${item},`.repeat(length - 1)}${item}]`));

const manyKeys = fc
  .constantFrom(1_000, 20_000)
  .map(
    (count) => new RawJson(() => `{${Array.from({ length: count }, (_, index) => `"k${index}":${index}`).join(',')}}`),
  );

const junkValue = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: oddNumber },
  { weight: 1, arbitrary: unicodeText },
  { weight: 1, arbitrary: fc.constantFrom({}, [], '', 0, -1, true, null, '1', 'null', [null], { '': null }) },
);

const propertyName = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'id',
    'ownerOrganizationId',
    'organizationId',
    'revision',
    'createdAt',
    '',
    ' ',
    '$where',
    'toString',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

/** The body as text (or bytes), written only when the request is sent. */
export type BodyText = () => string | Uint8Array;

export interface BodyMutation {
  name: string;
  /** Built only when chosen: most drafts take one mutation, and building all of them is the fuzzer's main cost. */
  text: () => fc.Arbitrary<BodyText> | undefined;
}

const written = (value: fc.Arbitrary<unknown>): fc.Arbitrary<BodyText> => value.map((body) => () => writeJson(body));
const verbatim = (value: fc.Arbitrary<string | Uint8Array>): fc.Arbitrary<BodyText> => value.map((body) => () => body);

const replaceAt = (body: unknown, replacement: fc.Arbitrary<unknown>, paths = pathsOf(body)) =>
  written(fc.tuple(fc.constantFrom(...paths), replacement).map(([path, value]) => withValueAt(body, path, value)));

function withEntryAdded(body: unknown, extra: fc.Arbitrary<readonly [string, unknown]>, placeFirst: boolean) {
  const targets = objectPaths(body);
  if (targets.length === 0) return undefined;
  return written(
    fc.tuple(fc.constantFrom(...targets), extra).map(([path, entry]) => {
      const target = valueAt(body, path) as Record<string, unknown>;
      const entries = Object.entries(target);
      return withValueAt(body, path, new ObjectEntries(placeFirst ? [entry, ...entries] : [...entries, entry]));
    }),
  );
}

function duplicatedKey(body: unknown) {
  const targets = objectPaths(body).filter((path) => Object.keys(valueAt(body, path) as object).length > 0);
  if (targets.length === 0) return undefined;
  return written(
    fc.tuple(fc.constantFrom(...targets), fc.nat(), junkValue, fc.boolean()).map(([path, pick, junk, junkFirst]) => {
      const entries = Object.entries(valueAt(body, path) as Record<string, unknown>);
      const [key, value] = entries[pick % entries.length]!;
      // Either order: a parser that keeps the first or the last value must still leave a valid or refused body.
      const repeated: [string, unknown][] = junkFirst ? [[key, junk]] : [[key, value]];
      const rest = entries.map(([name, item]): [string, unknown] => [name, name === key && !junkFirst ? junk : item]);
      return withValueAt(body, path, new ObjectEntries(junkFirst ? [...repeated, ...rest] : [...rest, ...repeated]));
    }),
  );
}

const INVALID_UTF8 = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

function invalidUtf8(text: string): fc.Arbitrary<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.constantFrom(...INVALID_UTF8)).map(([at, bad]) => {
    const out = new Uint8Array(bytes.length + bad.length);
    out.set(bytes.subarray(0, at), 0);
    out.set(bad, at);
    out.set(bytes.subarray(at), at + bad.length);
    return out;
  });
}

/** Whole bodies that are not JSON, or JSON of the wrong shape, or JSON with something after it. */
const WHOLE_BODIES = [
  '',
  ' ',
  '\n\t',
  'null',
  'true',
  '0',
  '"a string"',
  '[]',
  '[{}]',
  '{}',
  '{',
  '}',
  '{"a":}',
  "{'a':1}",
  '{a:1}',
  'NaN',
  'Infinity',
  '{"a":NaN}',
  '{"a":-Infinity}',
  '{"a":0x10}',
  '{"a":01}',
  '{"a":+1}',
  '{"a":1,}',
  '[1,]',
  '/* comment */ {}',
  '{}{}',
  '{} trailing',
  '\u0000',
  'undefined',
  '{"a":"\t"}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\ufeff{}',
];

const hugeKey = fc.constantFrom(10_000, 100_000).map((length) => 'k'.repeat(length));

/** The hostile variants of one valid body; each names itself for the report and the failure message. */
export function bodyMutations(body: unknown): BodyMutation[] {
  const inner = () => pathsOf(body).filter((path) => path.length > 0);
  const textOf = () => writeJson(body);
  const mutations: BodyMutation[] = [
    { name: 'wrong-type', text: () => replaceAt(body, junkValue) },
    {
      name: 'missing-field',
      text: () =>
        nonEmpty(inner(), (paths) => written(fc.constantFrom(...paths).map((path) => withValueAt(body, path, REMOVE)))),
    },
    { name: 'null-field', text: () => nonEmpty(inner(), (paths) => replaceAt(body, fc.constant(null), paths)) },
    { name: 'huge-string', text: () => replaceAt(body, hugeString) },
    { name: 'odd-number', text: () => replaceAt(body, oddNumber) },
    { name: 'unicode', text: () => replaceAt(body, unicodeText) },
    { name: 'deep-nesting', text: () => replaceAt(body, deepNesting) },
    { name: 'huge-array', text: () => replaceAt(body, hugeArray) },
    { name: 'many-keys', text: () => replaceAt(body, manyKeys) },
    { name: 'unknown-field', text: () => withEntryAdded(body, fc.tuple(propertyName, junkValue), false) },
    { name: 'huge-key', text: () => withEntryAdded(body, fc.tuple(hugeKey, junkValue), true) },
    { name: 'duplicate-key', text: () => duplicatedKey(body) },
    {
      name: 'truncated',
      text: () => {
        const text = textOf();
        return verbatim(fc.nat({ max: Math.max(0, text.length - 1) }).map((length) => text.slice(0, length)));
      },
    },
    {
      name: 'not-json',
      text: () => {
        const text = textOf();
        return verbatim(fc.constantFrom(...WHOLE_BODIES, `${text}garbage`, `${text}${text}`, `[${text}]`));
      },
    },
    { name: 'invalid-utf8', text: () => verbatim(invalidUtf8(textOf())) },
  ];
  return mutations;
}

const nonEmpty = <T, R>(items: T[], use: (items: T[]) => R): R | undefined =>
  items.length > 0 ? use(items) : undefined;

/** A body past the default 1 MiB limit (routes with larger limits refuse it by schema instead). */
export const OVERSIZED_BODY: BodyText = () => `{"padding":"${'x'.repeat(1_200_000)}"}`;
