import { findAssessment } from '../../db/queries/assessments';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';
import { ASSESSMENT_ROLES, presentAssessment } from './present';

export async function getAssessment(ctx: ServiceContext, id: string) {
  requireRole(ctx.actor, ...ASSESSMENT_ROLES);
  const row = await findAssessment(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('assessment');
  return presentAssessment(row);
}
