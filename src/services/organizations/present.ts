import type { OrganizationRow } from '../../db/queries/organizations';
import type { OrganizationKind } from '../context';

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  createdAt: string;
}

export const presentOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.createdAt.toISOString(),
});
