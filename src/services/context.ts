import type { Database } from '../db/client';
import type { AuthorityRecord } from '../db/schema';
import type { TenantScope } from '../db/scope';
import type { ChangeFeed } from './cache/change-feed';
import { ForbiddenError } from './errors';
import type { KevCatalogSource } from './kev/snapshot';
import type { ModelRegistry } from './rating-models/registry';

export const ROLES = ['admin', 'underwriter', 'broker', 'applicant'] as const;
export type Role = (typeof ROLES)[number];
export const ORGANIZATION_KINDS = ['carrier', 'broker', 'applicant'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which kind of organisation may hold each role (DESIGN.md section 5). */
export const KIND_OF_ROLE: Readonly<Record<Role, OrganizationKind>> = {
  admin: 'carrier',
  underwriter: 'carrier',
  broker: 'broker',
  applicant: 'applicant',
};

/** Who is acting: an API key, or the system itself (bootstrap, command-line tools). */
export interface Actor {
  keyId: string | null;
  role: Role | 'system';
  organizationId: string;
  organizationKind: OrganizationKind;
  authority: AuthorityRecord | null;
}

/** What every service verb receives: the database (or a transaction) and the caller. */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  /** Told of this process's committed writes to cached tables, so its own next request sees them. */
  changes?: ChangeFeed | undefined;
}

/** The tenant filter of the caller's queries (see db/scope.ts). */
export function scopeOf(actor: Actor): TenantScope {
  return actor.organizationKind === 'carrier' || actor.role === 'system'
    ? { kind: 'all' }
    : { kind: 'organization', organizationId: actor.organizationId };
}

export function requireRole(actor: Actor, ...roles: readonly (Role | 'system')[]): void {
  if (!roles.includes(actor.role)) {
    throw new ForbiddenError(
      `This needs one of the roles ${roles.filter((role) => role !== 'system').join(', ')}.`,
      'role',
    );
  }
}

/** What rating verbs need beyond the database and the caller: the registry, the default model and the date. */
export interface RatingServices {
  models: ModelRegistry;
  kev: KevCatalogSource;
  defaultModelId: string;
  /** The server's date (YYYY-MM-DD): stored ratings are made as of it, never as of a client's date. */
  today: string;
}

export type UnderwritingContext = ServiceContext & RatingServices;
