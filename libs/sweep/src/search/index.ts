export * from './sampler';
export { GridSampler } from './grid-sampler';
export { RandomSampler } from './random-sampler';
export {
  TpeSampler,
  OPTUNA_TPE_DEFAULTS,
  TPE_DEFAULTS,
  SCOTT_KERNEL_WIDTH,
  tpeSettings,
  suggestTpe,
  visibleOutcomes,
  type TpeAxis,
  type TpeSettings,
} from './tpe-sampler';
export { OPTUNA_KERNEL_WIDTH, type KernelWidth } from './parzen-estimator';
export { createSampler, createAdaptiveSampler, isAdaptiveStrategy } from './create-sampler';
