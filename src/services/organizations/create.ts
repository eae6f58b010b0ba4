import { randomUUID } from 'node:crypto';
import { insertOrganization } from '../../db/queries/organizations';
import { appendAuditEvent } from '../audit/append';
import { type OrganizationKind, requireRole, type ServiceContext } from '../context';
import { type Organization, presentOrganization } from './present';

/** Admins register tenants: broker firms, applicant companies and further carrier units. */
export async function createOrganization(
  ctx: ServiceContext,
  input: { name: string; kind: OrganizationKind },
): Promise<Organization> {
  requireRole(ctx.actor, 'admin', 'system');
  return ctx.db.transaction(async (tx) => {
    const row = await insertOrganization(tx, { id: randomUUID(), name: input.name, kind: input.kind });
    const organization = presentOrganization(row);
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: ctx.actor.organizationKind === 'carrier' ? ctx.actor.organizationId : row.id,
      action: 'organization.created',
      entityType: 'organization',
      entityId: row.id,
      before: null,
      after: organization,
    });
    return organization;
  });
}
