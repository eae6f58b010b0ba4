import type { Database } from '../../src/db/client';
import type { AuthorityRecord } from '../../src/db/schema';
import { createApiKey } from '../../src/services/api-keys/create';
import type { Actor, OrganizationKind, Role } from '../../src/services/context';
import { createOrganization } from '../../src/services/organizations/create';
import { contextFor } from './context';

const SYSTEM: Actor = {
  keyId: null,
  role: 'system',
  organizationId: '00000000-0000-4000-8000-000000000000',
  organizationKind: 'carrier',
  authority: null,
};

export interface TestTenant {
  organizationId: string;
  keyId: string;
  token: string;
  headers: Record<string, string>;
}

export const GENEROUS_AUTHORITY: AuthorityRecord = {
  maxLimit: { amount: 10_000_000_000, currency: 'USD' },
  maxPremium: { amount: 1_000_000_000, currency: 'USD' },
  canWaive: true,
  canOverrideDecline: true,
};

/** An organisation with one key of the given role, made through the same service verbs the API uses. */
export async function createTenant(
  db: Database,
  kind: OrganizationKind,
  role: Role,
  options: { organizationId?: string; expiresAt?: string; authority?: AuthorityRecord } = {},
): Promise<TestTenant> {
  const organizationId =
    options.organizationId ??
    (
      await createOrganization(contextFor(db, SYSTEM), {
        name: `${kind} ${Math.random().toString(36).slice(2, 8)}`,
        kind,
      })
    ).id;
  const key = await createApiKey(
    contextFor(db, SYSTEM),
    {
      organizationId,
      role,
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
      ...(options.authority
        ? { authority: options.authority }
        : role === 'underwriter'
          ? { authority: GENEROUS_AUTHORITY }
          : {}),
    },
    new Date('2000-01-01T00:00:00Z'),
  );
  return { organizationId, keyId: key.id, token: key.secret, headers: { Authorization: `Bearer ${key.secret}` } };
}
