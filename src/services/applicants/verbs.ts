import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../db/errors';
import {
  type ApplicantRow,
  findApplicant,
  findSelfApplicant,
  insertApplicant,
  listApplicants,
  updateApplicantProfile,
} from '../../db/queries/applicants';
import { formatPath } from '../../domain/paths';
import { Profile } from '../../domain/posture';
import { appendAuditEvent } from '../audit/append';
import { requireCurrentTag } from '../concurrency';
import { requireRole, type ServiceContext, scopeOf } from '../context';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { decodeCursor, pageOf } from '../pagination';

export type ApplicantView = Profile & {
  id: string;
  ownerOrganizationId: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
};

export const presentApplicant = (row: ApplicantRow): ApplicantView => ({
  id: row.id,
  ownerOrganizationId: row.ownerOrganizationId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  revision: row.revision,
  ...row.profile,
});

export { entityTag as applicantEtag } from '../concurrency';

const OWNER_ROLES = ['underwriter', 'broker', 'applicant'] as const;

/**
 * Registers an applicant owned by the caller's organisation. An applicant organisation registers itself, once.
 */
export async function createApplicant(ctx: ServiceContext, profile: Profile): Promise<ApplicantView> {
  requireRole(ctx.actor, ...OWNER_ROLES);
  const isSelf = ctx.actor.organizationKind === 'applicant';
  const alreadyRegistered = () =>
    new ConflictError('This applicant organisation has already registered its applicant record.', 'registered');
  try {
    return await insertWithAudit(ctx, profile, isSelf, alreadyRegistered);
  } catch (error) {
    // Two concurrent self-registrations: the partial unique index lets one through; the other is the same conflict.
    if (isSelf && isUniqueViolation(error)) throw alreadyRegistered();
    throw error;
  }
}

function insertWithAudit(ctx: ServiceContext, profile: Profile, isSelf: boolean, alreadyRegistered: () => Error) {
  return ctx.db.transaction(async (tx) => {
    if (isSelf && (await findSelfApplicant(tx, ctx.actor.organizationId))) throw alreadyRegistered();
    const row = await insertApplicant(tx, {
      id: randomUUID(),
      ownerOrganizationId: ctx.actor.organizationId,
      isSelf,
      legalName: profile.legalName,
      sector: profile.sector,
      profile,
    });
    const view = presentApplicant(row);
    await appendAuditEvent(tx, ctx.actor, {
      organizationId: row.ownerOrganizationId,
      action: 'applicant.created',
      entityType: 'applicant',
      entityId: row.id,
      before: null,
      after: view,
    });
    return view;
  });
}

export async function getApplicant(ctx: ServiceContext, id: string): Promise<ApplicantView> {
  requireRole(ctx.actor, ...OWNER_ROLES);
  const row = await findApplicant(ctx.db, scopeOf(ctx.actor), id);
  if (!row) throw new NotFoundError('applicant');
  return presentApplicant(row);
}

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

const PROFILE_FIELDS = new Set(Object.keys(Profile.shape));

/**
 * Changes profile fields (a merge of top-level fields; the merged profile must validate), guarded by If-Match so
 * two editors cannot overwrite each other. Server-owned fields are refused, not ignored.
 */
export async function updateApplicant(
  ctx: ServiceContext,
  id: string,
  changes: Record<string, unknown>,
  ifMatch: string | undefined,
): Promise<ApplicantView> {
  requireRole(ctx.actor, ...OWNER_ROLES);
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
