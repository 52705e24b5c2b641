/**
 * A multinomial fold task in the shape of the other families' (cv/evaluate-fold.ts): the fold's path fitted and
 * scored by evaluateMultinomialFold, each fit returned as a PointFit with its K intercepts (`intercepts`, centred) and
 * its class-major K·p coefficients, so the sweep runner, the stores and the cv statistics treat it as any other path.
 */
import type { Dataset, FoldPathResult, FoldRows, MetricName, PathSpec, PointFit } from '../types';
import { evaluateMultinomialFold } from './multinomial-cv';
import { multinomialDatasetOf } from './fit-multinomial';
import type { MultinomialMetric, MultinomialPointFit } from './types';

export function evaluateMultinomialFoldPath(
  data: Dataset,
  fold: FoldRows,
  spec: PathSpec & { readonly multinomial: { readonly grouped: boolean } },
  metric: MetricName,
  signal?: { readonly aborted: boolean },
): FoldPathResult {
  if (spec.solver.kind !== 'cd') throw new Error('the multinomial model is fitted by coordinate descent (solver cd)');
  const multinomialSpec = {
    penalty: spec.penalty,
    lambdas: spec.lambdas,
    standardize: spec.standardize,
    grouped: spec.multinomial.grouped,
    solver: spec.solver,
  };
  const result = evaluateMultinomialFold(
    multinomialDatasetOf(data),
    fold,
    multinomialSpec,
    multinomialMetricOf(metric),
    signal,
  );
  return { ...result, fits: result.fits.map(asPointFit) };
}

/** The sweep's metric as a multinomial metric: logloss, accuracy or f1 (the config checks allow no other). */
export function multinomialMetricOf(metric: MetricName): MultinomialMetric {
  if (metric === 'logloss' || metric === 'accuracy' || metric === 'f1') return metric;
  throw new Error(`metric ${metric} does not score a multinomial model; use logloss, accuracy or f1`);
}

function asPointFit(fit: MultinomialPointFit): PointFit {
  return {
    lambda: fit.lambda,
    intercept: NaN,
    intercepts: fit.intercepts,
    coefficients: fit.coefficients,
    nonzeros: fit.nonzeros,
    objective: fit.objective,
    iterations: fit.iterations,
    converged: fit.converged,
    status: fit.status,
    ...(fit.reason !== undefined ? { reason: fit.reason } : {}),
  };
}
