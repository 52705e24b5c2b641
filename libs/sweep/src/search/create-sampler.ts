/** Picks the sampler for `search.strategy`. Adding a strategy = one sampler file + one line here. */
import type { SweepConfig } from '../types';
import { GridSampler } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import type { Sampler, SearchStrategy } from './sampler';

const SAMPLERS: Record<SearchStrategy, (search: SweepConfig['search']) => Sampler> = {
  grid: () => new GridSampler(),
  random: (search) => new RandomSampler(search.trials, search.seed),
};

export function createSampler(config: Pick<SweepConfig, 'search'>): Sampler {
  return SAMPLERS[config.search.strategy](config.search);
}
