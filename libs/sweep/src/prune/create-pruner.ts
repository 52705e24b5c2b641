/** Picks the pruner for `search.pruner.kind`. Adding a pruner = one file + one line here. */
import { AshaPruner, ASHA_DEFAULTS, type AshaSettings } from './asha-pruner';
import { HyperbandPruner, HYPERBAND_DEFAULTS, type HyperbandSettings } from './hyperband-pruner';
import { MedianPruner, MEDIAN_PRUNER_DEFAULTS, type MedianPrunerSettings } from './median-pruner';
import { NonePruner } from './none-pruner';
import type { Pruner } from './pruner';

export type PrunerConfig =
  | { readonly kind: 'none' }
  | ({ readonly kind: 'median' } & Partial<MedianPrunerSettings>)
  | ({ readonly kind: 'asha' } & Partial<AshaSettings>)
  | ({ readonly kind: 'hyperband' } & Partial<HyperbandSettings>);

/** `seed`: the search's, which Hyperband hashes with a trial's number to pick its bracket. */
export function createPruner(config: PrunerConfig | undefined, seed = 0): Pruner {
  switch (config?.kind ?? 'none') {
    case 'median':
      return new MedianPruner({ ...MEDIAN_PRUNER_DEFAULTS, ...withoutKind(config) });
    case 'asha':
      return new AshaPruner({ ...ASHA_DEFAULTS, ...withoutKind(config) });
    case 'hyperband':
      return new HyperbandPruner({ ...HYPERBAND_DEFAULTS, ...withoutKind(config) }, seed);
    default:
      return new NonePruner();
  }
}

function withoutKind<T extends { kind: string }>(config: T | undefined): Omit<T, 'kind'> {
  const { kind: _kind, ...settings } = config ?? ({ kind: '' } as T);
  return settings;
}
