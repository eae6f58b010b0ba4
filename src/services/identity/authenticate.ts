import type { Executor } from '../../db/client';
import { findKeyForAuthentication } from '../../db/queries/organizations';
import { type ChangeFeed, ReadCache } from '../cache/change-feed';
import type { Actor } from '../context';
import { parseKey, secretMatches } from './secrets';

export type AuthenticationFailure = 'malformed' | 'unknown' | 'revoked' | 'expired';

type KeyForAuthentication = NonNullable<Awaited<ReturnType<typeof findKeyForAuthentication>>>;

/**
 * Keys by id, for authenticating every request. With a change feed a key row is read once and kept until
 * api_keys or organizations change (a revocation reaches every process within the notification's latency); the
 * secret is still checked, and expiry still compared with the clock, on every request.
 */
export class KeyLookup {
  private readonly cache: ReadCache<string, KeyForAuthentication>;

  constructor(changes?: ChangeFeed) {
    this.cache = new ReadCache(changes, ['api_keys', 'organizations'], 10_000);
  }

  find(db: Executor, id: string): Promise<KeyForAuthentication | undefined> {
    return this.cache.get(id, () => findKeyForAuthentication(db, id));
  }
}

const UNCACHED = new KeyLookup();

/**
 * Resolves a bearer token to the acting key. Unknown ids and wrong secrets fail the same way, and the secret is
 * compared in constant time, so a response never tells a key that exists from one that does not.
 */
export async function authenticate(
  db: Executor,
  token: string,
  now: Date,
  keys: KeyLookup = UNCACHED,
): Promise<{ actor: Actor } | { failure: AuthenticationFailure }> {
  const parsed = parseKey(token);
  if (!parsed) return { failure: 'malformed' };
  const found = await keys.find(db, parsed.id);
  if (!found || !secretMatches(parsed.secret, found.key.secretHash)) return { failure: 'unknown' };
  if (found.key.revokedAt) return { failure: 'revoked' };
  if (found.key.expiresAt && found.key.expiresAt <= now) return { failure: 'expired' };
  return {
    actor: {
      keyId: found.key.id,
      role: found.key.role,
      organizationId: found.key.organizationId,
      organizationKind: found.organizationKind,
      authority: found.key.authority ?? null,
    },
  };
}
