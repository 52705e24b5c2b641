import { effectiveL1Ratio } from '../path/penalty';
import { lastOfWarmPath, warmStartLambdas } from '../path/warm-start';
import type { CdSolverConfig, Dataset, OneLambdaFitOptions } from '../types';
import { multinomialLambdaMax } from './multinomial-lambda';
import { fitMultinomialPath } from './multinomial-path';
import type { MultinomialDataset, MultinomialPointFit } from './types';

export interface MultinomialFitOneOptions extends OneLambdaFitOptions {
  readonly grouped: boolean;
  readonly solver: CdSolverConfig;
}

/** One multinomial fit at a single λ, as fitOne for the other families: the last fit of a warm-start path. */
export function fitMultinomialOne(data: MultinomialDataset, options: MultinomialFitOneOptions): MultinomialPointFit {
  const rows = options.rows ?? Int32Array.from({ length: data.x.rows }, (_, i) => i);
  const { penalty, lambda, standardize, grouped, solver } = options;
  const lambdas =
    penalty.kind === 'none'
      ? Float64Array.of(0)
      : warmStartLambdas(multinomialLambdaMax(data, rows, effectiveL1Ratio(penalty), standardize, grouped), lambda);
  return lastOfWarmPath(fitMultinomialPath(data, rows, { penalty, lambdas, standardize, grouped, solver }));
}

/**
 * A dataset as K classes: its own labels when it has them (`classes`, y the label indices), else the distinct
 * values of a numeric y, sorted, as labels ("0", "1", "2" …), y mapped to their indices.
 */
export function multinomialDatasetOf(data: Dataset & { readonly classes?: readonly string[] }): MultinomialDataset {
  if (data.classes) return { x: data.x, y: data.y, classes: data.classes, key: data.key };
  const values = [...new Set(data.y)].sort((a, b) => a - b);
  const index = new Map(values.map((value, k) => [value, k]));
  return {
    x: data.x,
    y: Float64Array.from(data.y, (value) => index.get(value) ?? NaN),
    classes: values.map(String),
  };
}
