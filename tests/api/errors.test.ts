import { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { problemType } from '../../src/http/problem';
import { defineRoute, jsonResponse } from '../../src/http/route';
import { createTestApp, type TestApp } from '../support/app';

const EchoBody = z.object({ name: z.string().min(1), units: z.number().int().nonnegative() }).strict();

/** A route declared exactly as product routes are, to prove the central body handling on any of them. */
const echoRoute = defineRoute({
  method: 'post',
  path: '/test/echo',
  operationId: 'testEcho',
  tags: ['Test'],
  access: 'public',
  bodyLimitBytes: 2048,
  request: { body: { required: true, content: { 'application/json': { schema: EchoBody } } } },
  responses: { 200: jsonResponse(EchoBody, 'echo') },
});

// A refinement that must be awaited: the synchronous validation defineRoute installs has to hand it back to zod's
// asynchronous parse rather than fail.
const AsyncCheckedBody = z
  .object({ code: z.string() })
  .strict()
  .refine(async (body) => body.code !== 'taken', { message: 'already taken', path: ['code'] });

const asyncCheckedRoute = defineRoute({
  method: 'post',
  path: '/test/async-checked',
  operationId: 'testAsyncChecked',
  tags: ['Test'],
  access: 'public',
  request: { body: { required: true, content: { 'application/json': { schema: AsyncCheckedBody } } } },
  responses: { 200: jsonResponse(AsyncCheckedBody, 'echo') },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.app.openapi(echoRoute({ bodyLimitBytes: t.config.BODY_LIMIT_BYTES, rateLimit: (_c, next) => next() }), (c) =>
    c.json(c.req.valid('json'), 200),
  );
  t.app.openapi(
    asyncCheckedRoute({ bodyLimitBytes: t.config.BODY_LIMIT_BYTES, rateLimit: (_c, next) => next() }),
    (c) => c.json(c.req.valid('json'), 200),
  );
  t.app.get('/test/explode', () => {
    throw new Error('connection string postgres://admin:hunter2@db/internal');
  });
});
afterAll(async () => {
  await t.close();
});

const post = (body: string | undefined, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  t.app.request('/test/echo', { method: 'POST', body, headers });

async function expectProblem(response: Response, status: number, code: string, instance = '/test/echo') {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: problemType(code as never), status, code, instance });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}

describe('problem details for every error status', () => {
  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ name: 'cam', units: 3 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'cam', units: 3 });
  });

  it('404 for an unknown route', async () => {
    const response = await t.app.request('/v1/does-not-exist');
    await expectProblem(response, 404, 'not_found', '/v1/does-not-exist');
  });

  it('405 with Allow for a known path and a wrong method', async () => {
    const response = await t.app.request('/test/echo', { method: 'GET' });
    await expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('POST');
    const health = await t.app.request('/healthz', { method: 'DELETE' });
    await expectProblem(health, 405, 'method_not_allowed', '/healthz');
    expect(health.headers.get('allow')).toBe('GET, HEAD');
  });

  it('404, not 405, for a known path written with a trailing slash (the router matches paths exactly)', async () => {
    for (const path of ['/healthz/', '/test/echo/', '/v1/quotes/', '/v1/organizations/']) {
      const response = await t.app.request(path);
      await expectProblem(response, 404, 'not_found', path);
      expect(response.headers.get('allow')).toBeNull();
    }
  });

  it('400 for malformed JSON, with the parser position', async () => {
    const body = await expectProblem(await post('{"name": "cam", units: }'), 400, 'malformed_json');
    expect(body.detail).toMatch(/not valid JSON/);
  });

  it('415 for a missing or non-JSON content type, even though the body would validate', async () => {
    const valid = JSON.stringify({ name: 'cam', units: 3 });
    await expectProblem(await post(valid, {}), 415, 'unsupported_media_type');
    await expectProblem(await post(valid, { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type');
    await expectProblem(
      await post('name=cam', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
    const vendorJson = await post(valid, { 'Content-Type': 'application/vnd.broker+json; charset=utf-8' });
    expect(vendorJson.status).toBe(200);
  });

  it('400 for an empty body with a JSON content type', async () => {
    await expectProblem(await post(''), 400, 'malformed_json');
  });

  it('413 above the route limit, with or without Content-Length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(4096), units: 1 });
    const body = await expectProblem(await post(big), 413, 'payload_too_large');
    expect(body.maxBytes).toBe(2048);
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await t.app.request('/test/echo', {
      method: 'POST',
      body: chunked,
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      duplex: 'half',
    } as RequestInit);
    await expectProblem(streamed, 413, 'payload_too_large');
  });

  it('422 naming each bad field, including unknown properties', async () => {
    const response = await post(JSON.stringify({ name: '', units: -1, owner: 'me' }));
    const body = await expectProblem(response, 422, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: expect.any(String) },
        { path: 'units', message: expect.any(String) },
        { path: 'owner', message: 'unknown field: not part of this schema' },
      ]),
    );
  });

  it('422 for a JSON body that is not an object', async () => {
    const body = await expectProblem(await post('[1,2]'), 422, 'validation_failed');
    expect(body.errors).toEqual([{ path: '(body)', message: expect.any(String) }]);
  });

  it('500 without internals in the body; the cause goes to the log under the request id', async () => {
    const response = await t.app.request('/test/explode', { headers: { 'X-Request-Id': 'explode-1' } });
    await expectProblem(response.clone(), 500, 'internal_error', '/test/explode');
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text)).toMatchObject({ code: 'internal_error', requestId: 'explode-1' });
    const logged = t.logs.find((entry) => entry.requestId === 'explode-1' && entry.msg === 'unhandled error');
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('validates bodies by the compiled parser, refuses with the runtime issues, and honours an asynchronous schema', async () => {
    // The compiled parser answers a valid body alone; only a body it rejects reaches the runtime parser.
    const runtime = vi.spyOn(EchoBody._zod, 'run');
    expect((await post(JSON.stringify({ name: 'probe', units: 1 }))).status).toBe(200);
    expect(runtime).not.toHaveBeenCalled();
    const refused = await expectProblem(await post(JSON.stringify({ name: '', units: 1.5 })), 422, 'validation_failed');
    expect(runtime).toHaveBeenCalledTimes(1);
    runtime.mockRestore();
    expect(refused.errors).toEqual([
      { path: 'name', message: expect.any(String) },
      { path: 'units', message: expect.any(String) },
    ]);

    const postChecked = (code: string) =>
      t.app.request('/test/async-checked', {
        method: 'POST',
        body: JSON.stringify({ code }),
        headers: { 'Content-Type': 'application/json' },
      });
    const accepted = await postChecked('free');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ code: 'free' });
    const taken = await expectProblem(await postChecked('taken'), 422, 'validation_failed', '/test/async-checked');
    expect(taken.errors).toEqual([{ path: 'code', message: 'already taken' }]);
  });
});
