/**
 * One unit of cross-validation work: fit a whole λ path on a fold's training rows (warm starts along the
 * path) and score every point on the training and the validation rows. This is what a worker runs per task.
 *
 * A fold chooseRoute sends to the cross-products route (gram-fold.ts; linear cd with p ≤ 2n) needs no copy of the
 * training rows, and scores mse/r2 without predictions; `crossProducts` are sums the caller already has (else they
 * are computed here, in `workspace`: memory a caller keeps from fold to fold). Every other fold fits with fitPath and
 * scores with predictions.
 */
import { evaluateMlpFold } from '../mlp/evaluate-fold';
import { evaluateMultinomialFoldPath } from '../multinomial/multinomial-fold-path';
import { fitPath, pathLambdas } from '../path/fit-path';
import { linearPredictor } from '../predict';
import type { Dataset, FoldPathResult, FoldRows, MetricName, PathSpec, PointFit } from '../types';
import { fitGramFold, FoldWorkspace, gramFoldApplies, type FoldCrossProducts } from './gram-fold';
import { gramScorer } from './gram-scorer';
import { scoreFold } from './score-fold';
import { metricValue } from './metrics';

export function evaluateFold(
  data: Dataset,
  fold: FoldRows,
  spec: PathSpec,
  metric: MetricName,
  signal?: { aborted: boolean },
  crossProducts?: FoldCrossProducts,
  workspace: FoldWorkspace = new FoldWorkspace(),
): FoldPathResult {
  if (spec.mlp) return evaluateMlpFold(data, fold, { ...spec, mlp: spec.mlp }, metric, signal, workspace.mlp);
  if (spec.multinomial) {
    return evaluateMultinomialFoldPath(data, fold, { ...spec, multinomial: spec.multinomial }, metric, signal);
  }
  const { trainRows, validationRows } = fold;
  const gram = gramFoldApplies(data, fold, spec)
    ? fitGramFold(data, fold, spec, pathLambdas(spec), signal, crossProducts, workspace)
    : null;
  const fits = gram ? gram.fits : fitPath(data, trainRows, spec, { validationRows, signal });

  const fromSums = gram ? gramScorer(metric, gram, data, validationRows) : null;
  // One η buffer for the whole path, long enough for either row set (metricValue reads its first rows.length);
  // none when the sums score every point (90000 rows: 720 kB per task not allocated).
  const eta = fromSums ? new Float64Array(0) : new Float64Array(Math.max(trainRows.length, validationRows.length));
  const predictAndScore = (rows: Int32Array, fit: PointFit): number => {
    if (rows.length === 0) return NaN;
    linearPredictor(data.x, rows, fit.intercept, fit.coefficients, eta);
    return metricValue(metric, data.y, rows, eta);
  };

  // The sums score a fit when the metric allows (gramScorer); otherwise its predictions are scored row by row.
  return scoreFold(
    fold,
    spec.lambdas.length,
    fits,
    (fit, j) => (fromSums ? fromSums.train(j) : predictAndScore(trainRows, fit)),
    (fit) => (fromSums ? fromSums.validation(fit) : predictAndScore(validationRows, fit)),
  );
}
