import { lambdaMax, logspace } from './path/lambda-grid';
import { fitPath } from './path/fit-path';
import { effectiveL1Ratio } from './path/penalty';
import type { Dataset, Model, Penalty, PointFit, SolverConfig } from './types';

export interface FitOneOptions {
  readonly model: Model;
  readonly penalty: Penalty;
  readonly lambda: number;
  readonly standardize: boolean;
  readonly solver: SolverConfig;
  /** Rows to train on; all rows by default. */
  readonly rows?: Int32Array;
}

/** Warm-start path density for a single cd fit: about glmnet's default grid spacing (100 values over 4 decades). */
const WARM_POINTS_PER_DECADE = 25;

/**
 * One fit at a single λ. With cd, runs a short warm-start path from λ_max down to λ first (glmnet's advice: a
 * path is faster and more robust than a cold start at small λ) and returns the exact solution at λ; `iterations`
 * counts the passes of the whole warm path.
 */
export function fitOne(data: Dataset, options: FitOneOptions): PointFit {
  const rows = options.rows ?? Int32Array.from({ length: data.x.rows }, (_, i) => i);
  const { model, penalty, lambda, standardize, solver } = options;
  let lambdas: Float64Array = Float64Array.of(penalty.kind === 'none' ? 0 : lambda);
  if (solver.kind === 'cd' && penalty.kind !== 'none') {
    const largest = lambdaMax(data, rows, model, effectiveL1Ratio(penalty), standardize);
    if (lambda > 0 && lambda < largest) {
      const count = Math.max(2, Math.ceil(WARM_POINTS_PER_DECADE * Math.log10(largest / lambda)) + 1);
      lambdas = logspace(largest, lambda, count);
      lambdas[count - 1] = lambda;
    }
  }
  const fits = fitPath(data, rows, { model, penalty, lambdas, standardize, solver });
  const last = fits[fits.length - 1];
  const iterations = fits.reduce((sum, fit) => sum + fit.iterations, 0);
  return { ...last, iterations };
}
