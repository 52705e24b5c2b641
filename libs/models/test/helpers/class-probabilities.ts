/**
 * Test-only: a K-class model's answers (row-major, K per test row) against regsweep's own class-major numbers
 * (class k of test row i at [k·m + i]), for the multinomial and the softmax-network export tests.
 */
import { MULTINOMIAL_METRICS, multinomialMetricValue, type MultinomialMetric } from '@regsweep/engine';
import type { FinishedSweep } from './finished-sweep';

/** The most probable class of each of the m rows by a class-major η (the first on a tie). */
export function mostProbableLabels(eta: Float64Array, m: number, labels: readonly string[]): string[] {
  return Array.from({ length: m }, (_, i) => {
    let best = 0;
    for (let k = 1; k < labels.length; k++) if (eta[k * m + i] > eta[best * m + i]) best = k;
    return labels[best];
  });
}

/**
 * predictClasses' answer is regsweep's own: a row of probabilities per test row, each p_ik within 1e-12 of
 * own[k·m + i], and the same labels, which are not all one class (so that they compare real decisions).
 */
export function expectOwnClasses(
  answer: { probabilities: number[][]; labels: string[] },
  own: Float64Array,
  ownLabels: readonly string[],
): void {
  const { probabilities, labels } = answer;
  const m = ownLabels.length;
  expect(probabilities).toHaveLength(m);
  let worst = 0;
  probabilities.forEach((row, i) => row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - own[k * m + i])))));
  expect(worst).toBeLessThan(1e-12);
  expect(labels).toEqual(ownLabels);
  expect(new Set(labels).size).toBeGreaterThan(1);
}

/** max over i, k of |q_ik − p_ik| / p_ik for q row-major (onnxruntime's output) and p = own, and the smallest p. */
export function largestRelativeDifference(
  rowMajor: readonly number[],
  own: Float64Array,
  m: number,
  classes: number,
): { worst: number; smallest: number } {
  let worst = 0;
  let smallest = 1;
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < classes; k++) {
      const p = own[k * m + i];
      worst = Math.max(worst, Math.abs(rowMajor[i * classes + k] - p) / p);
      smallest = Math.min(smallest, p);
    }
  }
  return { worst, smallest };
}

/**
 * Each multinomial metric of the test rows scored from predict's probabilities, beside the report's value. log p is
 * an η up to a per-row constant, which softmax and argmax ignore: the report's metrics follow from it.
 */
export function testScores(
  sweep: FinishedSweep,
  predictions: readonly (readonly number[])[],
  classes: number,
): { metric: MultinomialMetric; ours: number; reported: number }[] {
  const m = predictions.length;
  const logP = new Float64Array(classes * m);
  predictions.forEach((row, i) => row.forEach((p, k) => (logP[k * m + i] = Math.log(p))));
  const y = Float64Array.from(sweep.testRows, (row) => sweep.data.y[row]);
  const rows = Int32Array.from({ length: m }, (_, i) => i);
  const test = (sweep.report.best as unknown as { test: Record<string, number> }).test;
  return MULTINOMIAL_METRICS.map((metric) => ({
    metric,
    ours: multinomialMetricValue(metric, y, rows, logP, classes),
    reported: test[metric],
  }));
}
