export * from './audit-events';
export * from './vulnerability-catalogs';
