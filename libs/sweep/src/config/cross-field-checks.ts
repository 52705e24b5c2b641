/**
 * Checks that span several fields of a sweep config and so cannot be a single class-validator decorator.
 * They run after the field checks and skip any field that already has an error, so one mistake is
 * reported once.
 */
import type { ConfigError } from '../types';
import { mlpErrors } from './mlp-checks';
import { multinomialErrors } from './multinomial-checks';
import type { SweepConfigDto } from './sweep-config.dto';

/** Which split / solver fields each kind uses; any other field given for that kind is an error. */
const SPLIT_FIELDS: Record<string, readonly string[]> = {
  kfold: ['folds', 'shuffle', 'seed'],
  holdout: ['validationFraction', 'seed'],
  foldIds: ['foldIds'],
};
const SOLVER_FIELDS: Record<string, readonly string[]> = {
  cd: ['tolerance', 'maxIterations'],
  gd: ['learningRate', 'epochs', 'tolerance'],
  sgd: ['learningRate', 'momentum', 'epochs', 'batchSize', 'seed', 'earlyStopping'],
  adam: ['learningRate', 'epochs', 'batchSize', 'seed', 'earlyStopping'],
};
const PRUNER_FIELDS: Record<string, readonly string[]> = {
  none: [],
  median: ['startupTrials', 'warmupSteps', 'minTrials'],
  asha: ['minResource', 'reductionFactor', 'minEarlyStoppingRate'],
  hyperband: ['minResource', 'maxResource', 'reductionFactor'],
};
const METRICS_BY_MODEL: Record<string, readonly string[]> = {
  linear: ['mse', 'mae', 'r2'],
  logistic: ['logloss', 'accuracy', 'auc'],
  multinomial: ['logloss', 'accuracy', 'f1'],
  // model mlp's allowed metrics are its output's: a softmax network is scored as model multinomial.
  softmax: ['logloss', 'accuracy', 'f1'],
};

/** `failed(path)` says whether a field check already reported `path` or something under it. */
export function crossFieldErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  return [
    ...lambdaErrors(dto, failed),
    ...kindFieldErrors('split', dto.split, 'kfold', SPLIT_FIELDS, failed),
    ...foldIdErrors(dto, failed),
    ...kindFieldErrors('solver', dto.solver, dto.model === 'mlp' ? 'adam' : 'cd', SOLVER_FIELDS, failed),
    ...mlpErrors(dto, failed),
    ...multinomialErrors(dto, failed),
    ...kindFieldErrors('search.pruner', dto.search?.pruner, 'none', PRUNER_FIELDS, failed),
    ...prunerErrors(dto, failed),
    ...metricErrors(dto, failed),
    ...l1RatioErrors(dto, failed),
  ];
}

function lambdaErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  const errors: ConfigError[] = [];
  const lambdas = dto.lambdas;
  if (isPlainObject(lambdas) && !failed('lambdas')) {
    const given = (['auto', 'range', 'values'] as const).filter((key) => present(lambdas[key]));
    if (given.length !== 1) {
      const got = given.length === 0 ? 'none' : given.join(', ');
      errors.push({ path: 'lambdas', message: `must give exactly one of auto, range, values (got ${got})` });
    }
    const range = lambdas.range;
    if (present(range) && !failed('lambdas.range') && !(range.min < range.max)) {
      errors.push({ path: 'lambdas.range.min', message: `must be less than max (min ${range.min}, max ${range.max})` });
    }
  }
  const strategy = dto.search?.strategy;
  const sampled = strategy === 'random' || strategy === 'tpe';
  if (sampled && !failed('lambdas') && !present(lambdas?.range) && !present(lambdas?.values)) {
    errors.push({
      path: 'lambdas',
      message: `search.strategy ${strategy} samples λ from lambdas.range (log-uniform) or lambdas.values; give one of them`,
    });
  }
  return errors;
}

/** Fields of `split` / `solver` that its kind does not use, and fields the kind requires. */
/**
 * A pruner stops trials between folds (running CV mean) or between epochs (gd, mlp): only the trials of a tpe search
 * are asked one at a time, with the pruner's limits from the trials before them.
 */
function prunerErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  const kind = dto.search?.pruner?.kind;
  if (kind === undefined || kind === 'none' || failed('search.pruner') || failed('search.strategy')) return [];
  if (dto.search?.strategy === 'tpe') return [];
  return [
    { path: 'search.pruner.kind', message: `pruner ${kind} needs search.strategy tpe (its trials run fold by fold)` },
  ];
}

function kindFieldErrors(
  section: 'split' | 'solver' | 'search.pruner',
  value: object | undefined,
  defaultKind: string,
  fieldsByKind: Record<string, readonly string[]>,
  failed: (path: string) => boolean,
): ConfigError[] {
  if (!isPlainObject(value) || failed(`${section}.kind`)) return [];
  const kind = (value as { kind?: string }).kind ?? defaultKind;
  const allowed = fieldsByKind[kind];
  const unused = (field: string) => field !== 'kind' && !allowed.includes(field) && !failed(`${section}.${field}`);
  const errors: ConfigError[] = Object.keys(value)
    .filter((field) => unused(field) && present((value as Record<string, unknown>)[field]))
    .map((field) => ({
      path: `${section}.${field}`,
      message: `is not used by ${section} kind ${kind} (its fields: ${allowed.join(', ')})`,
    }));
  if (section === 'split' && kind === 'foldIds' && !present((value as { foldIds?: unknown }).foldIds)) {
    errors.push({ path: 'split.foldIds', message: 'is required when split.kind is foldIds' });
  }
  return errors;
}

/** foldIds must number the folds 1..K with every fold used and K ≥ 2 (SPEC §2: "one fold number (1..K) per row"). */
function foldIdErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  const split = dto.split;
  if (!isPlainObject(split) || split.kind !== 'foldIds' || !Array.isArray(split.foldIds)) return [];
  if (failed('split.foldIds')) return [];
  const foldIds = split.foldIds;
  const foldCount = foldIds.reduce((max, id) => Math.max(max, id), 0);
  const used = new Set(foldIds);
  const unused: number[] = [];
  for (let fold = 1; fold <= foldCount; fold++) if (!used.has(fold)) unused.push(fold);
  if (foldCount < 2) return [{ path: 'split.foldIds', message: `needs at least 2 folds, got ${foldCount}` }];
  if (unused.length === 0) return [];
  const listed = unused.length > 10 ? `${unused.slice(0, 10).join(', ')}, …` : unused.join(', ');
  return [{ path: 'split.foldIds', message: `must use every fold 1..${foldCount}; fold(s) ${listed} have no rows` }];
}

function metricErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  if (!present(dto.metric) || failed('metric') || failed('model')) return [];
  const allowed = METRICS_BY_MODEL[dto.model === 'mlp' ? (dto.network?.output ?? 'linear') : dto.model];
  if (allowed.includes(dto.metric)) return [];
  return [
    { path: 'metric', message: `${dto.metric} does not fit model ${dto.model}; use one of ${allowed.join(', ')}` },
  ];
}

function l1RatioErrors(dto: SweepConfigDto, failed: (path: string) => boolean): ConfigError[] {
  if (failed('penalties') || failed('l1Ratios') || !dto.penalties?.includes('elasticnet')) return [];
  if (dto.l1Ratios === undefined || dto.l1Ratios === null || dto.l1Ratios.length > 0) return [];
  return [{ path: 'l1Ratios', message: 'penalty elasticnet needs at least one l1Ratio' }];
}

export function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent fields are undefined or (from YAML `key:` with nothing after it) null. */
export function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}
