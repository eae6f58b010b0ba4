import { findApiKey, revokeApiKey } from '../../db/queries/organizations';
import { appendAuditEvent } from '../audit/append';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { type ApiKey, presentKey } from './present';

/** Revokes at once: the next request with the key is refused. */
export async function revokeKey(ctx: ServiceContext, id: string, now = new Date()): Promise<ApiKey> {
  requireRole(ctx.actor, 'admin');
  const result = await ctx.db.transaction(async (tx) => {
    const row = await findApiKey(tx, scopeOf(ctx.actor), id);
    if (!row) throw new NotFoundError('API key');
    if (row.revokedAt) throw new ConflictError('The key is already revoked.', 'revoked');
    if (row.id === ctx.actor.keyId)
      throw new ConflictError('A key cannot revoke itself; use another admin key.', 'active');
    const revoked = presentKey(await revokeApiKey(tx, id, now));
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: ctx.actor.organizationId,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      before: presentKey(row),
      after: revoked,
    });
    return revoked;
  });
  // This process's own cache drops the key before the answer goes out; others hear of it from the database.
  ctx.changes?.changed('api_keys');
  return result;
}
