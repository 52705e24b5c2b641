/** Picks the pruner for `search.pruner.kind`. Adding a pruner = one file + one line here. */
import { AshaPruner, ASHA_DEFAULTS, type AshaSettings } from './asha-pruner';
import { MedianPruner, MEDIAN_PRUNER_DEFAULTS, type MedianPrunerSettings } from './median-pruner';
import { NonePruner } from './none-pruner';
import type { Pruner } from './pruner';

export type PrunerConfig =
  | { readonly kind: 'none' }
  | ({ readonly kind: 'median' } & Partial<MedianPrunerSettings>)
  | ({ readonly kind: 'asha' } & Partial<AshaSettings>);

export function createPruner(config: PrunerConfig | undefined): Pruner {
  switch (config?.kind ?? 'none') {
    case 'median':
      return new MedianPruner({ ...MEDIAN_PRUNER_DEFAULTS, ...withoutKind(config) });
    case 'asha':
      return new AshaPruner({ ...ASHA_DEFAULTS, ...withoutKind(config) });
    default:
      return new NonePruner();
  }
}

function withoutKind<T extends { kind: string }>(config: T | undefined): Omit<T, 'kind'> {
  const { kind: _kind, ...settings } = config ?? ({ kind: '' } as T);
  return settings;
}
