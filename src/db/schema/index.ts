export * from './applicants';
export * from './audit-events';
export * from './organizations';
export * from './rating-models';
export * from './vulnerability-catalogs';
