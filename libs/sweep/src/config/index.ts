export { validateSweepConfig, sweepConfigErrors } from './validate-sweep-config';
export { checkConfigAgainstData, type DataShape } from './check-config-against-data';
export { DEFAULTS } from './apply-defaults';
export * from './sweep-config.dto';
export { prototypeKeyPaths } from './prototype-keys';
