export * from './sampler';
export { GridSampler } from './grid-sampler';
export { RandomSampler } from './random-sampler';
export {
  TpeSampler,
  OPTUNA_TPE_DEFAULTS,
  TPE_DEFAULTS,
  tpeSettings,
  suggestTpe,
  visibleOutcomes,
  type TpeAxis,
  type TpeSettings,
} from './tpe-sampler';
export { createSampler, createAdaptiveSampler, isAdaptiveStrategy } from './create-sampler';
