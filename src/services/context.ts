import type { Database, Executor } from '../db/client';
import type { AuthorityRecord } from '../db/schema';
import type { TenantScope } from '../db/scope';
import type { CompiledRatingModel } from '../domain/model/compiled';
import type { ModelSummary } from '../models/registry';
import type { ChangeFeed } from './cache/change-feed';
import { ForbiddenError } from './errors';
import type { KevCatalogSource } from './kev/snapshot';

export const ROLES = ['admin', 'underwriter', 'broker', 'applicant'] as const;
export type Role = (typeof ROLES)[number];
export const ORGANIZATION_KINDS = ['carrier', 'broker', 'applicant'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which kind of organisation may hold each role (docs/api-conventions.md, Roles and tenancy). */
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

/**
 * What verbs read rating models through: services/rating-models/registry.ts's ModelRegistry. Declared here, not
 * imported, so the context depends on no other service module and nothing it names can import it back in a cycle.
 */
export interface RatingModels {
  list(): Promise<ModelSummary[]>;
  /** `db` is the caller's transaction when there is one. */
  get(id: string, version: string, db?: Executor): Promise<CompiledRatingModel | undefined>;
  /** The latest version of `id` whose effectiveFrom is on or before the date. */
  inForce(id: string, onDate: string, db?: Executor): Promise<CompiledRatingModel | undefined>;
  /** A version this process has just published, once committed. */
  published(model: CompiledRatingModel): void;
}

/**
 * What every service verb receives: the database (or a transaction), the caller, and what rating needs (the
 * registry, the KEV catalog, the default model and the date).
 */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  /** Told of this process's committed writes to cached tables, so its own next request sees them. */
  changes?: ChangeFeed | undefined;
  models: RatingModels;
  kev: KevCatalogSource;
  defaultModelId: string;
  /** The server's date (YYYY-MM-DD): stored ratings are made as of it, never as of a client's date. */
  today: string;
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
