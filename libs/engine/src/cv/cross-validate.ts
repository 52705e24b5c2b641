/**
 * Sequential cross-validation of one λ path: every fold 1..K through evaluateFold, the cv.glmnet statistics
 * over them, and the full-data path (fold 0: all fitting rows) that gives the reported coefficients.
 * The server runs the same evaluateFold calls on its worker pool instead; the CLI and the tests use this.
 */
import { fitPath, pathLambdas } from '../path/fit-path';
import type { CvStatistics, Dataset, FoldPathResult, MetricName, PathSpec, PointFit, SplitPlan } from '../types';
import { cvStatistics } from './cv-statistics';
import { evaluateFold } from './evaluate-fold';
import { fitGramFold, FoldWorkspace, gramFoldApplies } from './gram-fold';
import { fullDataFold, validationFolds } from './splits';

export interface CrossValidation {
  readonly folds: FoldPathResult[];
  readonly stats: CvStatistics;
  readonly full: PointFit[];
}

export function crossValidate(data: Dataset, plan: SplitPlan, spec: PathSpec, metric: MetricName): CrossValidation {
  // One workspace for every fold: the whole dataset's cross products are summed once.
  const workspace = new FoldWorkspace();
  const folds = validationFolds(plan).map((fold) =>
    evaluateFold(data, fold, spec, metric, undefined, undefined, workspace),
  );
  const stats = cvStatistics(folds, spec.lambdas, metric);
  return { folds, stats, full: fitFullPath(data, plan, spec, workspace) };
}

/** The full-data path, from the cross products the folds have already paid for when the fold route allows it. */
function fitFullPath(data: Dataset, plan: SplitPlan, spec: PathSpec, workspace: FoldWorkspace): PointFit[] {
  const full = fullDataFold(plan);
  const gram = gramFoldApplies(data, full, spec)
    ? fitGramFold(data, full, spec, pathLambdas(spec), undefined, undefined, workspace)
    : null;
  return gram ? gram.fits : fitPath(data, full.trainRows, spec, { validationRows: full.validationRows });
}
