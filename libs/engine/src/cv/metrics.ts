/**
 * Scoring a fitted model on a set of rows (SPEC §1 "Metrics").
 *
 * Every metric takes the linear predictor η (eta[i] belongs to rows[i]) rather than predictions, so the
 * logistic ones can work on the log-odds scale without overflow: p = 1/(1 + e^{−η}).
 * An empty row set scores NaN.
 */
import type { MetricName, Model } from '../types';

const LINEAR_METRICS: readonly MetricName[] = ['mse', 'mae', 'r2'];
const LOGISTIC_METRICS: readonly MetricName[] = ['logloss', 'accuracy', 'auc'];

/** Metrics that make sense for a model, the default first. */
export function metricsForModel(model: Model): readonly MetricName[] {
  return model === 'linear' ? LINEAR_METRICS : LOGISTIC_METRICS;
}

/** mse for linear, logloss (mean negative log-likelihood) for logistic. */
export function defaultMetric(model: Model): MetricName {
  return metricsForModel(model)[0];
}

/** Losses are better when lower (mse, mae, logloss); scores when higher (r2, accuracy, auc). */
export function isLossMetric(metric: MetricName): boolean {
  return metric === 'mse' || metric === 'mae' || metric === 'logloss';
}

export function metricValue(metric: MetricName, y: Float64Array, rows: Int32Array, eta: Float64Array): number {
  if (rows.length === 0) return NaN;
  switch (metric) {
    case 'mse':
      return meanOver(rows, (row, i) => (y[row] - eta[i]) ** 2);
    case 'mae':
      return meanOver(rows, (row, i) => Math.abs(y[row] - eta[i]));
    case 'r2':
      return rSquared(y, rows, eta);
    case 'logloss':
      // −[yη − log(1 + e^η)] per row.
      return meanOver(rows, (row, i) => log1pExp(eta[i]) - y[row] * eta[i]);
    case 'accuracy':
      // p ≥ 0.5 ⇔ η ≥ 0.
      return meanOver(rows, (row, i) => ((eta[i] >= 0 ? 1 : 0) === y[row] ? 1 : 0));
    case 'auc':
      return rankAuc(y, rows, eta);
    case 'f1':
      return binaryF1(y, rows, eta);
  }
}

/** The positive class's F1 = 2TP / (2TP + FP + FN), predicting 1 where η ≥ 0; NaN when no row is or is predicted 1. */
function binaryF1(y: Float64Array, rows: Int32Array, eta: Float64Array): number {
  let truePositives = 0;
  let errors = 0;
  for (let i = 0; i < rows.length; i++) {
    const predicted = eta[i] >= 0 ? 1 : 0;
    if (predicted === 1 && y[rows[i]] === 1) truePositives++;
    else if (predicted !== y[rows[i]]) errors++;
  }
  const denominator = 2 * truePositives + errors;
  return denominator === 0 ? NaN : (2 * truePositives) / denominator;
}

/** log(1 + e^x) without overflow: x + log1p(e^{−x}) for x > 0. */
function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function meanOver(rows: Int32Array, term: (row: number, i: number) => number): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) sum += term(rows[i], i);
  return sum / rows.length;
}

/**
 * R² = 1 − SSE/SST with SST = Σ (y − ȳ)² on the same rows (scikit-learn's r2_score). A constant target
 * (SST = 0) scores 1 when the fit is perfect and 0 otherwise, as scikit-learn does with force_finite.
 */
function rSquared(y: Float64Array, rows: Int32Array, eta: Float64Array): number {
  const mean = meanOver(rows, (row) => y[row]);
  const sse = meanOver(rows, (row, i) => (y[row] - eta[i]) ** 2);
  const sst = meanOver(rows, (row) => (y[row] - mean) ** 2);
  if (sst === 0) return sse === 0 ? 1 : 0;
  return 1 - sse / sst;
}

/**
 * Area under the ROC curve by the Mann–Whitney statistic: AUC = (R₁ − n₁(n₁+1)/2) / (n₁·n₀), where R₁ is the
 * sum of the ranks of the positive rows among all η, tied η sharing their average rank. Ranking η is the same
 * as ranking p because p is increasing in η. NaN when one class is absent.
 */
function rankAuc(y: Float64Array, rows: Int32Array, eta: Float64Array): number {
  const n = rows.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => eta[a] - eta[b]);
  let positiveRankSum = 0;
  let positives = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && eta[order[end]] === eta[order[start]]) end++;
    // Ranks start+1 .. end (1-based) are tied: each gets their average.
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (y[rows[order[k]]] === 1) {
        positiveRankSum += averageRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
