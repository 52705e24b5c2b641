import { logspace } from '../path/lambda-grid';
import { effectiveL1Ratio } from '../path/penalty';
import type { CdSolverConfig, Dataset, Penalty } from '../types';
import { multinomialLambdaMax } from './multinomial-lambda';
import { fitMultinomialPath } from './multinomial-path';
import type { MultinomialDataset, MultinomialPointFit } from './types';

export interface MultinomialFitOneOptions {
  readonly penalty: Penalty;
  readonly lambda: number;
  readonly standardize: boolean;
  readonly grouped: boolean;
  readonly solver: CdSolverConfig;
  /** Rows to train on; all rows by default. */
  readonly rows?: Int32Array;
}

/** Warm-start path density for a single fit: about glmnet's default grid spacing (100 values over 4 decades). */
const WARM_POINTS_PER_DECADE = 25;

/**
 * One multinomial fit at a single λ, as fitOne does for the other families: a short warm-start path from λ_max
 * down to λ first (faster and more robust than a cold start at small λ), the exact solution at λ returned, and
 * `iterations` counting the passes of the whole path.
 */
export function fitMultinomialOne(data: MultinomialDataset, options: MultinomialFitOneOptions): MultinomialPointFit {
  const rows = options.rows ?? Int32Array.from({ length: data.x.rows }, (_, i) => i);
  const { penalty, lambda, standardize, grouped, solver } = options;
  let lambdas: Float64Array = Float64Array.of(penalty.kind === 'none' ? 0 : lambda);
  if (penalty.kind !== 'none') {
    const largest = multinomialLambdaMax(data, rows, effectiveL1Ratio(penalty), standardize, grouped);
    if (lambda > 0 && lambda < largest) {
      const count = Math.max(2, Math.ceil(WARM_POINTS_PER_DECADE * Math.log10(largest / lambda)) + 1);
      lambdas = logspace(largest, lambda, count);
      lambdas[count - 1] = lambda;
    }
  }
  const fits = fitMultinomialPath(data, rows, { penalty, lambdas, standardize, grouped, solver });
  const last = fits[fits.length - 1];
  return { ...last, iterations: fits.reduce((sum, fit) => sum + fit.iterations, 0) };
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
