/**
 * Search strategies, shaped like Optuna's samplers: a sampler turns a search space into the points to
 * evaluate. The planner then groups the points by (penalty, l1Ratio) into warm-started λ paths.
 * An adaptive sampler (TPE) is instead asked for one trial at a time, given the trials finished so far
 * (Optuna's ask-and-tell).
 *
 * A space lists one entry per (penalty, l1Ratio) with where its λ may come from: a finite set of values
 * (the curve's grid, or `lambdas.values`) or a log-uniform range (`lambdas.range`).
 */
import type { PenaltyKind } from '@regsweep/engine';

export type SearchStrategy = 'grid' | 'random' | 'tpe';

export type LambdaDomain =
  | { readonly kind: 'values'; readonly values: ArrayLike<number> }
  | { readonly kind: 'logUniform'; readonly min: number; readonly max: number };

export interface SpaceCurve {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambdas: LambdaDomain;
}

/**
 * A swept network / solver field (SPEC §7, `model: mlp`) as an adaptive sampler's axis: its `{choices}` (any JSON
 * values, compared by their JSON text), or its `{range}` (log or linear; `integer` rounds, as batchSize).
 */
export type FieldDomain =
  | { readonly name: string; readonly kind: 'choices'; readonly choices: readonly unknown[] }
  | {
      readonly name: string;
      readonly kind: 'range';
      readonly min: number;
      readonly max: number;
      readonly scale: 'log' | 'linear';
      readonly integer?: boolean;
    };

export interface SearchSpace {
  readonly curves: readonly SpaceCurve[];
  /** Swept fields beside (penalty, l1Ratio, λ): asked by adaptive samplers (TPE), drawn per point by the planner otherwise. */
  readonly fields?: readonly FieldDomain[];
}

export interface SearchPoint {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambda: number;
  /** The point's value of each of the space's `fields`, by name (adaptive samplers only). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export interface Sampler {
  readonly name: SearchStrategy;
  sample(space: SearchSpace): SearchPoint[];
}

/**
 * A finished trial as an adaptive sampler sees it. `value` is minimised (a loss; callers negate scores): the
 * validation mean of a complete trial, or for a pruned one the intermediate value that pruned it at `step`.
 */
export interface TrialOutcome {
  readonly number: number;
  readonly point: SearchPoint;
  readonly state: 'complete' | 'pruned';
  readonly value: number;
  readonly step?: number;
}

export interface AdaptiveSampler {
  readonly name: SearchStrategy;
  /** How many trials the search runs. */
  readonly trials: number;
  /** The point of trial `trialNumber` (0-based), from the outcomes of finished trials. */
  ask(space: SearchSpace, trialNumber: number, finished: readonly TrialOutcome[]): SearchPoint;
}
