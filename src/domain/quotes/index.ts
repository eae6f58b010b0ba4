export * from './authority';
export * from './events';
export * from './rating-input';
export * from './replay';
export * from './schedule';
export * from './status';
export * from './subjectivities';
