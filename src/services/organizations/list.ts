import { listOrganizations } from '../../db/queries/organizations';
import { type ServiceContext, scopeOf } from '../context';
import { type Organization, presentOrganization } from './present';

/** Carrier keys see every organisation; any other key sees its own only. */
export async function listVisibleOrganizations(ctx: ServiceContext): Promise<Organization[]> {
  return (await listOrganizations(ctx.db, scopeOf(ctx.actor))).map(presentOrganization);
}
