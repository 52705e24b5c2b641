export * from './types';
export * from './config';
export * from './search';
export * from './plan';
export * from './report';
