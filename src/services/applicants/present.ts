import type { ApplicantRow } from '../../db/queries/applicants';
import type { Profile } from '../../domain/posture';

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

/** The roles that register and keep applicants. */
export const OWNER_ROLES = ['underwriter', 'broker', 'applicant'] as const;
