/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier), as Optuna's MedianPruner: once `startupTrials`
 * trials have completed and past `warmupSteps`, a trial is pruned at step s when the best value it reported up to s
 * is worse than the median of the completed trials' values at s:
 *
 *   prune  ⇔  min_{s' ≤ s} v_t(s')  >  median{ v_u(s) : u complete, u reported s }     (needs ≥ minTrials of them)
 *
 * A non-finite report (a diverged fit) is pruned at once. As a limit (epochRungs): the median at each step, judged
 * on the trial's best value so far.
 */
import type { EpochRungs } from '@regsweep/engine';
import type { IntermediateValues, Pruner } from './pruner';

export interface MedianPrunerSettings {
  /** Completed trials needed before anything is pruned (Optuna: n_startup_trials 5). */
  readonly startupTrials: number;
  /** Steps up to and including this one are never pruned (Optuna: n_warmup_steps 0). */
  readonly warmupSteps: number;
  /** Completed trials that must have reported the step (Optuna: n_min_trials 1). */
  readonly minTrials: number;
}

export const MEDIAN_PRUNER_DEFAULTS: MedianPrunerSettings = { startupTrials: 5, warmupSteps: 0, minTrials: 1 };

export class MedianPruner implements Pruner {
  readonly kind = 'median' as const;

  constructor(readonly settings: MedianPrunerSettings = MEDIAN_PRUNER_DEFAULTS) {}

  shouldPrune(values: IntermediateValues, trial: number, step: number): boolean {
    const current = values.valueAt(trial, step);
    if (current === undefined) return false;
    if (!Number.isFinite(current)) return true;
    const limit = this.limitAt(values, step);
    if (limit === undefined) return false;
    const best = Math.min(
      ...values
        .reports(trial)
        .filter((r) => r.step <= step)
        .map((r) => r.value),
    );
    return best > limit;
  }

  epochRungs(values: IntermediateValues, epochs: number, judged: (epoch: number) => boolean): EpochRungs | undefined {
    const rungs = { judge: 'best' as const, epochs: [] as number[], limits: [] as number[] };
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const limit = judged(epoch) ? this.limitAt(values, epoch) : undefined;
      if (limit === undefined) continue;
      rungs.epochs.push(epoch);
      rungs.limits.push(limit);
    }
    return rungs.epochs.length > 0 ? rungs : undefined;
  }

  /** The median of the completed trials' values at `step`; undefined while the rule does not apply there. */
  private limitAt(values: IntermediateValues, step: number): number | undefined {
    const complete = values.trials('complete');
    if (complete.length < this.settings.startupTrials || step <= this.settings.warmupSteps) return undefined;
    const atStep = complete
      .map((u) => values.valueAt(u, step))
      .filter((v): v is number => v !== undefined && !Number.isNaN(v));
    if (atStep.length < this.settings.minTrials || atStep.length === 0) return undefined;
    return median(atStep);
  }
}

/** The median with linear interpolation between the two middle values (numpy's percentile 50). */
function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return 0.5 * (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]);
}
