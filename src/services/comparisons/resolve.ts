import type { Executor } from '../../db/client';
import { findApplicantsByIds } from '../../db/queries/applicants';
import { findAssessmentPostures, latestAssessmentPostures } from '../../db/queries/assessments';
import type { TenantScope } from '../../db/scope';
import type { Posture, Profile } from '../../domain/posture';
import { type Actor, scopeOf } from '../context';
import type { ComparisonEntry, RowProblem } from './types';

/** A row ready to rate: what it references and the answers and exposure to rate. */
export interface Resolved {
  applicantId: string | null;
  assessmentId: string | null;
  legalName: string;
  profile: Profile;
  posture: Posture;
  /** Which stored object the entry named. Problems the model finds are reported against it. */
  reference: 'applicantId' | 'assessmentId';
}

/** Inline answers, not yet validated: that happens where they are rated. */
export interface Pending {
  applicantId: null;
  assessmentId: null;
  legalName: string | null;
  raw: Record<string, unknown>;
}

export type Outcome =
  | Resolved
  | Pending
  | { problem: RowProblem; applicantId: string | null; assessmentId: string | null; legalName: string | null };

/** The legal name an inline entry gives, if any, so even a refused row says whom it was about. */
function legalNameOf(raw: Record<string, unknown>): string | null {
  const profile = raw.profile as { legalName?: unknown } | null | undefined;
  return typeof profile?.legalName === 'string' ? profile.legalName.trim() || null : null;
}

/**
 * Whose stored applicants and assessments an entry may name: carrier underwriters every tenant's, broker and
 * applicant keys their own organisation's (docs/api-conventions.md). Admins run the service, not underwriting files:
 * none, so their references read as unknown, like any other object the caller may not see.
 */
export function referenceScope(actor: Actor): TenantScope | null {
  return actor.role === 'admin' ? null : scopeOf(actor);
}

const notFound = (index: number, field: 'applicantId' | 'assessmentId', id: string): RowProblem => {
  const entity = field === 'applicantId' ? 'applicant' : 'assessment';
  return {
    kind: 'not_found',
    detail: `No ${entity} ${id} that this key may see.`,
    errors: [{ path: `applicants[${index}].${field}`, message: `no ${entity} with this id that this key may see` }],
  };
};

export interface Stored {
  applicants: Map<string, { legalName: string; profile: Profile }>;
  assessments: Map<string, { applicantId: string; posture: Posture }>;
  latest: Map<string, { id: string; posture: Posture }>;
}

/** Every stored reference of the set, in three queries whatever its size. */
export async function loadStored(db: Executor, scope: TenantScope | null, entries: readonly ComparisonEntry[]) {
  const stored: Stored = { applicants: new Map(), assessments: new Map(), latest: new Map() };
  if (scope === null) return stored;
  const applicantIds = new Set<string>();
  const assessmentIds = new Set<string>();
  for (const entry of entries) {
    if (entry.kind === 'applicant') applicantIds.add(entry.applicantId);
    else if (entry.kind === 'assessment') assessmentIds.add(entry.assessmentId);
  }
  for (const row of await findAssessmentPostures(db, scope, [...assessmentIds])) {
    stored.assessments.set(row.id, row);
    applicantIds.add(row.applicantId);
  }
  for (const row of await latestAssessmentPostures(db, scope, [...applicantIds])) {
    stored.latest.set(row.applicantId, row);
  }
  for (const row of await findApplicantsByIds(db, scope, [...applicantIds])) stored.applicants.set(row.id, row);
  return stored;
}

export function resolve(entry: ComparisonEntry, index: number, stored: Stored): Outcome {
  switch (entry.kind) {
    case 'invalid':
      return {
        problem: {
          kind: 'invalid',
          detail: 'The entry does not match the schema; see errors for each field.',
          errors: entry.errors,
        },
        applicantId: null,
        assessmentId: null,
        legalName: entry.legalName,
      };
    case 'inline':
      return { applicantId: null, assessmentId: null, legalName: legalNameOf(entry.raw), raw: entry.raw };
    case 'applicant': {
      const applicant = stored.applicants.get(entry.applicantId);
      if (!applicant) {
        return {
          problem: notFound(index, 'applicantId', entry.applicantId),
          applicantId: entry.applicantId,
          assessmentId: null,
          legalName: null,
        };
      }
      const latest = stored.latest.get(entry.applicantId);
      if (!latest) {
        return {
          problem: {
            kind: 'invalid',
            detail: 'The applicant has no assessment to rate.',
            errors: [
              {
                path: `applicants[${index}].applicantId`,
                message: 'the applicant has no assessment yet: record one, or send its profile and posture inline',
              },
            ],
          },
          applicantId: entry.applicantId,
          assessmentId: null,
          legalName: applicant.legalName,
        };
      }
      return {
        applicantId: entry.applicantId,
        assessmentId: latest.id,
        legalName: applicant.legalName,
        profile: applicant.profile,
        posture: latest.posture,
        reference: 'applicantId',
      };
    }
    case 'assessment': {
      const assessment = stored.assessments.get(entry.assessmentId);
      const applicant = assessment && stored.applicants.get(assessment.applicantId);
      if (!assessment || !applicant) {
        return {
          problem: notFound(index, 'assessmentId', entry.assessmentId),
          applicantId: null,
          assessmentId: entry.assessmentId,
          legalName: null,
        };
      }
      return {
        applicantId: assessment.applicantId,
        assessmentId: entry.assessmentId,
        legalName: applicant.legalName,
        profile: applicant.profile,
        posture: assessment.posture,
        reference: 'assessmentId',
      };
    }
  }
}
