import type { ServerOptions } from 'node:http';
import type { Config } from '../config';

export type ServerTimeouts = Pick<Config, 'REQUEST_TIMEOUT_MS' | 'HEADERS_TIMEOUT_MS' | 'KEEP_ALIVE_TIMEOUT_MS'>;

/**
 * The Node HTTP server's defences against slow clients: a client that stalls while sending its headers or its
 * body is answered 408 and disconnected, so stalled connections cannot pile up and hold the server. Node checks
 * the request and headers timeouts only every `connectionsCheckingInterval` (30 s by default, longer than the
 * timeouts themselves), so the interval is tied to the shorter timeout.
 */
export function httpServerOptions(config: ServerTimeouts): ServerOptions {
  return {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.HEADERS_TIMEOUT_MS / 4)),
  };
}
