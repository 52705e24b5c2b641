import { fitPath } from './path/fit-path';
import { lambdaMax } from './path/lambda-grid';
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
  const lambdas =
    solver.kind === 'cd' && penalty.kind !== 'none'
      ? warmStartLambdas(lambdaMax(data, rows, model, effectiveL1Ratio(penalty), standardize), lambda)
      : Float64Array.of(penalty.kind === 'none' ? 0 : lambda);
  return lastOfWarmPath(fitPath(data, rows, { model, penalty, lambdas, standardize, solver }));
}
