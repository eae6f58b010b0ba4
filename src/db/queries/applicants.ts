import { and, desc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { applicants } from '../schema';
import type { TenantScope } from '../scope';

export type ApplicantRow = typeof applicants.$inferSelect;

const visible = (scope: TenantScope): SQL | undefined =>
  scope.kind === 'all' ? undefined : eq(applicants.ownerOrganizationId, scope.organizationId);

export async function insertApplicant(db: Executor, row: typeof applicants.$inferInsert): Promise<ApplicantRow> {
  const [created] = await db.insert(applicants).values(row).returning();
  return created!;
}

export async function findApplicant(db: Executor, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(applicants)
    .where(and(eq(applicants.id, id), visible(scope)));
  // NO KEY UPDATE, not UPDATE: a profile change alters no key, and a full lock would block the foreign-key checks of
  // quotes and assessments inserted for the applicant, which can then deadlock with the audit chain's lock.
  const [row] = forUpdate ? await query.for('no key update') : await query;
  return row;
}

/** Many applicants in one query (a comparison's references); ids the scope cannot see are simply absent. */
export async function findApplicantsByIds(db: Executor, scope: TenantScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return await db
    .select({ id: applicants.id, legalName: applicants.legalName, profile: applicants.profile })
    .from(applicants)
    .where(and(inArray(applicants.id, [...ids]), visible(scope)));
}

export async function findSelfApplicant(db: Executor, organizationId: string): Promise<ApplicantRow | undefined> {
  const [row] = await db
    .select()
    .from(applicants)
    .where(and(eq(applicants.ownerOrganizationId, organizationId), eq(applicants.isSelf, true)));
  return row;
}

export interface ApplicantFilter {
  sector?: string | undefined;
  name?: string | undefined;
  limit: number;
  after?: { at: Date; id: string } | undefined;
}

/** Newest first; `after` continues below the last row of the previous page. */
export function listApplicants(db: Executor, scope: TenantScope, filter: ApplicantFilter): Promise<ApplicantRow[]> {
  const conditions: (SQL | undefined)[] = [visible(scope)];
  if (filter.sector) conditions.push(eq(applicants.sector, filter.sector));
  if (filter.name) conditions.push(ilike(applicants.legalName, `%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.after) {
    const { at, id } = filter.after;
    conditions.push(or(lt(applicants.createdAt, at), and(eq(applicants.createdAt, at), lt(applicants.id, id))));
  }
  return db
    .select()
    .from(applicants)
    .where(and(...conditions))
    .orderBy(desc(applicants.createdAt), desc(applicants.id))
    .limit(filter.limit + 1);
}

export async function updateApplicantProfile(
  db: Executor,
  id: string,
  values: Pick<ApplicantRow, 'profile' | 'legalName' | 'sector' | 'revision' | 'updatedAt'>,
): Promise<ApplicantRow> {
  const [row] = await db.update(applicants).set(values).where(eq(applicants.id, id)).returning();
  return row!;
}
