import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { HttpMetrics } from '../metrics';
import type { AppEnv } from '../types';

/**
 * The route pattern (`/v1/quotes/:id`), never the raw path, so metric labels stay few and logs group by endpoint.
 * Middleware registered on `*` also matches every request; the handler's pattern is the last non-wildcard one.
 */
export function routeLabel(c: Context): string {
  const patterns = matchedRoutes(c)
    .filter((route) => route.method !== 'ALL')
    .map((route) => route.path);
  return patterns.at(-1) ?? 'unmatched';
}

/** Logs one JSON line per request and records its count and latency. Bodies and headers are never logged. */
export function observe(metrics: HttpMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = process.hrtime.bigint();
    c.set('metrics', metrics);
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const labels = { method: c.req.method, route: routeLabel(c), status: String(c.res.status) };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, seconds);
      c.var.deps.logger.info(
        {
          requestId: c.var.requestId,
          method: labels.method,
          route: labels.route,
          status: c.res.status,
          durationMs: Math.round(seconds * 1e6) / 1e3,
        },
        'request',
      );
    }
  };
}
