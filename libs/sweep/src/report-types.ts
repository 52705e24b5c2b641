/**
 * The report's vocabulary (SPEC §4): what it is built from (each curve's results), and the report itself (curves,
 * best model, comparisons, warnings, failures). Pure data: no Nest, no I/O.
 */
import type { CvStatistics, FoldPathResult, MetricName, PenaltyKind, PointFit } from '@regsweep/engine';
import type { MlpReport, SweptParams } from './mlp-types';
import type { CurvePlan } from './types';

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
