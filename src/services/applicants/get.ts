import { findApplicant } from '../../db/queries/applicants';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';
import { type ApplicantView, OWNER_ROLES, presentApplicant } from './present';

export async function getApplicant(ctx: ServiceContext, id: string): Promise<ApplicantView> {
  requireRole(ctx.actor, ...OWNER_ROLES);
  const row = await findApplicant(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('applicant');
  return presentApplicant(row);
}
