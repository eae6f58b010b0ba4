export * from './authority';
export * from './events';
export * from './replay';
export * from './schedule';
export * from './status';
export * from './subjectivities';
