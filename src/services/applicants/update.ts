import { findApplicant, updateApplicantProfile } from '../../db/queries/applicants';
import { canonicalJson } from '../../domain/canonical';
import { formatPath } from '../../domain/paths';
import { Profile } from '../../domain/posture';
import { appendAuditEvent } from '../audit/append';
import { requireCurrentTag } from '../concurrency';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { InvalidError, NotFoundError } from '../errors';
import { type ApplicantView, OWNER_ROLES, presentApplicant } from './present';

const PROFILE_FIELDS = new Set(Object.keys(Profile.shape));

/**
 * Changes profile fields (a merge of top-level fields; the merged profile must validate), guarded by If-Match so
 * two editors cannot overwrite each other. Server-owned fields are refused, not ignored. A change must name a field,
 * and one that leaves the profile as it was writes nothing: no new revision, no audit event, the same ETag.
 */
export async function updateApplicant(
  ctx: ServiceContext,
  id: string,
  changes: Record<string, unknown>,
  ifMatch: string | undefined,
): Promise<ApplicantView> {
  requireRole(ctx.actor, ...OWNER_ROLES);
  if (Object.keys(changes).length === 0) {
    throw new InvalidError('Nothing to change.', [
      { path: '(body)', message: 'name at least one profile field to change' },
    ]);
  }
  const unknown = Object.keys(changes).filter((key) => !PROFILE_FIELDS.has(key));
  if (unknown.length > 0) {
    throw new InvalidError(
      'Only profile fields can be changed.',
      unknown.map((key) => ({ path: key, message: 'not a profile field that can be changed' })),
    );
  }
  return ctx.db.transaction(async (tx) => {
    const row = await findApplicant(tx, scopeOf(ctx.actor), id, true);
    if (!row) throw new NotFoundError('applicant');
    requireCurrentTag(ifMatch, row, 'applicant');
    const parsed = Profile.safeParse({ ...row.profile, ...changes });
    if (!parsed.success) {
      throw new InvalidError(
        'The changed profile does not validate; see errors.',
        parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(body)', message: issue.message })),
      );
    }
    if (canonicalJson(parsed.data) === canonicalJson(row.profile)) return presentApplicant(row);
    const updated = await updateApplicantProfile(tx, id, {
      profile: parsed.data,
      legalName: parsed.data.legalName,
      sector: parsed.data.sector,
      revision: row.revision + 1,
      updatedAt: new Date(),
    });
    const view = presentApplicant(updated);
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: row.ownerOrganizationId,
      action: 'applicant.updated',
      entityType: 'applicant',
      entityId: id,
      before: presentApplicant(row),
      after: view,
    });
    return view;
  });
}
