export * from './invalid-input';
export * from './error-text';
export * from './validation-problems';
