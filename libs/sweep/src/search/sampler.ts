/**
 * Search strategies, shaped like Optuna's samplers: a sampler turns a search space into the points to
 * evaluate. The planner then groups the points by (penalty, l1Ratio) into warm-started λ paths.
 *
 * A space lists one entry per (penalty, l1Ratio) with where its λ may come from: a finite set of values
 * (the curve's grid, or `lambdas.values`) or a log-uniform range (`lambdas.range`).
 */
import type { PenaltyKind } from '@regsweep/engine';

export type SearchStrategy = 'grid' | 'random';

export type LambdaDomain =
  | { readonly kind: 'values'; readonly values: ArrayLike<number> }
  | { readonly kind: 'logUniform'; readonly min: number; readonly max: number };

export interface SpaceCurve {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambdas: LambdaDomain;
}

export interface SearchSpace {
  readonly curves: readonly SpaceCurve[];
}

export interface SearchPoint {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambda: number;
}

export interface Sampler {
  readonly name: SearchStrategy;
  sample(space: SearchSpace): SearchPoint[];
}
