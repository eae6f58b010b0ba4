import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../problem';
import type { AppEnv } from '../types';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Per-key token bucket, per process and best effort (documented as such): several processes each allow the
 * limit, and a restart forgets. It protects the service from a runaway client, not a quota to bill by.
 */
export function rateLimit(perMinute: number, burst: number): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  let lastSweep = Date.now();
  return async (c, next) => {
    if (perMinute <= 0) return next();
    const key = c.var.actor?.keyId ?? 'anonymous';
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      // Buckets that have refilled completely carry no information; dropping them bounds memory.
      for (const [id, bucket] of buckets)
        if (bucket.tokens + (now - bucket.updatedAt) * refillPerMs >= burst) buckets.delete(id);
      lastSweep = now;
    }
    const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      buckets.set(key, bucket);
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
      throw new ApiError('rate_limited', `Too many requests for this key; retry in ${retryAfter} s.`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    await next();
  };
}
