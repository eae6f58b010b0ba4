import { randomUUID } from 'node:crypto';
import { findApplicant } from '../../db/queries/applicants';
import { insertAssessment } from '../../db/queries/assessments';
import { formatPath } from '../../domain/paths';
import type { Posture } from '../../domain/posture';
import { appendAuditEvent } from '../audit/append';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { InvalidError, NotFoundError } from '../errors';
import { rateOrRefuse } from '../rating/rate-checked';
import { ASSESSMENT_ROLES, type AssessmentView, presentAssessment } from './present';

/** The body of an assessment is the posture, so its paths read without the `posture.` prefix. */
const pathInPosture = (path: readonly (string | number)[]) =>
  path[0] === 'posture' ? formatPath(path.slice(1)) || '(body)' : formatPath(path);

/**
 * Records one answered questionnaire for an applicant and rates it at once, with the applicant's current profile,
 * the model in force today and the loaded KEV catalog. No option is priced: prices come with a quote.
 */
export async function createAssessment(
  ctx: ServiceContext,
  applicantId: string,
  posture: Posture,
): Promise<AssessmentView> {
  requireRole(ctx.actor, ...ASSESSMENT_ROLES);
  return ctx.db.transaction(async (tx) => {
    const applicant = await findApplicant(tx, scopeOf(ctx.actor), applicantId);
    if (!applicant) throw new NotFoundError('applicant');
    const model = await ctx.models.inForce(ctx.defaultModelId, ctx.today, tx);
    if (!model) {
      throw new InvalidError(`No version of rating model ${ctx.defaultModelId} is in force today.`, [
        { path: '(body)', message: `no version of rating model ${ctx.defaultModelId} is in force on ${ctx.today}` },
      ]);
    }
    const rating = rateOrRefuse(
      model,
      {
        profile: applicant.profile,
        posture,
        options: [],
        asOf: ctx.today,
        kevCatalog: await ctx.kev.snapshot(tx, posture.patching?.openCves),
      },
      {},
      pathInPosture,
    );
    const row = await insertAssessment(tx, {
      id: randomUUID(),
      applicantId,
      ownerOrganizationId: applicant.ownerOrganizationId,
      posture,
      rating,
      modelId: model.id,
      modelVersion: model.version,
      modelHash: model.hash,
      createdByKeyId: ctx.actor.keyId,
    });
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: row.ownerOrganizationId,
      action: 'assessment.created',
      entityType: 'assessment',
      entityId: row.id,
      before: null,
      after: {
        applicantId,
        model: rating.model,
        tier: rating.tier,
        decision: rating.decision,
        composite: rating.score.composite,
        completeness: rating.completeness,
      },
    });
    return presentAssessment(row);
  });
}
