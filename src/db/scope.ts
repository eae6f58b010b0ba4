/**
 * The organisations whose objects the caller may see: carrier keys act for the insurer and see every tenant; a
 * broker or applicant key sees its own organisation's objects only. Every query helper takes this, so no handler
 * can forget to filter.
 */
export type TenantScope = { kind: 'all' } | { kind: 'organization'; organizationId: string };
