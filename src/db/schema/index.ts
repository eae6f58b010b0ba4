export * from './audit-events';
export * from './organizations';
export * from './vulnerability-catalogs';
