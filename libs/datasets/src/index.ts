export * from './invalid-input';
export * from './csv';
export * from './csv-file';
export * from './builtin';
export * from './resolve';
export { classCodesOf, classCountProblems, multinomialClassesOf } from './class-labels';
