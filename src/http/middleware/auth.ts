import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../services/context';
import { authenticate } from '../../services/identity/authenticate';
import { ApiError } from '../problem';
import type { AppEnv } from '../types';

const REALM = 'Bearer realm="iot-underwriting-api"';

const unauthorized = (detail: string, error: 'invalid_request' | 'invalid_token') =>
  new ApiError('unauthorized', detail, { headers: { 'WWW-Authenticate': `${REALM}, error="${error}"` } });

const FAILURES = {
  malformed: 'The bearer token is not an API key of the form uwk_<id>_<secret>.',
  unknown: 'The API key is not recognised.',
  revoked: 'The API key has been revoked.',
  expired: 'The API key has expired.',
} as const;

/** `Authorization: Bearer <key>`: 401 without a valid key, 403 for a role the route does not admit. */
export function requireKey(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header)
      throw unauthorized('This route needs an API key: send Authorization: Bearer <key>.', 'invalid_request');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be Bearer <key>.', 'invalid_request');
    const { database, clock, reads } = c.var.deps;
    const outcome = await authenticate(database.db, match[1]!, clock(), reads.keys);
    if ('failure' in outcome) throw unauthorized(FAILURES[outcome.failure], 'invalid_token');
    if (!roles.includes(outcome.actor.role as Role)) {
      throw new ApiError(
        'forbidden',
        `A ${outcome.actor.role} key may not do this; it needs one of: ${roles.join(', ')}.`,
        {
          extensions: { reason: 'role' },
        },
      );
    }
    c.set('actor', outcome.actor);
    await next();
  };
}
