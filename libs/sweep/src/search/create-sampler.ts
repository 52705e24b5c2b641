/** Picks the sampler for `search.strategy`. Adding a strategy = one sampler file + one line here. */
import type { SweepConfig } from '../types';
import { GridSampler } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import type { AdaptiveSampler, Sampler, SearchStrategy } from './sampler';
import { TpeSampler, tpeSettings } from './tpe-sampler';

/** The strategies whose points are all known before any trial runs. */
export type PlannedStrategy = Exclude<SearchStrategy, AdaptiveStrategy>;
/** The strategies asked one trial at a time from the finished trials. */
export type AdaptiveStrategy = 'tpe';

const SAMPLERS: Record<PlannedStrategy, (search: SweepConfig['search']) => Sampler> = {
  grid: () => new GridSampler(),
  random: (search) => new RandomSampler(search.trials, search.seed),
};

const ADAPTIVE_SAMPLERS: Record<AdaptiveStrategy, (search: SweepConfig['search']) => AdaptiveSampler> = {
  tpe: (search) => new TpeSampler(search.trials, search.seed, tpeSettings((search.pruner?.kind ?? 'none') !== 'none')),
};

export function isAdaptiveStrategy(strategy: SearchStrategy): strategy is AdaptiveStrategy {
  return strategy in ADAPTIVE_SAMPLERS;
}

export function createSampler(config: Pick<SweepConfig, 'search'>): Sampler {
  const { strategy } = config.search;
  if (isAdaptiveStrategy(strategy)) throw new Error(`search.strategy ${strategy} is asked one trial at a time`);
  return SAMPLERS[strategy](config.search);
}

export function createAdaptiveSampler(config: Pick<SweepConfig, 'search'>): AdaptiveSampler {
  const { strategy } = config.search;
  if (!isAdaptiveStrategy(strategy)) throw new Error(`search.strategy ${strategy} is not adaptive`);
  return ADAPTIVE_SAMPLERS[strategy](config.search);
}
