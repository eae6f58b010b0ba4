export * from './effect';
export * from './moves';
export * from './search';
