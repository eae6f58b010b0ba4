import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiKeys, organizations } from '../schema';
import type { TenantScope } from '../scope';

export type OrganizationRow = typeof organizations.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** The tenant filter every organisation-owned query applies; `all` only for carrier callers. */
function visible(scope: TenantScope, column: typeof organizations.id | typeof apiKeys.organizationId): SQL | undefined {
  return scope.kind === 'all' ? undefined : eq(column, scope.organizationId);
}

export async function insertOrganization(
  db: Executor,
  row: typeof organizations.$inferInsert,
): Promise<OrganizationRow> {
  const [created] = await db.insert(organizations).values(row).returning();
  return created!;
}

export function listOrganizations(db: Executor, scope: TenantScope): Promise<OrganizationRow[]> {
  return db
    .select()
    .from(organizations)
    .where(visible(scope, organizations.id))
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
}

export async function findOrganization(
  db: Executor,
  scope: TenantScope,
  id: string,
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), visible(scope, organizations.id)));
  return row;
}

export async function insertApiKey(db: Executor, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [created] = await db.insert(apiKeys).values(row).returning();
  return created!;
}

export function listApiKeys(db: Executor, scope: TenantScope): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(visible(scope, apiKeys.organizationId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

export async function findApiKey(db: Executor, scope: TenantScope, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), visible(scope, apiKeys.organizationId)));
  return row;
}

/** Authentication only: the key and its organisation's kind, by key id, before any caller is known. */
export async function findKeyForAuthentication(db: Executor, id: string) {
  const [row] = await db
    .select({ key: apiKeys, organizationKind: organizations.kind })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(eq(apiKeys.id, id));
  return row;
}

export async function revokeApiKey(db: Executor, id: string, at: Date): Promise<ApiKeyRow> {
  const [row] = await db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).returning();
  return row!;
}

export async function hasActiveAdminKey(db: Executor, now: Date): Promise<boolean> {
  const rows = await db
    .select({ expiresAt: apiKeys.expiresAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.role, 'admin'));
  return rows.some((row) => !row.revokedAt && (!row.expiresAt || row.expiresAt > now));
}
