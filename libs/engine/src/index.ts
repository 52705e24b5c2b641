export * from './types';
export * from './data/design-matrix';
export * from './data/standardize';
export * from './data/training-set';
export * from './path/lambda-grid';
export * from './path/penalty';
export * from './path/fit-path';
export type { PathWorkspace } from './path/gram-path';
export * from './solver/epoch-rungs';
export * from './fit';
export * from './objective';
export * from './route';
export * from './predict';
export * from './cv/prng';
export * from './cv/splits';
export * from './cv/metrics';
export * from './cv/cv-statistics';
export * from './cv/evaluate-fold';
export * from './cv/cross-validate';
export {
  addCrossProducts,
  crossProducts,
  CrossProductsWorkspace,
  datasetCentre,
  sampleCentre,
  type CrossProducts,
  type DatasetCrossProducts,
} from './data/cross-products';
export { FoldWorkspace, gramFoldApplies, type FoldCrossProducts } from './cv/gram-fold';
export * from './mlp';
export * from './multinomial';
