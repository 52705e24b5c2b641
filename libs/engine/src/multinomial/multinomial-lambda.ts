import { forEachScaledColumn, lambdaMaxOf, linspace, logspace } from '../path/lambda-grid';
import { effectiveL1Ratio } from '../path/penalty';
import type { LambdaGridSpec, Penalty } from '../types';
import type { MultinomialDataset } from './types';

/**
 * The smallest λ at which every coefficient is zero, from the null model's residuals y_ik − q_k (q_k the class
 * frequencies), as glmnet's lognetn / multlognetn compute it:
 *     ungrouped  λ_max = max_j max_k |⟨z_j, y_k − q_k⟩| / (n·max(r, 1e-3))
 *     grouped    λ_max = max_j ‖(⟨z_j, y_k − q_k⟩)_k‖₂ / (n·max(r, 1e-3))
 * z_j the standardized (or only centred) column j over `rows`.
 */
export function multinomialLambdaMax(
  data: MultinomialDataset,
  rows: Int32Array,
  l1Ratio: number,
  standardize: boolean,
  grouped: boolean,
): number {
  const n = rows.length;
  if (n === 0) return 0;
  const classes = data.classes.length;
  const frequencies = new Float64Array(classes);
  for (let i = 0; i < n; i++) frequencies[data.y[rows[i]]] += 1 / n;
  const inner = new Float64Array(classes);
  let largest = 0;
  forEachScaledColumn(data.x, rows, standardize, (column, mean, scale) => {
    // ⟨z_j, y_k − q_k⟩ = Σ_i (x_ij − m_j)(y_ik − q_k) / s_j = Σ_{i in class k} (x_ij − m_j) / s_j (Σ_i (x_ij − m_j) = 0)
    inner.fill(0);
    for (let i = 0; i < n; i++) inner[data.y[rows[i]]] += column[i] - mean;
    let score = 0;
    for (let k = 0; k < classes; k++) {
      const value = Math.abs(inner[k] / scale);
      score = grouped ? score + value * value : Math.max(score, value);
    }
    largest = Math.max(largest, grouped ? Math.sqrt(score) : score);
  });
  return lambdaMaxOf(largest, n, l1Ratio);
}

/**
 * The decreasing λ grid of one multinomial penalty curve, as lambdaGrid for the other families but from the
 * multinomial λ_max: auto = `count` log-spaced values from λ_max down to λ_max·minRatio (1e-4 when n > p, else 1e-2,
 * glmnet's lambda.min.ratio); range and values as given. Penalty `none` has the single λ 0.
 */
export function multinomialLambdaGrid(
  spec: LambdaGridSpec,
  data: MultinomialDataset,
  rows: Int32Array,
  penalty: Penalty,
  standardize: boolean,
  grouped: boolean,
): Float64Array {
  if (penalty.kind === 'none') return Float64Array.of(0);
  if ('values' in spec) return Float64Array.from([...new Set(spec.values)].sort((a, b) => b - a));
  if ('range' in spec) {
    const { min, max, count, scale } = spec.range;
    return scale === 'log' ? logspace(max, min, count) : linspace(max, min, count);
  }
  const largest = multinomialLambdaMax(data, rows, effectiveL1Ratio(penalty), standardize, grouped);
  if (!(largest > 0) || !Number.isFinite(largest)) return Float64Array.of(0);
  const minRatio = spec.auto.minRatio ?? (rows.length > data.x.cols ? 1e-4 : 1e-2);
  return logspace(largest, largest * minRatio, spec.auto.count ?? 100);
}
