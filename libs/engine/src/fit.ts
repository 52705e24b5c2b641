import { fitGridPath } from './path/fit-path';
import { lambdaMaxOf } from './path/lambda-grid';
import { effectiveL1Ratio } from './path/penalty';
import { lastOfWarmPath, warmStartLambdas } from './path/warm-start';
import type { Dataset, Model, OneLambdaFitOptions, PointFit, SolverConfig } from './types';

export interface FitOneOptions extends OneLambdaFitOptions {
  readonly model: Model;
  readonly solver: SolverConfig;
}

/**
 * One fit at a single λ. With cd, runs a short warm-start path from λ_max down to λ first (glmnet's advice: a
 * path is faster and more robust than a cold start at small λ) and returns the exact solution at λ; `iterations`
 * counts the passes of the whole warm path.
 */
export function fitOne(data: Dataset, options: FitOneOptions): PointFit {
  const rows = options.rows ?? Int32Array.from({ length: data.x.rows }, (_, i) => i);
  const { model, penalty, lambda, standardize, solver } = options;
  // λ_max (lambdaMax's formula) from the path's own cross products where it takes that route (fitGridPath).
  const lambdas = (innerProduct: () => number): Float64Array =>
    solver.kind === 'cd' && penalty.kind !== 'none'
      ? warmStartLambdas(
          rows.length === 0 ? 0 : lambdaMaxOf(innerProduct(), rows.length, effectiveL1Ratio(penalty)),
          lambda,
        )
      : Float64Array.of(penalty.kind === 'none' ? 0 : lambda);
  return lastOfWarmPath(fitGridPath(data, rows, { model, penalty, standardize, solver }, lambdas));
}
