/**
 * The sweep layer's vocabulary: a validated sweep config (SPEC §2), the plan
 * it expands to (curves, trials, tasks), and the report (SPEC §4).
 * Pure data: no Nest, no I/O.
 */
import type {
  CvStatistics,
  EpochRungs,
  FoldPathResult,
  LambdaGridSpec,
  MetricName,
  PenaltyKind,
  PointFit,
  SolverConfig,
  SplitPlan,
  SplitSpec,
  MlpPathSpec,
} from '@regsweep/engine';
import type { PrunerConfig } from './prune/create-pruner';
import type { MlpReport, MlpSolverSweepConfig, NetworkSweepConfig, SweepModel, SweptParams } from './mlp-types';

export * from './mlp-types';

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

/** What the report is built from: for each curve, its fold results and its full-data path (fold 0). */
export interface CurveResults {
  readonly curve: CurvePlan;
  readonly folds: readonly FoldPathResult[];
  readonly full: readonly PointFit[];
  /** cvStatistics(folds, curve.lambdas, metric) when the caller already has them (the runner stores them too). */
  readonly statistics?: CvStatistics;
  /** An adaptive grid's record: what was added to this curve, and whether an end reached its limit. */
  readonly adaptive?: AdaptiveRecord;
  /**
   * fitWarnings() of this curve, when the caller computed them and left the fold fits out (the sweep runner keeps
   * only each fold's train and validation values of a large sweep); the report uses these instead.
   */
  readonly fitWarnings?: readonly string[];
}

/**
 * The λ an adaptive grid added to a curve (`lambdas.auto.adaptive`), one entry per extension or refinement, in order:
 * `small` / `large` a decade at an end, `interior` between lambdaMin's neighbours; `reason` says why.
 */
export interface AdaptiveRecord {
  readonly added: readonly {
    readonly direction: 'small' | 'large' | 'interior';
    readonly lambdas: readonly number[];
    readonly reason?: string;
  }[];
  /** The end where lambdaMin still sits after the decades allowed (ADAPTIVE_DECADE_LIMIT), else null. */
  readonly limitReached: 'small' | 'large' | null;
  readonly decadeLimit: number;
  /** Interior refinements allowed per curve (REFINE_LIMIT); absent in records from before refinement. */
  readonly refineLimit?: number;
}

export interface CurvePoint {
  readonly lambda: number;
  readonly train: number;
  readonly validation: number;
  readonly validationSd: number | null;
  readonly gap: number;
  /**
   * The full-data fit's nonzero coefficients (an mlp's nonzero weights); NaN (null in JSON) without one: an mlp trial
   * that search.refit chosen did not refit (its folds' mean is in the report's mlp.sparsity).
   */
  readonly nonzeros: number;
}

export interface OverfittingDiagnosis {
  /** One or two sentences with the numbers a person can check. */
  readonly verdict: string;
  readonly gapAtLambdaMin: number;
  /** Whether the chosen λ sits at an end of the grid: `small` (extend the grid down), `large` (extend it up), or `none`. */
  readonly edge: 'none' | 'small' | 'large';
  readonly overfitsAtSmallLambda: boolean;
  readonly underfitsAtLargeLambda: boolean;
}

export interface PenaltyReport {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  /** model: mlp: the curve's values of the swept network / solver fields. */
  readonly params?: SweptParams;
  readonly lambdaMin: number;
  readonly lambda1se: number | null;
  readonly curve: readonly CurvePoint[];
  readonly overfitting: OverfittingDiagnosis;
  /** Present for adaptive grids: the λ added to this curve and why (SPEC §7). */
  readonly adaptive?: AdaptiveRecord;
}

export interface BestModel {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  /** model: mlp: the chosen trial's values of the swept fields. */
  readonly params?: SweptParams;
  readonly lambda: number;
  readonly validation: { readonly mean: number; readonly sd: number | null };
  readonly train: { readonly mean: number };
  readonly gap: number;
  readonly nonzeros: number;
  readonly intercept: number;
  readonly coefficients: Record<string, number>;
  /**
   * Present when testFraction > 0: the chosen model scored once on the held-out rows (a softmax network: logloss,
   * accuracy, f1 and the confusion matrix, as model multinomial).
   */
  readonly test?: Partial<Record<MetricName, number>> & { readonly confusion?: ConfusionTable };
}

/** Test rows by actual class (rows) and predicted class (columns). */
export interface ConfusionTable {
  readonly classes: readonly string[];
  readonly counts: number[][];
}

/** model: multinomial's best model (report/multinomial-best.ts): per-class intercepts and coefficients (SPEC §7). */
export interface MultinomialBestModel {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambda: number;
  readonly validation: { readonly mean: number; readonly sd: number | null };
  readonly train: { readonly mean: number };
  readonly gap: number;
  /** Features with a nonzero coefficient in at least one class. */
  readonly nonzeros: number;
  readonly intercept: Record<string, number>;
  readonly coefficients: Record<string, Record<string, number>>;
  readonly test?: Partial<Record<'logloss' | 'accuracy' | 'f1', number>> & {
    readonly confusion: ConfusionTable;
  };
}

/**
 * A multinomial report's best model: its intercept is per class, {class: value} (a GLM's is one number; a softmax
 * network's NaN, null in JSON, is neither).
 */
export function isMultinomialBest(best: BestModel | MultinomialBestModel): best is MultinomialBestModel {
  return typeof best.intercept === 'object' && best.intercept !== null;
}

/** Paired comparison of two penalties' fold losses at each one's chosen λ. */
export interface PenaltyComparison {
  readonly a: { readonly penalty: PenaltyKind; readonly l1Ratio: number };
  readonly b: { readonly penalty: PenaltyKind; readonly l1Ratio: number };
  /** mean over folds of (loss_a − loss_b) in the metric's units. */
  readonly meanDifference: number;
  readonly sdDifference: number | null;
  /** Two-sided paired t-test p-value; null with fewer than two folds. */
  readonly pValue: number | null;
}

/** A task (one curve on one fold) that failed for good: its trials have no result on that fold. */
export interface TaskFailure {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  /** 1-based fold; 0 is the full-data path. */
  readonly fold: number;
  /** How many times the task was started on a worker. */
  readonly attempts: number;
  readonly reason: string;
}

export interface SweepReport {
  readonly sweepId: string;
  readonly metric: MetricName;
  readonly selection: 'min' | '1se';
  /** model: multinomial: per-class intercepts and coefficients, and a confusion matrix on the test rows. */
  readonly best: BestModel | MultinomialBestModel | null;
  readonly penalties: readonly PenaltyReport[];
  readonly comparison: readonly PenaltyComparison[];
  readonly warnings: readonly string[];
  /**
   * Trials a pruner stopped: the step (folds finished) and the running CV mean (metric units) that pruned each; for
   * gd and mlp trials stopped inside fold 1 the epoch and its validation loss (mse or logloss) there, and stopped after
   * fold k (asha, hyperband) k × epochs and the running CV mean.
   */
  readonly pruned?: readonly {
    readonly penalty: PenaltyKind;
    readonly l1Ratio: number;
    readonly lambda: number;
    readonly step: number;
    readonly value: number;
  }[];
  /** Tasks that failed for good (worker crash, time limit, error); present when the sweep runner reports them. */
  readonly failures?: readonly TaskFailure[];
  /** model: mlp: learning curves, best epoch, sparsity (mlp-report.ts). */
  readonly mlp?: MlpReport;
}
