import type { Dataset } from '../types';

/**
 * A fold's validation rows copied once into a contiguous column-major block (m rows × p columns) with their
 * responses, to score a fit by predictions: SSE = Σ_i (y_i − b0 − Σ_j x_ij β_j)², O(m·nonzeros) per λ.
 *
 * The gram route scores with the quadratic form of the validation cross products instead, O(nonzeros²) per λ, the
 * cheaper of the two while a fit has at most m nonzeros. Past that (p ≈ n, e.g. 1000×1000 with 100 validation rows and
 * lasso fits of up to ~800 nonzeros) predictions cost less, and they read this block (800 kB) rather than a (p+2)²
 * matrix (8 MB) per λ: with two threads, each fold's solver, training sums and validation sums need not fit in the
 * shared cache together (docs/benchmarks.md).
 */
export class ValidationBlock {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly eta: Float64Array;

  constructor(data: Dataset, rows: Int32Array) {
    const m = rows.length;
    const { cols, rows: n, values } = data.x;
    this.x = new Float64Array(m * cols);
    for (let j = 0; j < cols; j++) {
      const from = j * n;
      const to = j * m;
      for (let i = 0; i < m; i++) this.x[to + i] = values[from + rows[i]];
    }
    this.y = new Float64Array(m);
    for (let i = 0; i < m; i++) this.y[i] = data.y[rows[i]];
    this.eta = new Float64Array(m);
  }

  /** Σ_i (y_i − b0 − x_iᵀβ)² over the block's rows, β on the original feature scale. */
  residualSquares(intercept: number, coefficients: Float64Array): number {
    const { x, y, eta } = this;
    const m = y.length;
    eta.fill(intercept);
    for (let j = 0; j < coefficients.length; j++) {
      const beta = coefficients[j];
      if (beta === 0) continue;
      const offset = j * m;
      for (let i = 0; i < m; i++) eta[i] += x[offset + i] * beta;
    }
    let sse = 0;
    for (let i = 0; i < m; i++) {
      const residual = y[i] - eta[i];
      sse += residual * residual;
    }
    return sse;
  }
}
