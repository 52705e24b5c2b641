export * from './pruner';
export { NonePruner } from './none-pruner';
export { MedianPruner, MEDIAN_PRUNER_DEFAULTS, type MedianPrunerSettings } from './median-pruner';
export { AshaPruner, ASHA_DEFAULTS, type AshaSettings } from './asha-pruner';
export { HyperbandPruner, HYPERBAND_DEFAULTS, type HyperbandSettings } from './hyperband-pruner';
export { crc32 } from './crc32';
export { createPruner, type PrunerConfig } from './create-pruner';
