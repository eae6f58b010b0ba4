import { SUBJECTIVITY_STATUSES } from '../../domain/quotes';
import { requireRole, type ServiceContext } from '../context';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { changeQuote, eventActor, requireState } from './shared';

/**
 * Resolves one subjectivity of a live or bound quote: satisfied on evidence, or waived by an underwriter whose
 * authority allows waivers, with a reason. Either is recorded with who did it and when, and cannot be undone.
 */
export async function resolveSubjectivity(
  ctx: ServiceContext,
  id: string,
  code: string,
  ifMatch: string | undefined,
  resolution: { kind: 'satisfied'; evidence: string } | { kind: 'waived'; reason: string },
) {
  requireRole(ctx.actor, 'underwriter');
  return changeQuote(ctx, id, ifMatch, (row, status) => {
    requireState(
      status,
      SUBJECTIVITY_STATUSES,
      `${resolution.kind === 'satisfied' ? 'given' : 'waived'} a subjectivity`,
    );
    const subjectivity = row.subjectivities.find((candidate) => candidate.code === code);
    if (!subjectivity) throw new NotFoundError(`subjectivity ${code} of this quote`);
    if (subjectivity.status !== 'open') {
      throw new ConflictError(`Subjectivity ${code} is already ${subjectivity.status}.`, subjectivity.status);
    }
    if (resolution.kind === 'waived' && !ctx.actor.authority?.canWaive) {
      throw new ForbiddenError('Waiving a subjectivity needs authority with canWaive.', 'authority_exceeded');
    }
    const note = resolution.kind === 'satisfied' ? resolution.evidence : resolution.reason;
    return {
      to: row.status,
      event: {
        action: resolution.kind === 'satisfied' ? 'subjectivity_satisfied' : 'subjectivity_waived',
        subjectivity: code,
        reason: note,
      },
      values: {
        subjectivities: row.subjectivities.map((candidate) =>
          candidate.code === code
            ? {
                ...candidate,
                status: resolution.kind,
                resolution: { kind: resolution.kind, at: new Date().toISOString(), by: eventActor(ctx.actor), note },
              }
            : candidate,
        ),
      },
    };
  });
}
