import type { Executor } from '../../db/client';
import { findKeyForAuthentication } from '../../db/queries/organizations';
import type { Actor } from '../context';
import { parseKey, secretMatches } from './secrets';

export type AuthenticationFailure = 'malformed' | 'unknown' | 'revoked' | 'expired';

/**
 * Resolves a bearer token to the acting key. Unknown ids and wrong secrets fail the same way, and the secret is
 * compared in constant time, so a response never tells a key that exists from one that does not.
 */
export async function authenticate(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ actor: Actor } | { failure: AuthenticationFailure }> {
  const parsed = parseKey(token);
  if (!parsed) return { failure: 'malformed' };
  const found = await findKeyForAuthentication(db, parsed.id);
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
