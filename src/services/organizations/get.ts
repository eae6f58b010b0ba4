import { findOrganization } from '../../db/queries/organizations';
import { type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';
import { type Organization, presentOrganization } from './present';

export async function getOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  const row = await findOrganization(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('organization');
  return presentOrganization(row);
}
