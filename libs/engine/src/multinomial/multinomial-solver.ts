import { PROBABILITY_MIN } from '../family/binomial';
import type { CdOutcome } from '../solver/cd-solver';
import type { MultinomialState } from './multinomial-state';

/** A multinomial solver holding its state between λ values (warm starts). */
export interface MultinomialCdSolver {
  readonly state: MultinomialState;
  /** The strong rule's and the KKT check's score of feature j: max_k |g_jk| (ungrouped) or ‖g_j·‖₂ (grouped). */
  featureScore(j: number): number;
  /** As CdSolver.solve: minimise at λ over the eligible features, then KKT-check the others and resume. */
  solve(lambda: number, eligible: Uint8Array, maxPasses: number): CdOutcome;
}

/**
 * The KKT check once a quadratic's passes have converged: a feature outside the eligible set whose score exceeds
 * the L1 threshold λ·r violates the optimality conditions and becomes eligible (the solve then resumes). Answers
 * whether any did.
 */
export function admitKktViolators(
  solver: Pick<MultinomialCdSolver, 'featureScore'>,
  eligible: Uint8Array,
  isConstant: ArrayLike<unknown>,
  p: number,
  l1Penalty: number,
): boolean {
  let violated = false;
  for (let j = 0; j < p; j++) {
    if (eligible[j] || isConstant[j]) continue;
    if (solver.featureScore(j) > l1Penalty) {
      eligible[j] = 1;
      violated = true;
    }
  }
  return violated;
}

/** glmnet's lognetn guards: a probability within pmin·(1 + pmin) of 0 or 1 counts as exactly 0 or 1 (weight 0). */
export const PROBABILITY_FLOOR = (1 + PROBABILITY_MIN) * PROBABILITY_MIN;
export const PROBABILITY_CEILING = (1 - PROBABILITY_MIN) * (1 - PROBABILITY_MIN);
export const WEIGHT_SUM_MIN = PROBABILITY_FLOOR * (1 - PROBABILITY_MIN);

export const SATURATED =
  'every fitted probability is 0 or 1: the classes are separable and, without a penalty, the fit does not exist';
