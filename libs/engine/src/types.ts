/**
 * The engine's public vocabulary. Everything the server, the CLI and the
 * workers exchange with the numeric core is one of these shapes.
 *
 * Conventions (SPEC §1):
 *   linear    minimise (1/(2n)) Σ (y_i − b0 − x_iᵀβ)² + λ·[ r‖β‖₁ + (1−r)/2 ‖β‖₂² ]
 *   logistic  minimise −(1/n) Σ [ y_i η_i − log(1 + e^{η_i}) ] + λ·[ r‖β‖₁ + (1−r)/2 ‖β‖₂² ]
 * with the penalty applied on the standardized scale when `standardize` is on,
 * and coefficients always reported on the original feature scale.
 */
import type { MlpPathSpec } from './mlp/types';

// The network vocabulary, also from here: the dashboard type-checks against this file alone.
export type { MlpActivation, MlpNetwork, MlpOutput, MlpPathSpec } from './mlp/types';

export type Model = 'linear' | 'logistic';
export type PenaltyKind = 'none' | 'l1' | 'l2' | 'elasticnet';
/** `f1`: the multinomial model's macro-averaged F1 (multinomial-metrics.ts); for a binary model the positive class's. */
export type MetricName = 'mse' | 'mae' | 'r2' | 'logloss' | 'accuracy' | 'auc' | 'f1';

/**
 * Column-major design matrix: column j occupies values[j*rows, (j+1)*rows).
 * Column-major because coordinate descent walks one feature at a time.
 */
export interface DesignMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
  readonly names: readonly string[];
}

/** A design matrix and its response. For logistic, y ∈ {0, 1}. */
export interface Dataset {
  readonly x: DesignMatrix;
  readonly y: Float64Array;
  /**
   * Optional identity of the values, given by a caller that hands the same memory over again (a worker thread gets a
   * fresh view of the same SharedArrayBuffers with every task): equal keys promise equal x and y, so per-dataset
   * caches use the key instead of hashing every value.
   */
  readonly key?: string;
  /** Class labels in index order when y holds label indices (a multiclass target; multinomial/types.ts). */
  readonly classes?: readonly string[];
}

/** A penalty type with its effective L1 ratio r: l1 ⇒ 1, l2 and none ⇒ 0, elasticnet ⇒ 0 < r < 1. */
export interface Penalty {
  readonly kind: PenaltyKind;
  readonly l1Ratio: number;
}

export interface CdSolverConfig {
  readonly kind: 'cd';
  /** Convergence threshold on the largest weighted coefficient change, as glmnet's `thresh`. */
  readonly tolerance: number;
  /** Cap on coordinate-descent passes over the active set, summed over the path point. */
  readonly maxIterations: number;
}

/**
 * A pruner's limits between epochs (solver/epoch-rungs.ts judges them):
 *   judge 'value'  stop at epoch e ⇔ v(e) > limit(e)                                 (ASHA: the rung's k-th best)
 *   judge 'best'   stop at epoch e ⇔ min{ v(e') : e' judged, e' ≤ e } > limit(e)     (median rule: best so far)
 */
export interface EpochRungs {
  readonly judge: 'value' | 'best';
  /** Ascending epochs with a limit. */
  readonly epochs: readonly number[];
  /** limits[i] is the limit at epochs[i]. */
  readonly limits: readonly number[];
}

export interface GdSolverConfig {
  readonly kind: 'gd';
  readonly learningRate: number;
  readonly epochs: number;
  /** Stop early once the relative objective change of an epoch falls below this. */
  readonly tolerance: number;
  /** A pruner's limits between epochs (solver/epoch-rungs.ts); set by a sweep's search, never by a user. */
  readonly rungs?: EpochRungs;
}

export type SolverConfig = CdSolverConfig | GdSolverConfig;

/** Everything needed to fit a λ path of one model/penalty on one set of rows. */
export interface PathSpec {
  readonly model: Model;
  readonly penalty: Penalty;
  /** Decreasing λ values. For penalty `none` a single 0. */
  readonly lambdas: Float64Array;
  readonly standardize: boolean;
  readonly solver: SolverConfig;
  /** `model: mlp` (mlp/evaluate-fold.ts): the network and its optimizer; `model` is then the output's GLM. */
  readonly mlp?: MlpPathSpec;
  /** `model: multinomial` (multinomial/multinomial-fold-path.ts): the K-class fit; `model` is then `logistic`. */
  readonly multinomial?: { readonly grouped: boolean };
}

/** Which rows a model is trained on and which rows score it. */
export interface FoldRows {
  /** 1-based fold number; 0 means "all fitting rows" (the full-data path). */
  readonly fold: number;
  readonly trainRows: Int32Array;
  readonly validationRows: Int32Array;
}

export type FitStatus = 'ok' | 'not_converged' | 'diverged';

/** Per-epoch losses of a gd fit (data loss: mse for linear, logloss for logistic), thinned to ≤ 500 points. */
export interface LearningCurve {
  readonly epochs: Int32Array;
  readonly train: Float64Array;
  readonly validation: Float64Array;
}

/** What a single fit at one λ needs besides its model and solver (fitOne, fitMultinomialOne). */
export interface OneLambdaFitOptions {
  readonly penalty: Penalty;
  readonly lambda: number;
  readonly standardize: boolean;
  /** Rows to train on; all rows by default. */
  readonly rows?: Int32Array;
}

/** What every fit at one λ reports besides its coefficients: size, objective and how the solve ended. */
export interface FitOutcome {
  /** Features with a nonzero coefficient (a multinomial fit: in at least one class, glmnet's df). */
  readonly nonzeros: number;
  /** The SPEC objective on the training rows (penalty on the standardized scale). */
  readonly objective: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly status: FitStatus;
  /** Why the fit is not `ok` (e.g. "loss became non-finite at epoch 12"). */
  readonly reason?: string;
}

/** The fit at one λ. */
export interface PointFit extends FitOutcome {
  readonly lambda: number;
  /** NaN for a multinomial fit, whose K intercepts are `intercepts`. */
  readonly intercept: number;
  /**
   * Original feature scale, length p. Exact zeros for coefficients L1 removed. A multinomial fit's are class-major,
   * length K·p (class k's at [k·p, (k+1)·p)).
   */
  readonly coefficients: Float64Array;
  /** A multinomial fit's K intercepts, centred to sum to zero. */
  readonly intercepts?: Float64Array;
  readonly learningCurve?: LearningCurve;
  /**
   * A network's full-data fit (fold 0 of an mlp task) only: its flat parameters in the layout's order, on the
   * standardized input scale (mlp/layout.ts), as trainMlp returned them. The report and the export read these
   * instead of training the chosen network again; validation folds leave them out (one network per trial is kept).
   */
  readonly networkParameters?: Float64Array;
}

/** A fitted path on one fold, scored on its training and validation rows. */
export interface FoldPathResult {
  readonly fold: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly fits: PointFit[];
  /** metric on the training rows, one per λ (NaN only when the fit diverged). */
  readonly train: Float64Array;
  /** metric on the validation rows, one per λ (NaN when there are no validation rows or the fit diverged). */
  readonly validation: Float64Array;
}

/** Cross-validation statistics over folds, one entry per λ (cv.glmnet, grouped = TRUE). */
export interface CvStatistics {
  readonly lambdas: Float64Array;
  readonly validationMean: Float64Array;
  /** NaN when there is a single fold (holdout). */
  readonly validationSd: Float64Array;
  readonly trainMean: Float64Array;
  /** validationMean − trainMean for losses, trainMean − validationMean for scores: > 0 means better on train. */
  readonly gap: Float64Array;
  readonly indexMin: number;
  readonly index1se: number;
  readonly lambdaMin: number;
  readonly lambda1se: number;
}

export type LambdaGridSpec =
  | {
      readonly auto: {
        readonly count: number;
        readonly minRatio?: number;
        /** The sweep extends the grid where lambdaMin sits at an end (libs/sweep adaptive-grid.ts); the engine ignores it. */
        readonly adaptive?: boolean;
      };
    }
  | {
      readonly range: {
        readonly min: number;
        readonly max: number;
        readonly count: number;
        readonly scale: 'log' | 'linear';
      };
    }
  | { readonly values: readonly number[] };

export type SplitSpec =
  | { readonly kind: 'kfold'; readonly folds: number; readonly shuffle: boolean; readonly seed: number }
  | { readonly kind: 'holdout'; readonly validationFraction: number; readonly seed: number }
  | { readonly kind: 'foldIds'; readonly foldIds: readonly number[] };

/** The rows of a dataset divided for a sweep: test rows held out first, then folds over the rest. */
export interface SplitPlan {
  /** Rows used for fitting (everything but the test rows), ascending. */
  readonly fitRows: Int32Array;
  readonly testRows: Int32Array;
  readonly folds: FoldRows[];
}
