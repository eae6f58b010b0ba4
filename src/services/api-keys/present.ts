import type { ApiKeyRow } from '../../db/queries/organizations';
import type { AuthorityRecord } from '../../db/schema';
import type { Role } from '../context';

export interface ApiKey {
  id: string;
  organizationId: string;
  role: Role;
  authority: AuthorityRecord | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  /** The first characters of the token, to tell keys apart; never the secret. */
  prefix: string;
}

export const presentKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  organizationId: row.organizationId,
  role: row.role,
  authority: row.authority ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  prefix: `uwk_${row.id.replaceAll('-', '').slice(0, 8)}`,
});
