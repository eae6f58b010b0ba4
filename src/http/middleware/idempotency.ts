import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { canonicalJson } from '../../domain/canonical';
import { runClaimed, type StoredIdempotentResponse } from '../../services/idempotency/run-claimed';
import { ApiError } from '../problem';
import type { AppEnv } from '../types';

/**
 * `replay` answers a retry with the stored response. `conflict` is for responses that carry a secret shown once:
 * the secret is not stored, so a retry learns what was created (409, without the secret) instead.
 */
export type IdempotencyMode = 'replay' | 'conflict';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

function replayStored(row: StoredIdempotentResponse, requestHash: string, mode: IdempotencyMode, requestId: string) {
  if (row.requestHash !== requestHash) {
    throw new ApiError(
      'validation_failed',
      'This Idempotency-Key was used for another request; use a new key for a new request.',
      { errors: [{ path: 'header.idempotency-key', message: 'already used with a different method, path or body' }] },
    );
  }
  if (mode === 'conflict') {
    throw new ApiError(
      'conflict',
      'The request with this Idempotency-Key already succeeded. Its response held a secret that is shown only once, so it is not replayed: `created` says what was made; revoke it and create another if the secret was lost.',
      { extensions: { created: JSON.parse(row.responseBody!) } },
    );
  }
  const headers = new Headers(row.responseHeaders ?? {});
  headers.set('Idempotent-Replayed', 'true');
  headers.set('X-Request-Id', requestId);
  return new Response(row.responseBody, { status: row.responseStatus!, headers });
}

/**
 * The body as hashed: canonical JSON, so key order and spacing do not make a retry another request. A number JSON
 * cannot hold exactly (1e400 parses to Infinity) has no canonical form; the schema refuses such a body anyway, so
 * any stable text will do. A body nested so deeply that neither serialiser can walk it (both recurse) cannot be
 * told apart from another request, so the key cannot protect it: it is refused rather than failing as a 500.
 */
function bodyText(body: unknown): string {
  try {
    return canonicalJson(body);
  } catch {
    try {
      return JSON.stringify(body);
    } catch {
      throw new ApiError('bad_request', 'The request body is nested too deeply to be processed.');
    }
  }
}

function withoutSecret(body: string): string {
  const { secret: _secret, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * Idempotency-Key on a creating POST (docs/api-conventions.md): the key row is inserted first in one transaction with
 * the write it protects, and the handler's queries run in that transaction (`c.var.tx`). A concurrent duplicate
 * waits on the key, then replays the stored response; a failed request rolls back with its key, so its retry runs
 * afresh; the same key with another request is refused (422). Keys are per organisation.
 */
export function idempotency(mode: IdempotencyMode): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ApiError('validation_failed', 'The Idempotency-Key header is not usable.', {
        errors: [{ path: 'header.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }],
      });
    }
    const requestHash = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n${bodyText(await c.req.json())}`)
      .digest('hex');
    const claim = { organizationId: c.var.actor.organizationId, key, requestHash };
    const claimed = await runClaimed(c.var.deps.database.db, claim, async (tx) => {
      c.set('tx', tx);
      try {
        await next();
      } finally {
        c.set('tx', undefined);
      }
      if (c.error || c.res.status >= 300) return null;
      const text = await c.res.clone().text();
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = c.res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return { status: c.res.status, headers, body: mode === 'conflict' ? withoutSecret(text) : text };
    });
    if (claimed) return replayStored(claimed.existing, requestHash, mode, c.var.requestId);
  };
}
