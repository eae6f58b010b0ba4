import type { AssessmentRow } from '../../db/queries/assessments';

/** An assessment as the API shows it: the answers, and the rating they got on the day, at top level. */
export const presentAssessment = (row: AssessmentRow) => ({
  id: row.id,
  applicantId: row.applicantId,
  ownerOrganizationId: row.ownerOrganizationId,
  createdAt: row.createdAt.toISOString(),
  posture: row.posture,
  ...row.rating,
});

export type AssessmentView = ReturnType<typeof presentAssessment>;

/** The roles that record and read assessments. */
export const ASSESSMENT_ROLES = ['underwriter', 'broker', 'applicant'] as const;
