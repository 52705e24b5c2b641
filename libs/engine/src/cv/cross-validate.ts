/**
 * Sequential cross-validation of one λ path: every fold 1..K through evaluateFold, the cv.glmnet statistics
 * over them, and the full-data path (fold 0: all fitting rows) that gives the reported coefficients.
 * The server runs the same evaluateFold calls on its worker pool instead; the CLI and the tests use this.
 */
import { fitPath } from '../path/fit-path';
import type { CvStatistics, Dataset, FoldPathResult, MetricName, PathSpec, PointFit, SplitPlan } from '../types';
import { cvStatistics } from './cv-statistics';
import { evaluateFold } from './evaluate-fold';
import { fullDataFold, validationFolds } from './splits';

export interface CrossValidation {
  readonly folds: FoldPathResult[];
  readonly stats: CvStatistics;
  readonly full: PointFit[];
}

export function crossValidate(data: Dataset, plan: SplitPlan, spec: PathSpec, metric: MetricName): CrossValidation {
  const folds = validationFolds(plan).map((fold) => evaluateFold(data, fold, spec, metric));
  const stats = cvStatistics(folds, spec.lambdas, metric);
  const full = fullDataFold(plan);
  return { folds, stats, full: fitPath(data, full.trainRows, spec, { validationRows: full.validationRows }) };
}
