import { findApplicant } from '../../db/queries/applicants';
import { findAssessment, listAssessments } from '../../db/queries/assessments';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';
import { decodeCursor, pageOf } from '../pagination';
import { ASSESSMENT_ROLES } from './create';
import { presentAssessment } from './present';

export async function getAssessment(ctx: ServiceContext, id: string) {
  requireRole(ctx.actor, ...ASSESSMENT_ROLES);
  const row = await findAssessment(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('assessment');
  return presentAssessment(row);
}

/** An applicant's assessments, newest first: the history of what it answered. */
export async function listApplicantAssessments(
  ctx: ServiceContext,
  applicantId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  requireRole(ctx.actor, ...ASSESSMENT_ROLES);
  const scope = scopeOf(ctx.actor);
  if (!(await findApplicant(ctx.db, scope, applicantId))) throw new NotFoundError('applicant');
  const rows = await listAssessments(ctx.db, scope, {
    applicantId,
    limit: query.limit,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  return pageOf(rows, query.limit, presentAssessment);
}
