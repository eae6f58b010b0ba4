import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemType } from '../../src/http/problem';
import { createTestApp, type TestApp } from '../support/app';

// PostgreSQL text cannot hold U+0000, and an unpaired UTF-16 surrogate is not text at all: before this was refused
// at the door, either answered 500 from the database or was stored as U+FFFD, something the client never sent.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const json = (headers: Record<string, string>) => ({ ...headers, 'Content-Type': 'application/json' });

async function expectFieldProblem(response: Response, path: string, message: RegExp) {
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as { type: string; errors: { path: string; message: string }[] };
  expect(body.type).toBe(problemType('validation_failed'));
  expect(body.errors).toContainEqual({ path, message: expect.stringMatching(message) });
}

const createOrganization = (rawBody: string) =>
  t.app.request('/v1/organizations', { method: 'POST', headers: json(t.admin.headers), body: rawBody });

describe('text that cannot be stored', () => {
  it('refuses NUL in a body field with 422 naming the field, and stores nothing', async () => {
    const before = (await (await t.app.request('/v1/organizations', { headers: t.admin.headers })).json()) as {
      items: unknown[];
    };
    await expectFieldProblem(
      await createOrganization('{"name":"Harbor\\u0000Brokers","kind":"broker"}'),
      'name',
      /NUL/,
    );
    const after = (await (await t.app.request('/v1/organizations', { headers: t.admin.headers })).json()) as {
      items: unknown[];
    };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('refuses a lone surrogate, high or low, anywhere in the body, keys included', async () => {
    await expectFieldProblem(
      await createOrganization('{"name":"Harbor \\ud800","kind":"broker"}'),
      'name',
      /surrogate/,
    );
    await expectFieldProblem(
      await createOrganization('{"name":"\\udc00 Harbor","kind":"broker"}'),
      'name',
      /surrogate/,
    );
    await expectFieldProblem(
      await createOrganization('{"name":"Harbor","kind":"broker","x\\u0000":1}'),
      'x\u0000',
      /NUL/,
    );
  });

  it('names nested paths the way every other field problem does', async () => {
    const response = await t.app.request('/v1/score', {
      method: 'POST',
      headers: json(t.underwriter.headers),
      body: '{"profile":{"legalName":"ok"},"posture":{},"options":[{"x":"\\u0000"}]}',
    });
    await expectFieldProblem(response, 'options[0].x', /NUL/);
  });

  it('keeps surrogate pairs (an emoji written as escapes) and other text as sent', async () => {
    const response = await createOrganization('{"name":"Harbor \\ud83d\\ude80 Brokers","kind":"broker"}');
    expect(response.status).toBe(201);
    expect(((await response.json()) as { name: string }).name).toBe('Harbor \u{1F680} Brokers');
  });

  it('refuses a body that is not valid UTF-8 with 400 rather than storing U+FFFD', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"Harbor '),
      0xed,
      0xa0,
      0x80,
      ...new TextEncoder().encode('","kind":"broker"}'),
    ]);
    const response = await t.app.request('/v1/organizations', {
      method: 'POST',
      headers: json(t.admin.headers),
      body: bytes,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string; detail: string }).detail).toMatch(/UTF-8/);
  });

  it('refuses NUL in a query parameter with 422 naming it', async () => {
    const response = await t.app.request('/v1/applicants?name=north%00wind', { headers: t.underwriter.headers });
    await expectFieldProblem(response, 'query.name', /NUL/);
  });
});
