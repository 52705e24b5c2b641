/** Seeded synthetic data for tests the fixtures never saw. */
import { mulberry32 } from '../../src/cv/prng';
import { designMatrixFromRows } from '../../src/data/design-matrix';
import type { Dataset, Model } from '../../src/types';

/** mulberry32 (the engine's own generator), uniform in [0, 1). */
export function uniformSource(seed: number): () => number {
  return mulberry32(seed);
}

/** Standard normal draws (Box–Muller, one per call). */
export function normalSource(seed: number): () => number {
  const uniform = uniformSource(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface SyntheticOptions {
  readonly rows: number;
  readonly cols: number;
  readonly model: Model;
  readonly seed: number;
  /** Correlation of every pair of features (equicorrelated). */
  readonly rho?: number;
  /** Number of true nonzero coefficients. */
  readonly signals?: number;
}

/**
 * x_ij = mean_j + scale_j·(sqrt(1−ρ)·z_ij + sqrt(ρ)·u_i) with feature-specific means and scales (so
 * standardization matters); y = x·β + noise (linear) or y ~ Bernoulli(σ(x·β)) (logistic).
 */
export function syntheticDataset(options: SyntheticOptions): Dataset {
  const { rows, cols, model, seed } = options;
  const rho = options.rho ?? 0.3;
  const signals = Math.min(options.signals ?? 5, cols);
  const normal = normalSource(seed);
  const uniform = uniformSource(seed + 1000);
  const means = Array.from({ length: cols }, () => 10 * (uniform() - 0.5));
  const scales = Array.from({ length: cols }, () => 0.2 + 5 * uniform());
  const beta = Array.from({ length: cols }, (_, j) =>
    j < signals ? ((j % 2 ? -1 : 1) * (1 + j)) / (2 * scales[j]) : 0,
  );
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const shared = normal();
    const row = means.map((m, j) => m + scales[j] * (Math.sqrt(1 - rho) * normal() + Math.sqrt(rho) * shared));
    const signal = row.reduce((s, v, j) => s + (v - means[j]) * beta[j], 0);
    x.push(row);
    y.push(model === 'linear' ? 3 + signal + normal() : uniform() < 1 / (1 + Math.exp(-signal)) ? 1 : 0);
  }
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { x: designMatrixFromRows(names, x), y: Float64Array.from(y) };
}

/** Solves A v = b (A row-major m×m) by Gaussian elimination with partial pivoting; A and b are copied. */
export function solveLinearSystem(matrix: number[][], rhs: number[]): number[] {
  const m = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < m; r++) {
      const f = a[r][col] / a[col][col];
      for (let c = col; c <= m; c++) a[r][c] -= f * a[col][c];
    }
  }
  const v = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let s = a[r][m];
    for (let c = r + 1; c < m; c++) s -= a[r][c] * v[c];
    v[r] = s / a[r][r];
  }
  return v;
}
