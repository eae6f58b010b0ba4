import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RatingResponse } from '../../src/http/schemas/rating';
import { createTestApp, type TestApp } from '../support/app';
import { exampleRequest } from '../support/requests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

async function send(body: string) {
  const response = await t.app.request('/v1/score?model=alt-test', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...t.underwriter.headers },
    body,
  });
  if (response.status === 200) {
    expect(RatingResponse.safeParse(await response.json()).error).toBeUndefined();
  }
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; code: string };
    expect(problem.status).toBe(response.status);
  }
  return response.status;
}

/** Replaces the value at a random path of the example request with arbitrary JSON. */
function mutated() {
  const base = exampleRequest('GBP');
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    } else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths.filter((path) => path.length > 0)), fc.jsonValue()).map(([path, value]) => {
    const copy = structuredClone(base) as Record<string | number, unknown>;
    let target = copy;
    for (const segment of path.slice(0, -1)) target = target[segment] as Record<string | number, unknown>;
    target[path.at(-1)!] = value;
    return JSON.stringify(copy);
  });
}

describe('POST /v1/score under hostile input', () => {
  it('answers arbitrary JSON with a 4xx problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect(await send(JSON.stringify(value))).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers a valid request with one field replaced by arbitrary JSON with 200 or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(), async (body) => {
        const status = await send(body);
        expect([200, 400, 404, 422]).toContain(status);
      }),
      { numRuns: RUNS },
    );
  });
});
