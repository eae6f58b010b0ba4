import { findApplicant } from '../../db/queries/applicants';
import { listAssessments } from '../../db/queries/assessments';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { NotFoundError } from '../errors';
import { decodeCursor, pageOf } from '../pagination';
import { ASSESSMENT_ROLES, presentAssessment } from './present';

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
