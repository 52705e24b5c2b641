export * from './types';
export * from './config';
export * from './search';
export * from './prune';
export * from './plan';
export * from './report';
