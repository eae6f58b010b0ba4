export * from './applicants';
export * from './assessments';
export * from './audit-events';
export * from './idempotency-keys';
export * from './organizations';
export * from './quotes';
export * from './rating-models';
export * from './vulnerability-catalogs';
