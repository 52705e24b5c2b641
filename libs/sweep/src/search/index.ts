export * from './sampler';
export { GridSampler } from './grid-sampler';
export { RandomSampler } from './random-sampler';
export { createSampler } from './create-sampler';
