export * from './types';
export * from './layout';
export * from './inputs';
export * from './train';
export { predictEta, MlpWorkspace } from './backprop';
export { objectiveAndSmoothGradient, lossOn } from './evaluate';
export { weightSparsity } from './sparsity';
export * from './evaluate-fold';
export { MlpWorkspaces } from './workspaces';
