/**
 * The sweep layer's vocabulary: a validated sweep config (SPEC §2), the plan
 * it expands to (curves, trials, tasks), and the report (SPEC §4, report-types.ts).
 * Pure data: no Nest, no I/O.
 */
import type {
  EpochRungs,
  LambdaGridSpec,
  MetricName,
  PenaltyKind,
  SolverConfig,
  SplitPlan,
  SplitSpec,
  MlpPathSpec,
} from '@regsweep/engine';
import type { PrunerConfig } from './prune/create-pruner';
import type { MlpSolverSweepConfig, NetworkSweepConfig, SweepModel, SweptParams } from './mlp-types';

export * from './mlp-types';
export * from './report-types';

/** A sweep config with every default applied (what validation returns). */
export interface SweepConfig {
  readonly name: string;
  /** Built-in name, dataset id, or (CLI only) a CSV path. */
  readonly dataset: string;
  /** Undefined means the dataset's declared target. */
  readonly target?: string;
  readonly model: SweepModel;
  /** model: mlp only. */
  readonly network?: NetworkSweepConfig;
  /** model: multinomial only: glmnet's type.multinomial ("grouped" when true). */
  readonly multinomial?: { readonly grouped: boolean };
  readonly penalties: readonly PenaltyKind[];
  readonly l1Ratios: readonly number[];
  readonly lambdas: LambdaGridSpec;
  readonly split: SplitSpec;
  readonly testFraction: number;
  readonly search: {
    readonly strategy: 'grid' | 'random' | 'tpe';
    readonly trials: number;
    readonly seed: number;
    /** Stops losing tpe trials by their running CV mean over folds; absent means none. */
    readonly pruner?: PrunerConfig;
    /**
     * model mlp: which trials get the full-data network (fold 0, trained on every fitting row). `chosen` (the
     * default): only the trials the report reads one of (refit-trials.ts), trained after the cross-validation picked
     * them; `every`: every trial, as part of its tasks. Absent for the other models, and for mlp sweeps stored
     * before the field existed (their plans hold a fold 0 task per trial: `every`).
     */
    readonly refit?: SearchRefit;
  };
  readonly solver: SolverConfig | MlpSolverSweepConfig;
  readonly standardize: boolean;
  readonly metric: MetricName;
  readonly selection: 'min' | '1se';
  /** Worker threads for this sweep; undefined means the pool size. */
  readonly concurrency?: number;
  /** Time limit of one task (a curve's path on one fold) on a worker; undefined means the server's default. */
  readonly taskTimeoutSeconds?: number;
}

export type SearchRefit = 'chosen' | 'every';

/** One validation problem, named by the config path it concerns ("split.folds"). */
export interface ConfigError {
  readonly path: string;
  readonly message: string;
}

/**
 * A curve is one (penalty, l1Ratio) with its decreasing λ values. Every fold
 * fits a curve as one warm-started path; the trials are its points.
 */
export interface CurvePlan {
  readonly index: number;
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambdas: Float64Array;
  /** model: mlp: the values of the swept network / solver fields of this curve's one trial. */
  readonly params?: SweptParams;
  /** model: mlp: the network and optimizer this curve trains. */
  readonly mlp?: MlpPathSpec;
  /** An adaptive search's pruner limits for fold 1's training (gd, mlp: epoch-rungs.ts); the other folds run whole. */
  readonly epochRungs?: EpochRungs;
}

/** One point of the search space, with the deterministic key that makes storing it idempotent. */
export interface TrialPlan {
  readonly key: string;
  readonly curve: number;
  readonly lambdaIndex: number;
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambda: number;
  /** model: mlp: the swept network / solver values (part of the key). */
  readonly params?: SweptParams;
}

/** A unit of work for one worker: fit curve `curve` on fold `fold` (0 = all fitting rows). */
export interface TaskPlan {
  readonly key: string;
  readonly curve: number;
  readonly fold: number;
}

export interface SweepPlan {
  readonly split: SplitPlan;
  readonly curves: readonly CurvePlan[];
  readonly trials: readonly TrialPlan[];
  readonly tasks: readonly TaskPlan[];
}
