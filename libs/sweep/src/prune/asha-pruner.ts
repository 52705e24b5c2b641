/**
 * Asynchronous successive halving (ASHA; Li et al. 2020), as Optuna's SuccessiveHalvingPruner. Rung r sits at
 * step  minResource · η^(minEarlyStoppingRate + r). When a trial reaches a rung's step, its value there is compared
 * with the values every trial reached at that rung (itself included, n of them): it is promoted to the next rung
 * when it is among the best ⌊n/η⌋ (the best one while n < η, since trials are never paused and resumed), and
 * pruned otherwise.
 *
 *   promote ⇔ v_t(rung) ≤ the k-th smallest of { v_u(rung) }, k = max(1, ⌊n/η⌋)
 *
 * Asynchronous: a trial is judged against the trials that have reached the rung so far, never waiting for the rest.
 *
 * Past the epochs (a gd or mlp trial whose fold 1 passed its rungs), each fold boundary k < K is a further rung:
 * the running CV mean over folds 1..k against the other trials' running means at fold k (foldLimit).
 *
 * As a limit (epochRungs), with m other trials' values C at the rung: the rule above holds exactly when
 * v ≤ C_(k), k = max(1, ⌊(m + 1)/η⌋) (C_(k) the k-th smallest), and always when m < k (no limit).
 */
import type { EpochRungs } from '@regsweep/engine';
import type { IntermediateValues, Pruner } from './pruner';

export interface AshaSettings {
  /** Steps before the first rung (Optuna: min_resource). */
  readonly minResource: number;
  /** η: the rung steps grow by this factor and 1/η of the trials go on (Optuna: reduction_factor 4). */
  readonly reductionFactor: number;
  /** s: the first rung is at minResource · η^s (Optuna: min_early_stopping_rate 0). */
  readonly minEarlyStoppingRate: number;
}

export const ASHA_DEFAULTS: AshaSettings = { minResource: 1, reductionFactor: 4, minEarlyStoppingRate: 0 };

export class AshaPruner implements Pruner {
  readonly kind = 'asha' as const;

  constructor(readonly settings: AshaSettings = ASHA_DEFAULTS) {}

  /** The step of rung r. */
  rungStep(rung: number): number {
    const { minResource, reductionFactor, minEarlyStoppingRate } = this.settings;
    return minResource * reductionFactor ** (minEarlyStoppingRate + rung);
  }

  shouldPrune(values: IntermediateValues, trial: number, step: number): boolean {
    const current = values.valueAt(trial, step);
    if (current === undefined) return false;
    if (!Number.isFinite(current)) return true;
    // Only the step that is exactly a rung is judged; between rungs a trial runs on.
    for (let rung = 0; this.rungStep(rung) <= step; rung++) {
      if (this.rungStep(rung) !== step) continue;
      const competing = finiteValuesAt(values, values.trials(), step);
      const kept = Math.max(1, Math.floor(competing.length / this.settings.reductionFactor));
      return current > competing[kept - 1];
    }
    return false;
  }

  epochRungs(values: IntermediateValues, epochs: number, judged: (epoch: number) => boolean): EpochRungs | undefined {
    const rungs = { judge: 'value' as const, epochs: [] as number[], limits: [] as number[] };
    for (let rung = 0; this.rungStep(rung) <= epochs; rung++) {
      const step = this.rungStep(rung);
      if (!judged(step)) continue;
      const limit = halvingLimit(finiteValuesAt(values, values.trials(), step), this.settings.reductionFactor);
      if (limit === undefined) continue;
      rungs.epochs.push(step);
      rungs.limits.push(limit);
    }
    return rungs.epochs.length > 0 ? rungs : undefined;
  }

  /** Every fold boundary past the epochs is a rung of the same rule, against every trial that got there. */
  foldLimit(folds: IntermediateValues, fold: number): number | undefined {
    return halvingLimit(finiteValuesAt(folds, folds.trials(), fold), this.settings.reductionFactor);
  }
}

/**
 * Successive halving's limit for a trial judged against `others` (the other trials' values at the same step,
 * ascending): C_(k), k = max(1, ⌊(m + 1)/η⌋) of the m others; undefined (no limit) while m < k.
 */
export function halvingLimit(others: readonly number[], reductionFactor: number): number | undefined {
  const k = Math.max(1, Math.floor((others.length + 1) / reductionFactor));
  return others.length < k ? undefined : others[k - 1];
}

/** The finite values `trials` reported at `step`, ascending. */
export function finiteValuesAt(values: IntermediateValues, trials: readonly number[], step: number): number[] {
  return trials
    .map((u) => values.valueAt(u, step))
    .filter((v): v is number => v !== undefined && Number.isFinite(v))
    .sort((a, b) => a - b);
}
