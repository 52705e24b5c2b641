/** Seeded multiclass data for tests no reference has seen. */
import { designMatrixFromRows } from '../../src/data/design-matrix';
import type { MultinomialDataset } from '../../src/multinomial/types';
import { normalSource, uniformSource } from './synthetic';

/**
 * x_ij = mean_j + scale_j·N(0, 1) (feature-specific means and scales, so standardization matters), the last column
 * constant when `constantColumn`; y_i drawn from softmax(x_iᵀB) with B nonzero on the first `signals` features.
 */
export function syntheticMulticlass(options: {
  rows: number;
  cols: number;
  classes: number;
  seed: number;
  signals?: number;
  constantColumn?: boolean;
}): MultinomialDataset {
  const { rows, cols, classes, seed } = options;
  const signals = Math.min(options.signals ?? 3, cols);
  const normal = normalSource(seed);
  const uniform = uniformSource(seed + 7);
  const means = Array.from({ length: cols }, () => 10 * (uniform() - 0.5));
  const scales = Array.from({ length: cols }, () => 0.2 + 5 * uniform());
  const weights = Array.from({ length: classes }, () =>
    Array.from({ length: cols }, (_, j) => (j < signals ? (1.5 * normal()) / scales[j] : 0)),
  );
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = means.map((m, j) => (options.constantColumn && j === cols - 1 ? 2.5 : m + scales[j] * normal()));
    const eta = weights.map((w) => row.reduce((s, v, j) => s + (v - means[j]) * w[j], 0));
    const largest = Math.max(...eta);
    const odds = eta.map((e) => Math.exp(e - largest));
    let u = uniform() * odds.reduce((a, b) => a + b, 0);
    let k = 0;
    while (k < classes - 1 && u >= odds[k]) u -= odds[k++];
    x.push(row);
    y.push(k);
  }
  // Every class present at least once: the first `classes` rows take each label in turn.
  for (let k = 0; k < classes; k++) y[k] = k;
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  const labels = Array.from({ length: classes }, (_, k) => `c${k}`);
  return { x: designMatrixFromRows(names, x), y: Float64Array.from(y), classes: labels };
}
