export * from './claim-layer';
export * from './errors';
export * from './frequency';
export * from './normal';
export * from './severity';
