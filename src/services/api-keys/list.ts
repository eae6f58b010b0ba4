import { listApiKeys } from '../../db/queries/organizations';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { type ApiKey, presentKey } from './present';

export async function listKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  requireRole(ctx.actor, 'admin');
  return (await listApiKeys(ctx.db, scopeOf(ctx.actor))).map(presentKey);
}
