import { findOrganization, insertApiKey } from '../../db/queries/organizations';
import type { AuthorityRecord } from '../../db/schema';
import { appendAuditEvent } from '../audit/append';
import { KIND_OF_ROLE, type Role, requireRole, type ServiceContext, scopeOf } from '../context';
import { InvalidError, NotFoundError } from '../errors';
import { generateKey, hashSecret } from '../identity/secrets';
import { presentKey } from './present';

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
