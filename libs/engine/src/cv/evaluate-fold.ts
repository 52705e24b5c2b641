/**
 * One unit of cross-validation work: fit a whole λ path on a fold's training rows (warm starts along the
 * path) and score every point on the training and the validation rows. This is what a worker runs per task.
 */
import { fitPath } from '../path/fit-path';
import { linearPredictor } from '../predict';
import type { Dataset, FoldPathResult, FoldRows, MetricName, PathSpec } from '../types';
import { metricValue } from './metrics';

export function evaluateFold(
  data: Dataset,
  fold: FoldRows,
  spec: PathSpec,
  metric: MetricName,
  signal?: { aborted: boolean },
): FoldPathResult {
  const { trainRows, validationRows } = fold;
  const fits = fitPath(data, trainRows, spec, { validationRows, signal });

  // One η buffer for the whole path, long enough for either row set; metricValue reads its first rows.length.
  const eta = new Float64Array(Math.max(trainRows.length, validationRows.length));
  const score = (rows: Int32Array, intercept: number, coefficients: Float64Array): number => {
    if (rows.length === 0) return NaN;
    linearPredictor(data.x, rows, intercept, coefficients, eta);
    return metricValue(metric, data.y, rows, eta);
  };

  // A λ without a fit (the path was cut short) or with a diverged fit scores NaN on both sides.
  const train = new Float64Array(spec.lambdas.length).fill(NaN);
  const validation = new Float64Array(spec.lambdas.length).fill(NaN);
  fits.forEach((fit, j) => {
    if (fit.status === 'diverged') return;
    train[j] = score(trainRows, fit.intercept, fit.coefficients);
    validation[j] = score(validationRows, fit.intercept, fit.coefficients);
  });

  return {
    fold: fold.fold,
    trainSize: trainRows.length,
    validationSize: validationRows.length,
    fits,
    train,
    validation,
  };
}
