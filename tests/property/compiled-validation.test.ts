import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type z } from 'zod';
import { InlineApplicant, ScoreRequest } from '../../src/domain/posture';
import { scoreRequest } from '../support/arbitraries';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** Replaces the value at one path of a JSON tree, as a careless or hostile client would. */
function mutated(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  if (root === null || typeof root !== 'object') return root;
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  copy[head!] = mutated(copy[head!], rest, value);
  return copy;
}

/** Adds a key to the object at one path (nothing where the path holds no object), as an own key as JSON.parse makes. */
function withKey(root: unknown, path: readonly (string | number)[], key: string, value: unknown): unknown {
  let target = root;
  for (const segment of path) target = (target as Record<string | number, unknown>)[segment];
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return root;
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return mutated(root, path, copy);
}

/** Every path of a JSON tree, for a mutation to pick from. */
function pathsOf(root: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (root === null || typeof root !== 'object') return [prefix];
  const entries = Array.isArray(root) ? root.map((value, index) => [index, value] as const) : Object.entries(root);
  return [prefix, ...entries.flatMap(([key, value]) => pathsOf(value, [...prefix, key]))];
}

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.double(),
  fc.integer({ min: -(2 ** 60), max: 2 ** 60 }),
  fc.string(),
  fc.constantFrom('UK', 'EU', 'XXX', '2026-02-30', 'CVE-1', '', '__proto__'),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** A request generated valid, then with one value anywhere in it replaced by junk or one key added (or neither). */
const request = scoreRequest('USD').chain((valid) => {
  const paths = pathsOf(valid);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(valid as unknown) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: paths.length - 1 }), junk)
        .map(([at, value]) => mutated(valid, paths[at]!, value)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: paths.length - 1 }),
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''),
          junk,
        )
        .map(([at, key, value]) => withKey(valid, paths[at]!, key, value)),
    },
  );
});

/** What a parse answers, as the API would use it: the data, or each issue's path, code and message. */
function answer(result: z.ZodSafeParseResult<unknown>) {
  return result.success
    ? { success: true, data: result.data }
    : {
        success: false,
        issues: result.error.issues.map(({ path, code, message }) => ({ path, code, message })),
      };
}

// The routes and the comparison rows validate with zod's compiled parsers (src/http/route.ts, rate-rows.ts); the
// contract is the runtime schema's, so on any input the compiled parser must answer exactly what the runtime does.
describe('compiled request parsers agree with the runtime schemas', () => {
  it.each([
    ['ScoreRequest', ScoreRequest, (body: unknown) => body],
    [
      'InlineApplicant',
      InlineApplicant,
      (body: unknown) => {
        const { profile, posture } = (body ?? {}) as { profile?: unknown; posture?: unknown };
        return { profile, posture };
      },
    ],
  ] as const)('%s: same data or same issues, on valid and mutated input', (_name, schema, shape) => {
    const compiled = compile(schema as z.ZodType);
    let refused = 0;
    fc.assert(
      fc.property(request, (body) => {
        const input = shape(body);
        const runtime = answer((schema as z.ZodType).safeParse(structuredClone(input)));
        expect(answer(compiled.safeParse(structuredClone(input)))).toEqual(runtime);
        if (!runtime.success) refused += 1;
      }),
      { numRuns: RUNS },
    );
    // The mutations must actually reach refusals, or the agreement on issues would go untested.
    expect(refused).toBeGreaterThan(RUNS / 10);
  });
});
