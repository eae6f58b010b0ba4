import { readFile } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_PATH, serializeDocument } from '../../scripts/write-openapi';
import { PUBLIC_UNDOCUMENTED_ROUTES } from '../../src/http/routes/docs';
import { createTestApp, type TestApp } from '../support/app';
import { exampleRequest, postJson } from '../support/requests';

interface Operation {
  operationId?: string;
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, unknown>;
}
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: unknown };

let t: TestApp;
let served: OpenApiDocument;
beforeAll(async () => {
  t = await createTestApp();
  served = (await (await t.app.request('/openapi.json')).json()) as OpenApiDocument;
});
afterAll(async () => {
  await t.close();
});

const operations = () =>
  Object.entries(served.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

describe('the OpenAPI document', () => {
  it('is committed as served: run `npm run openapi` after changing a route', async () => {
    const committed = await readFile(OPENAPI_PATH, 'utf8');
    expect(committed).toBe(serializeDocument(served));
  });

  it('documents every route the app serves, apart from the docs themselves', () => {
    const documented = new Set(
      operations().map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = t.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => !PUBLIC_UNDOCUMENTED_ROUTES.some((path) => route === `GET ${path}`));
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });

  it('gives every operation an id, a 500 response, and a required JSON body where it takes one', () => {
    const ids = new Set<string>();
    for (const { path, method, operation } of operations()) {
      expect(operation.operationId, `${method} ${path}`).toBeTruthy();
      expect(ids.has(operation.operationId!)).toBe(false);
      ids.add(operation.operationId!);
      expect(operation.responses['500'], `${method} ${path}`).toBeDefined();
      if (operation.requestBody) {
        expect(operation.requestBody.required, `${method} ${path}`).toBe(true);
        expect(Object.keys(operation.requestBody.content)).toEqual(['application/json']);
        for (const status of ['400', '413', '415', '422']) expect(operation.responses[status]).toBeDefined();
      }
    }
  });

  it('accepts a null where the API accepts one, a nullable named schema included', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'https://document.invalid/openapi.json', components: served.components });
    const validScoreRequest = ajv.compile({
      $ref: 'https://document.invalid/openapi.json#/components/schemas/ScoreRequest',
    });
    const withLoss = (loss: unknown) => {
      const request = exampleRequest();
      const [incident] = request.posture.incidents as Record<string, unknown>[];
      return { ...request, posture: { ...request.posture, incidents: [{ ...incident, loss }] } };
    };
    for (const [loss, status] of [
      [null, 200],
      [{ amount: 250_000_00, currency: 'USD' }, 200],
      ['250000', 422],
    ] as const) {
      const body = withLoss(loss);
      const answered = await t.app.request('/v1/score', postJson(body, t.underwriter.headers));
      expect(answered.status, JSON.stringify(loss)).toBe(status);
      expect(validScoreRequest(body), JSON.stringify(loss)).toBe(status === 200);
    }
  });
});
