/**
 * Cross-validation of one multinomial λ path: the same unit of work as cv/evaluate-fold.ts (fit the path on a
 * fold's training rows with warm starts, score every point on the training and validation rows), the cv.glmnet
 * statistics over the folds (cv/cv-statistics.ts, grouped = TRUE), and the full-data path that gives the reported
 * coefficients.
 */
import { cvStatistics } from '../cv/cv-statistics';
import { scoreFold } from '../cv/score-fold';
import { fullDataFold, validationFolds } from '../cv/splits';
import type { CvStatistics, FoldRows, SplitPlan } from '../types';
import { isMultinomialLossMetric, multinomialLinearPredictor, multinomialMetricValue } from './multinomial-metrics';
import { fitMultinomialPath } from './multinomial-path';
import type { MultinomialDataset, MultinomialMetric, MultinomialPathSpec, MultinomialPointFit } from './types';

export interface MultinomialFoldResult {
  readonly fold: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly fits: MultinomialPointFit[];
  /** metric on the training rows, one per λ (NaN when the fit diverged). */
  readonly train: Float64Array;
  /** metric on the validation rows, one per λ (NaN without validation rows or when the fit diverged). */
  readonly validation: Float64Array;
}

export function evaluateMultinomialFold(
  data: MultinomialDataset,
  fold: FoldRows,
  spec: MultinomialPathSpec,
  metric: MultinomialMetric,
  signal?: { readonly aborted: boolean },
): MultinomialFoldResult {
  return scoreMultinomialFold(data, fold, fitMultinomialPath(data, fold.trainRows, spec, { signal }), metric);
}

/** Scores a fold's fitted path on its training and validation rows (a diverged point scores NaN on both). */
export function scoreMultinomialFold(
  data: MultinomialDataset,
  fold: FoldRows,
  fits: MultinomialPointFit[],
  metric: MultinomialMetric,
): MultinomialFoldResult {
  const { trainRows, validationRows } = fold;
  const classes = data.classes.length;
  const eta = new Float64Array(classes * Math.max(trainRows.length, validationRows.length));
  const score = (rows: Int32Array, fit: MultinomialPointFit): number => {
    if (rows.length === 0) return NaN;
    multinomialLinearPredictor(data.x, rows, fit.intercepts, fit.coefficients, eta);
    return multinomialMetricValue(metric, data.y, rows, eta, classes);
  };
  return scoreFold(
    fold,
    fits.length,
    fits,
    (fit) => score(trainRows, fit),
    (fit) => score(validationRows, fit),
  );
}

/** cvStatistics reads from the metric only whether lower is better: logloss is a loss, accuracy and f1 scores. */
export function multinomialCvStatistics(
  folds: ReadonlyArray<MultinomialFoldResult>,
  lambdas: Float64Array,
  metric: MultinomialMetric,
): CvStatistics {
  return cvStatistics(folds, lambdas, isMultinomialLossMetric(metric) ? 'logloss' : 'accuracy');
}

export interface MultinomialCrossValidation {
  readonly folds: MultinomialFoldResult[];
  readonly stats: CvStatistics;
  readonly full: MultinomialPointFit[];
}

export function crossValidateMultinomial(
  data: MultinomialDataset,
  plan: SplitPlan,
  spec: MultinomialPathSpec,
  metric: MultinomialMetric,
): MultinomialCrossValidation {
  const folds = validationFolds(plan).map((fold) => evaluateMultinomialFold(data, fold, spec, metric));
  const stats = multinomialCvStatistics(folds, spec.lambdas, metric);
  return { folds, stats, full: fitMultinomialPath(data, fullDataFold(plan).trainRows, spec) };
}
