/**
 * Slow clients and big bodies, over raw TCP against the real app served with the real server options
 * (src/http/server-options.ts): a body over the limit is refused without being read whole, and clients that stall
 * or trickle are cut at the configured timeouts while everyone else is still served.
 */
import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/db/client';
import { createApp } from '../../src/http/app';
import { httpServerOptions } from '../../src/http/server-options';
import { loadModelDirectory } from '../../src/models/registry';
import { ModelRegistry, seedModels } from '../../src/services/rating-models/registry';
import { createTestDatabase } from '../support/database';
import { createTenant, type TestTenant } from '../support/identity';
import { exampleRequest } from '../support/requests';

const MiB = 1024 * 1024;
const BODY_LIMIT = MiB;
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Node checks the timeouts at an interval (a quarter of the headers timeout here), and the machine is shared. */
const CUT_SLACK_MS = 1_500;
/** What a client that ignores the refusal would go on to send. */
const HOSTILE_BODY_BYTES = 200 * MiB;
const STALLED_CONNECTIONS = 200;
const SERVED_WITHIN_MS = 2_000;

interface Served {
  server: Server;
  port: number;
  origin: string;
}

let database: DatabaseHandle;
let broker: TestTenant;
let strict: Served;
let patient: Served;

async function start(environment: Record<string, string>): Promise<Served> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
    ...environment,
  });
  const models = await loadModelDirectory(new URL('../../models', import.meta.url).pathname);
  const app = createApp({
    config,
    database,
    logger: pino({ level: 'silent' }),
    models: new ModelRegistry(database.db, models),
    clock: () => new Date('2026-11-22T12:00:00Z'),
  });
  const server = serve({
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    serverOptions: httpServerOptions(config),
  }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, origin: `http://127.0.0.1:${port}` };
}

async function stop(served: Served | undefined): Promise<void> {
  if (!served) return;
  served.server.closeAllConnections();
  await new Promise((resolve) => served.server.close(resolve));
}

/** A TCP connection that records what the server sends and when it closes, relative to when it opened. */
interface RawClient {
  socket: Socket;
  received(): string;
  /** Resolves with the milliseconds from opening to the first byte of the answer. */
  answered: Promise<number>;
  /** Resolves with the milliseconds from opening to the close, whoever closed. */
  closed: Promise<number>;
  isClosed(): boolean;
}

async function openClient(port: number): Promise<RawClient> {
  const socket = connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const opened = performance.now();
  const chunks: Buffer[] = [];
  let closedFlag = false;
  // A server that cuts a client mid-write resets the connection; that is an outcome here, not a failure.
  socket.on('error', () => {});
  const answered = new Promise<number>((resolve) => {
    socket.once('data', () => resolve(performance.now() - opened));
  });
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<number>((resolve) => {
    socket.once('close', () => {
      closedFlag = true;
      resolve(performance.now() - opened);
    });
  });
  return {
    socket,
    received: () => Buffer.concat(chunks).toString('latin1'),
    answered,
    closed,
    isClosed: () => closedFlag,
  };
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  expect(end, `no complete response head in ${JSON.stringify(text.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  let body = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    for (let at = 0; ; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = Number.parseInt(body.slice(at, lineEnd), 16);
      if (!(size > 0)) break;
      decoded += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = decoded;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body };
}

const requestHead = (method: string, path: string, headers: Record<string, string>) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

const scoreHeaders = () => ({ Authorization: broker.headers.Authorization!, 'Content-Type': 'application/json' });

async function timedFetch(url: string, init: RequestInit = {}): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, text };
}

let oversizeRefusedAfterBytes = 0;
let stalledConnections = 0;
let servedWhileStalled = false;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedModels(database.db, await loadModelDirectory(new URL('../../models', import.meta.url).pathname));
  broker = await createTenant(database.db, 'broker', 'broker');
  strict = await start({
    HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  });
  // Timeouts long enough that the stalled connections of the load test are all still open while it measures.
  patient = await start({ HEADERS_TIMEOUT_MS: '30000', REQUEST_TIMEOUT_MS: '30000' });
});

afterAll(async () => {
  await stop(strict);
  await stop(patient);
  await database?.close();
  console.log(
    `resilience slow-clients: oversizeRefusedAfterBytes=${oversizeRefusedAfterBytes} ` +
      `stalledConnections=${stalledConnections} servedWhileStalled=${servedWhileStalled}`,
  );
});

describe('big bodies', () => {
  it('answers a Content-Length over the limit with 413 at once, without waiting for the body', async () => {
    const client = await openClient(strict.port);
    client.socket.write(
      requestHead('POST', '/v1/score', { ...scoreHeaders(), 'Content-Length': String(HOSTILE_BODY_BYTES) }),
    );
    // Not a byte of the body is sent: the answer can only come from the header.
    const closedMs = await client.closed;
    expect(closedMs).toBeLessThan(HEADERS_TIMEOUT_MS);
    const response = parseResponse(client.received());
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toMatchObject({ code: 'payload_too_large', maxBytes: BODY_LIMIT });
  });

  it('refuses a chunked body that grows past the limit after about the limit, not after the whole body', async () => {
    const rssBefore = process.memoryUsage().rss;
    const client = await openClient(strict.port);
    client.socket.write(requestHead('POST', '/v1/score', { ...scoreHeaders(), 'Transfer-Encoding': 'chunked' }));
    const payload = Buffer.alloc(64 * 1024, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n')]);
    let written = 0;
    let writtenWhenAnswered: number | undefined;
    void client.answered.then(() => {
      writtenWhenAnswered = written;
    });
    while (written < HOSTILE_BODY_BYTES && writtenWhenAnswered === undefined && !client.isClosed()) {
      written += payload.length;
      if (!client.socket.write(chunk)) {
        await Promise.race([
          new Promise((resolve) => client.socket.once('drain', resolve)),
          client.answered,
          client.closed,
        ]);
      }
    }
    await client.closed;
    const response = parseResponse(client.received());
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json');
    oversizeRefusedAfterBytes = writtenWhenAnswered ?? written;
    // The socket buffers on both sides hold a few MiB on loopback; the server read about the limit.
    expect(oversizeRefusedAfterBytes).toBeGreaterThan(BODY_LIMIT);
    expect(oversizeRefusedAfterBytes).toBeLessThan(HOSTILE_BODY_BYTES / 10);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(HOSTILE_BODY_BYTES / 4);
  });
});

describe('stalling clients', () => {
  it('disconnects a client that sends half its headers and stalls, at the headers timeout', async () => {
    const client = await openClient(strict.port);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const closedMs = await client.closed;
    expect(closedMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(closedMs).toBeLessThan(HEADERS_TIMEOUT_MS + CUT_SLACK_MS);
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('disconnects a client that sends its headers and part of the body and stalls, at the request timeout', async () => {
    const client = await openClient(strict.port);
    const body = JSON.stringify(exampleRequest());
    client.socket.write(requestHead('POST', '/v1/score', { ...scoreHeaders(), 'Content-Length': String(body.length) }));
    client.socket.write(body.slice(0, 100));
    const closedMs = await client.closed;
    expect(closedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(closedMs).toBeLessThan(REQUEST_TIMEOUT_MS + CUT_SLACK_MS);
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('cuts a slowloris client trickling a header byte every 500 ms at the headers timeout', async () => {
    const client = await openClient(strict.port);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    let trickled = 0;
    const trickle = setInterval(() => {
      if (!client.isClosed()) {
        client.socket.write('a');
        trickled += 1;
      }
    }, 500);
    try {
      const closedMs = await client.closed;
      expect(closedMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(closedMs).toBeLessThan(HEADERS_TIMEOUT_MS + CUT_SLACK_MS);
      // Each byte arrived well inside the timeout, so only a deadline on the whole head can have cut it.
      expect(trickled).toBeGreaterThanOrEqual(1);
    } finally {
      clearInterval(trickle);
    }
  });

  it(`serves health checks and scores quickly while ${STALLED_CONNECTIONS} stalled connections are open`, async () => {
    const body = JSON.stringify(exampleRequest());
    const clients = await Promise.all(
      Array.from({ length: STALLED_CONNECTIONS }, async (_, index) => {
        const client = await openClient(patient.port);
        // Half stall in their headers; half have a handler waiting on a body that never completes.
        if (index % 2 === 0) client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        else {
          client.socket.write(
            requestHead('POST', '/v1/score', { ...scoreHeaders(), 'Content-Length': String(body.length) }),
          );
          client.socket.write(body.slice(0, 100));
        }
        return client;
      }),
    );
    try {
      const health = await timedFetch(`${patient.origin}/healthz`);
      const score = await timedFetch(`${patient.origin}/v1/score`, {
        method: 'POST',
        headers: scoreHeaders(),
        body,
      });
      expect([health.status, score.status], score.text.slice(0, 300)).toEqual([200, 200]);
      expect(health.ms).toBeLessThan(SERVED_WITHIN_MS);
      expect(score.ms).toBeLessThan(SERVED_WITHIN_MS);
      stalledConnections = clients.filter((client) => !client.isClosed()).length;
      expect(stalledConnections).toBe(STALLED_CONNECTIONS);
      servedWhileStalled = true;
    } finally {
      for (const client of clients) client.socket.destroy();
    }
  });
});
