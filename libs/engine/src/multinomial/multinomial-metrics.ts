/**
 * Scoring a multinomial fit on a set of rows (SPEC §7): from the linear predictors of those rows, class-major
 * (eta[k·m + i] is η of rows[i] for class k, m = rows.length), so the logloss works on the log scale:
 *   logloss  = (1/m) Σ_i [ log Σ_k exp(η_ik) − η_{i,y_i} ]   (glmnet's multinomial deviance is 2·logloss)
 *   accuracy = (1/m) #{i : argmax_k η_ik = y_i}            (1 − cv.glmnet's misclassification error)
 *   f1       = macro average over the classes present in the truth or the predictions of 2TP_k / (2TP_k + FP_k + FN_k)
 * An empty row set scores NaN.
 */
import type { DesignMatrix } from '../types';
import { logSumExp } from './softmax';
import type { MultinomialMetric } from './types';

export const MULTINOMIAL_METRICS: readonly MultinomialMetric[] = ['logloss', 'accuracy', 'f1'];

export function isMultinomialLossMetric(metric: MultinomialMetric): boolean {
  return metric === 'logloss';
}

/** η_ik = b0_k + Σ_j x_ij β_jk on the original scale for each of `rows`, class-major into out (length K·m). */
export function multinomialLinearPredictor(
  x: DesignMatrix,
  rows: Int32Array,
  intercepts: Float64Array,
  coefficients: Float64Array,
  out: Float64Array,
): void {
  const m = rows.length;
  const p = x.cols;
  for (let k = 0; k < intercepts.length; k++) {
    out.fill(intercepts[k], k * m, (k + 1) * m);
    for (let j = 0; j < p; j++) {
      const beta = coefficients[k * p + j];
      if (beta === 0) continue;
      const offset = j * x.rows;
      for (let i = 0; i < m; i++) out[k * m + i] += x.values[offset + rows[i]] * beta;
    }
  }
}

/** The class with the largest η (the first on ties) for row i of m. */
export function predictedClass(eta: Float64Array, m: number, classes: number, i: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if (eta[k * m + i] > eta[best * m + i]) best = k;
  return best;
}

export function multinomialMetricValue(
  metric: MultinomialMetric,
  y: Float64Array,
  rows: Int32Array,
  eta: Float64Array,
  classes: number,
): number {
  const m = rows.length;
  if (m === 0) return NaN;
  if (metric === 'logloss') {
    let total = 0;
    for (let i = 0; i < m; i++) total += logSumExp(eta, m, classes, i) - eta[y[rows[i]] * m + i];
    return total / m;
  }
  const confusion = confusionMatrix(y, rows, eta, classes);
  if (metric === 'accuracy') {
    let correct = 0;
    for (let k = 0; k < classes; k++) correct += confusion[k * classes + k];
    return correct / m;
  }
  return macroF1(confusion, classes);
}

/** counts[actual·K + predicted]. */
export function confusionMatrix(y: Float64Array, rows: Int32Array, eta: Float64Array, classes: number): Int32Array {
  const m = rows.length;
  const counts = new Int32Array(classes * classes);
  for (let i = 0; i < m; i++) counts[y[rows[i]] * classes + predictedClass(eta, m, classes, i)]++;
  return counts;
}

function macroF1(confusion: Int32Array, classes: number): number {
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < classes; k++) {
    let actual = 0;
    let predicted = 0;
    for (let l = 0; l < classes; l++) {
      actual += confusion[k * classes + l];
      predicted += confusion[l * classes + k];
    }
    if (actual + predicted === 0) continue;
    sum += (2 * confusion[k * classes + k]) / (actual + predicted);
    counted++;
  }
  return counted > 0 ? sum / counted : NaN;
}
