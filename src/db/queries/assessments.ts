import { and, desc, eq, getTableColumns, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { applicants, assessments } from '../schema';
import type { TenantScope } from '../scope';

export type AssessmentRow = typeof assessments.$inferSelect;

const visible = (scope: TenantScope): SQL | undefined =>
  scope.kind === 'all' ? undefined : eq(assessments.ownerOrganizationId, scope.organizationId);

export async function insertAssessment(db: Executor, row: typeof assessments.$inferInsert): Promise<AssessmentRow> {
  const [created] = await db.insert(assessments).values(row).returning();
  return created!;
}

export async function findAssessment(db: Executor, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, id), visible(scope)));
  return row;
}

/**
 * What rating an assessment afresh needs, in one read: the assessment without its stored rating (some 45 KB) and
 * its applicant's profile. `lock` takes the assessment's row lock (only that row's): a quote being created holds
 * it so that concurrent quotes of one assessment supersede each other in turn (the assessment itself never
 * changes), while quotes of the applicant's other assessments do not wait.
 */
export async function findAssessmentToRate(db: Executor, scope: TenantScope, id: string, lock = false) {
  const { rating: _rating, ...columns } = getTableColumns(assessments);
  const query = db
    .select({ ...columns, profile: applicants.profile })
    .from(assessments)
    .innerJoin(applicants, eq(applicants.id, assessments.applicantId))
    .where(and(eq(assessments.id, id), visible(scope)));
  const [row] = lock ? await query.for('update', { of: assessments }) : await query;
  return row;
}

const postureColumns = {
  id: assessments.id,
  applicantId: assessments.applicantId,
  posture: assessments.posture,
};

/** Many assessments' postures in one query (a comparison's references), without their stored ratings. */
export async function findAssessmentPostures(db: Executor, scope: TenantScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return await db
    .select(postureColumns)
    .from(assessments)
    .where(and(inArray(assessments.id, [...ids]), visible(scope)));
}

/** Each applicant's latest assessment (newest first, as the history lists them), in one query. */
export async function latestAssessmentPostures(db: Executor, scope: TenantScope, applicantIds: readonly string[]) {
  if (applicantIds.length === 0) return [];
  return await db
    .selectDistinctOn([assessments.applicantId], postureColumns)
    .from(assessments)
    .where(and(inArray(assessments.applicantId, [...applicantIds]), visible(scope)))
    .orderBy(assessments.applicantId, desc(assessments.createdAt), desc(assessments.id));
}

/** Newest first; `after` continues below the last row of the previous page. */
export function listAssessments(
  db: Executor,
  scope: TenantScope,
  filter: { applicantId: string; limit: number; after?: { at: Date; id: string } | undefined },
): Promise<AssessmentRow[]> {
  const conditions: (SQL | undefined)[] = [visible(scope), eq(assessments.applicantId, filter.applicantId)];
  if (filter.after) {
    const { at, id } = filter.after;
    conditions.push(or(lt(assessments.createdAt, at), and(eq(assessments.createdAt, at), lt(assessments.id, id))));
  }
  return db
    .select()
    .from(assessments)
    .where(and(...conditions))
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(filter.limit + 1);
}
