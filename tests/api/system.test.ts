import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';

const METRICS_TOKEN = 'scrape-token-for-the-tests-0123456789';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN });
});
afterAll(async () => {
  await t.close();
});

describe('system routes', () => {
  it('GET /healthz answers while the process is up', async () => {
    const response = await t.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('GET /readyz names the database that answered', async () => {
    const response = await t.app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: t.database.kind });
  });

  it('GET /metrics exposes request counts and latency by route pattern and status, plus process metrics', async () => {
    await t.app.request('/healthz');
    await t.app.request('/no/such/route');
    const response = await t.app.request('/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="200"\}/,
    );
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('GET /metrics needs the metrics token: 401 without or with another, never an API key', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Bearer ${t.admin.token}`]) {
      const response = await t.app.request(
        '/metrics',
        authorization ? { headers: { Authorization: authorization } } : {},
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="metrics"/);
    }
  });

  it('GET /metrics is not served at all (404) when no METRICS_TOKEN is set', async () => {
    const bare = await createTestApp({}, t.database);
    const response = await bare.app.request('/metrics');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await bare.app.request('/healthz')).status).toBe(200);
    expect((await bare.app.request('/readyz')).status).toBe(200);
  });

  it('GET /openapi.json serves an OpenAPI 3.1 document', async () => {
    const response = await t.app.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/metrics']));
  });

  it('GET /docs renders the reference page with its script served by this process, not a CDN', async () => {
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/docs/standalone.js']);
    expect(html).toContain('/openapi.json');
    const script = await t.app.request('/docs/standalone.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  it('every response carries a request id: a well-formed one is kept, anything else replaced', async () => {
    const kept = await t.app.request('/healthz', { headers: { 'X-Request-Id': 'broker-trace-42' } });
    expect(kept.headers.get('x-request-id')).toBe('broker-trace-42');
    const replaced = await t.app.request('/healthz', { headers: { 'X-Request-Id': 'bad id <script>' } });
    const generated = replaced.headers.get('x-request-id');
    expect(generated).not.toBe('bad id <script>');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await t.app.request('/nowhere');
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request with request id, method, route, status and duration', async () => {
    await t.app.request('/readyz', { headers: { 'X-Request-Id': 'log-check-1', Authorization: 'Bearer uwk_secret' } });
    const line = t.logs.find((entry) => entry.requestId === 'log-check-1' && entry.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', route: '/readyz', status: 200 });
    expect(typeof line?.durationMs).toBe('number');
    expect(JSON.stringify(t.logs)).not.toContain('uwk_secret');
  });
});

describe('readiness when the database is gone', () => {
  it('GET /readyz answers 503 problem+json and logs the cause', async () => {
    const down = await createTestApp();
    await down.database.close();
    const response = await down.app.request('/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ status: 503, code: 'service_unavailable', instance: '/readyz' });
    expect(down.logs.some((entry) => entry.msg === 'readiness check failed')).toBe(true);
  });
});
