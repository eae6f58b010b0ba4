import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../db/errors';
import { findSelfApplicant, insertApplicant } from '../../db/queries/applicants';
import type { Profile } from '../../domain/posture';
import { appendAuditEvent } from '../audit/append';
import { requireRole, type ServiceContext } from '../context';
import { ConflictError } from '../errors';
import { type ApplicantView, OWNER_ROLES, presentApplicant } from './present';

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
