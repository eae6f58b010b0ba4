import { listApplicants } from '../../db/queries/applicants';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { decodeCursor, pageOf } from '../pagination';
import { OWNER_ROLES, presentApplicant } from './present';

export async function listVisibleApplicants(
  ctx: ServiceContext,
  query: { sector?: string | undefined; name?: string | undefined; limit: number; cursor?: string | undefined },
) {
  requireRole(ctx.actor, ...OWNER_ROLES);
  const rows = await listApplicants(ctx.db, scopeOf(ctx.actor), {
    sector: query.sector,
    name: query.name,
    limit: query.limit,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  return pageOf(rows, query.limit, presentApplicant);
}
