/**
 * SPEC §2 defaults, applied to a config that passed validation. The result is a plain `SweepConfig`
 * with every field spelled out, so it validates again to itself (round trip).
 */
import type { LambdaGridSpec, MetricName, SolverConfig, SplitSpec } from '@regsweep/engine';
import type { PrunerConfig } from '../prune/create-pruner';
import type { MlpSolverSweepConfig, NetworkSweepConfig, SweepConfig } from '../types';
import type { NetworkDto } from './mlp-config.dto';
import type { LambdasDto, SolverDto, SplitDto, SweepConfigDto } from './sweep-config.dto';

export const DEFAULTS = {
  penalties: ['l1'],
  l1Ratios: [0.5],
  lambdaCount: 100,
  lambdaScale: 'log',
  kfold: { folds: 10, shuffle: true, seed: 42 },
  holdout: { validationFraction: 0.2, seed: 42 },
  testFraction: 0,
  search: { strategy: 'grid', trials: 60, seed: 0, refit: 'chosen' },
  cd: { tolerance: 1e-7, maxIterations: 100_000 },
  gd: { learningRate: 0.1, epochs: 1000, tolerance: 1e-9 },
  mlp: { kind: 'adam', learningRate: 0.001, momentum: 0.9, epochs: 200, seed: 0, minDelta: 0 },
  network: { hidden: [32], activation: 'relu', output: 'linear' },
  standardize: true,
  metric: {
    linear: 'mse',
    logistic: 'logloss',
    multinomial: 'logloss',
    mlp: { linear: 'mse', logistic: 'logloss', softmax: 'logloss' },
  },
  selection: '1se',
} as const;

export function applyDefaults(dto: SweepConfigDto): SweepConfig {
  const search = dto.search ?? {};
  return {
    name: dto.name,
    dataset: dto.dataset,
    ...(dto.target != null ? { target: dto.target } : {}),
    model: dto.model,
    ...(dto.model === 'mlp' ? { network: networkConfig(dto.network) } : {}),
    ...(dto.model === 'multinomial' ? { multinomial: { grouped: dto.multinomial?.grouped ?? false } } : {}),
    penalties: [...(dto.penalties ?? DEFAULTS.penalties)],
    l1Ratios: [...(dto.l1Ratios ?? DEFAULTS.l1Ratios)],
    lambdas: lambdaSpec(dto.lambdas, dto.model),
    split: splitSpec(dto.split),
    testFraction: dto.testFraction ?? DEFAULTS.testFraction,
    search: {
      strategy: search.strategy ?? DEFAULTS.search.strategy,
      trials: search.trials ?? DEFAULTS.search.trials,
      seed: search.seed ?? DEFAULTS.search.seed,
      ...(search.pruner ? { pruner: definedFields(search.pruner) as PrunerConfig } : {}),
      ...(dto.model === 'mlp' ? { refit: search.refit ?? DEFAULTS.search.refit } : {}),
    },
    solver: dto.model === 'mlp' ? mlpSolverConfig(dto.solver) : solverConfig(dto.solver),
    standardize: dto.standardize ?? DEFAULTS.standardize,
    metric: (dto.metric ??
      (dto.model === 'mlp'
        ? DEFAULTS.metric.mlp[dto.network?.output ?? DEFAULTS.network.output]
        : DEFAULTS.metric[dto.model])) as MetricName,
    selection: dto.selection ?? DEFAULTS.selection,
    ...(dto.concurrency != null ? { concurrency: dto.concurrency } : {}),
    ...(dto.taskTimeoutSeconds != null ? { taskTimeoutSeconds: dto.taskTimeoutSeconds } : {}),
  };
}

function lambdaSpec(lambdas: LambdasDto | undefined | null, model: SweepConfigDto['model']): LambdaGridSpec {
  if (lambdas?.range) {
    const { min, max, count, scale } = lambdas.range;
    return { range: { min, max, count: count ?? DEFAULTS.lambdaCount, scale: scale ?? DEFAULTS.lambdaScale } };
  }
  if (lambdas?.values) return { values: [...lambdas.values] };
  const auto = lambdas?.auto;
  const count = auto?.count ?? DEFAULTS.lambdaCount;
  // minRatio stays absent unless given: the engine's default depends on n > p.
  return {
    auto: {
      count,
      ...(auto?.minRatio != null ? { minRatio: auto.minRatio } : {}),
      // Adaptive by default for the GLMs' auto grids (SPEC §7); multinomial sweeps and networks keep a fixed grid.
      adaptive: auto?.adaptive ?? (model === 'linear' || model === 'logistic'),
    },
  };
}

function splitSpec(split: SplitDto | undefined | null): SplitSpec {
  switch (split?.kind ?? 'kfold') {
    case 'holdout':
      return {
        kind: 'holdout',
        validationFraction: split?.validationFraction ?? DEFAULTS.holdout.validationFraction,
        seed: split?.seed ?? DEFAULTS.holdout.seed,
      };
    case 'foldIds':
      return { kind: 'foldIds', foldIds: [...(split?.foldIds ?? [])] };
    case 'kfold':
      return {
        kind: 'kfold',
        folds: split?.folds ?? DEFAULTS.kfold.folds,
        shuffle: split?.shuffle ?? DEFAULTS.kfold.shuffle,
        seed: split?.seed ?? DEFAULTS.kfold.seed,
      };
  }
}

function solverConfig(solver: SolverDto | undefined | null): SolverConfig {
  if (solver?.kind === 'gd') {
    return {
      kind: 'gd',
      // cross-field-checks.ts rejects a swept learningRate for gd.
      learningRate: (solver.learningRate as number | undefined) ?? DEFAULTS.gd.learningRate,
      epochs: solver.epochs ?? DEFAULTS.gd.epochs,
      tolerance: solver.tolerance ?? DEFAULTS.gd.tolerance,
    };
  }
  return {
    kind: 'cd',
    tolerance: solver?.tolerance ?? DEFAULTS.cd.tolerance,
    maxIterations: solver?.maxIterations ?? DEFAULTS.cd.maxIterations,
  };
}

/** The fields that were given (class-transformer leaves absent optional fields undefined). */
function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function networkConfig(network: NetworkDto | undefined | null): NetworkSweepConfig {
  return {
    hidden: network?.hidden ?? [...DEFAULTS.network.hidden],
    activation: network?.activation ?? DEFAULTS.network.activation,
    output: network?.output ?? DEFAULTS.network.output,
  };
}

function mlpSolverConfig(solver: SolverDto | undefined | null): MlpSolverSweepConfig {
  const kind = solver?.kind === 'sgd' ? 'sgd' : DEFAULTS.mlp.kind;
  const stopping = solver?.earlyStopping;
  return {
    kind,
    learningRate: solver?.learningRate ?? DEFAULTS.mlp.learningRate,
    momentum: kind === 'sgd' ? (solver?.momentum ?? DEFAULTS.mlp.momentum) : 0,
    epochs: solver?.epochs ?? DEFAULTS.mlp.epochs,
    ...(solver?.batchSize != null ? { batchSize: solver.batchSize } : {}),
    seed: solver?.seed ?? DEFAULTS.mlp.seed,
    ...(stopping
      ? { earlyStopping: { patience: stopping.patience, minDelta: stopping.minDelta ?? DEFAULTS.mlp.minDelta } }
      : {}),
  };
}
