export * from './invalid-input';
export * from './csv';
export * from './builtin';
export * from './resolve';
