import { randomUUID } from 'node:crypto';
import {
  findOrganization,
  insertOrganization,
  listOrganizations,
  type OrganizationRow,
} from '../../db/queries/organizations';
import { appendAuditEvent } from '../audit/append';
import { type OrganizationKind, requireRole, type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  createdAt: string;
}

export const presentOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.createdAt.toISOString(),
});

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

/** Carrier keys see every organisation; any other key sees its own only. */
export async function listVisibleOrganizations(ctx: ServiceContext): Promise<Organization[]> {
  return (await listOrganizations(ctx.db, scopeOf(ctx.actor))).map(presentOrganization);
}

export async function getOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  const row = await findOrganization(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('organization');
  return presentOrganization(row);
}
