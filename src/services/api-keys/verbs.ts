import type { ApiKeyRow } from '../../db/queries/organizations';
import { findApiKey, findOrganization, insertApiKey, listApiKeys, revokeApiKey } from '../../db/queries/organizations';
import type { AuthorityRecord } from '../../db/schema';
import { appendAuditEvent } from '../audit/append';
import { KIND_OF_ROLE, type Role, requireRole, type ServiceContext, scopeOf } from '../context';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { generateKey, hashSecret } from '../identity/secrets';

export interface ApiKey {
  id: string;
  organizationId: string;
  role: Role;
  authority: AuthorityRecord | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  /** The first characters of the token, to tell keys apart; never the secret. */
  prefix: string;
}

export const presentKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  organizationId: row.organizationId,
  role: row.role,
  authority: row.authority ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  prefix: `uwk_${row.id.replaceAll('-', '').slice(0, 8)}`,
});

export interface CreateKeyInput {
  organizationId: string;
  role: Role;
  expiresAt?: string | undefined;
  authority?: AuthorityRecord | undefined;
  /** Only for bootstrap: a token the operator chose (BOOTSTRAP_ADMIN_KEY), already in the key format. */
  presetToken?: { id: string; secret: string; token: string };
}

/**
 * Issues a key with one role, allowed only in its kind of organisation; the secret is returned once and stored
 * only as its SHA-256. Underwriting authority belongs to underwriter keys only.
 */
export async function createApiKey(ctx: ServiceContext, input: CreateKeyInput, now = new Date()) {
  requireRole(ctx.actor, 'admin', 'system');
  return ctx.db.transaction(async (tx) => {
    const organization = await findOrganization(tx, scopeOf(ctx.actor), input.organizationId);
    if (!organization) throw new NotFoundError('organization');
    const problems = [];
    if (KIND_OF_ROLE[input.role] !== organization.kind) {
      problems.push({
        path: 'role',
        message: `the ${input.role} role belongs to ${KIND_OF_ROLE[input.role]} organisations; this one is a ${organization.kind}`,
      });
    }
    if (input.authority && input.role !== 'underwriter') {
      problems.push({ path: 'authority', message: 'underwriting authority is given to underwriter keys only' });
    }
    if (input.expiresAt && new Date(input.expiresAt) <= now) {
      problems.push({ path: 'expiresAt', message: 'must be in the future' });
    }
    if (problems.length > 0) throw new InvalidError('The key cannot be issued; see errors.', problems);
    const generated = input.presetToken ?? generateKey();
    const row = await insertApiKey(tx, {
      id: generated.id,
      organizationId: organization.id,
      role: input.role,
      secretHash: hashSecret(generated.secret),
      authority: input.authority ?? null,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      createdByKeyId: ctx.actor.keyId,
    });
    const key = presentKey(row);
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: ctx.actor.organizationKind === 'carrier' ? ctx.actor.organizationId : organization.id,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      before: null,
      after: key,
    });
    return { ...key, secret: generated.token };
  });
}

export async function listKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  requireRole(ctx.actor, 'admin');
  return (await listApiKeys(ctx.db, scopeOf(ctx.actor))).map(presentKey);
}

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
