/**
 * Pruners, shaped like Optuna's: a running trial reports intermediate values (a loss, minimised) at increasing
 * steps (gd and network epochs: fold 1's validation loss; for cross-validation, the running mean over the folds
 * finished so far; under ASHA and Hyperband, gd and network trials both: fold 1's epochs, then the running mean at
 * each later fold, foldLimit), and the pruner answers whether to stop it there. A pruner reads every trial's reports from one
 * `IntermediateValues` and keeps no state of its own, so its answer is a function of the reports alone.
 *
 * A trainer that runs elsewhere (a pool thread, a queue worker) cannot ask between epochs; it gets `epochRungs`
 * instead: the same answers as shouldPrune, precomputed from the other trials' reports as a limit per epoch
 * (engine solver/epoch-rungs.ts).
 */
import type { EpochRungs } from '@regsweep/engine';
import type { TrialOutcome } from '../search/sampler';

export type PrunerKind = 'none' | 'median' | 'asha' | 'hyperband';

export type TrialState = 'running' | 'complete' | 'pruned';

export interface Pruner {
  readonly kind: PrunerKind;
  /** Whether trial `trial` should stop after reporting its value at `step` (already recorded in `values`). */
  shouldPrune(values: IntermediateValues, trial: number, step: number): boolean;
  /**
   * shouldPrune as limits for trial `trial`, not in `values` (which holds the other trials' reports), over epochs
   * 1 … `epochs` of which only those `judged` may carry a limit; undefined when nothing can be pruned.
   */
  epochRungs(
    values: IntermediateValues,
    epochs: number,
    judged: (epoch: number) => boolean,
    trial: number,
  ): EpochRungs | undefined;
  /**
   * The limit on trial `trial`'s running CV mean after fold `fold` of a trial trained by epochs whose fold 1 passed
   * its rungs, from `folds` (the other trials' running means by fold count); absent or undefined = no limit.
   */
  foldLimit?(folds: IntermediateValues, fold: number): number | undefined;
  /** The trials an adaptive sampler asking trial `trial` fits on (Hyperband: its bracket's); absent or undefined = all. */
  sameBracket?(values: IntermediateValues, trial: number): ((other: number) => boolean) | undefined;
}

/**
 * The outcomes an adaptive sampler fits on when asking trial `trial`: under Hyperband only its bracket's (Optuna's
 * TPESampler under a HyperbandPruner sees a study filtered to the bracket), else all of `finished`.
 */
export function samplerOutcomes<T extends TrialOutcome>(
  finished: readonly T[],
  pruner: Pruner,
  values: IntermediateValues,
  trial: number,
): readonly T[] {
  const peers = pruner.sameBracket?.(values, trial);
  return peers ? finished.filter((t) => peers(t.number)) : finished;
}

/**
 * Whether a trial trained by epochs stops after fold `fold` (of K, fold < K) with running CV mean `mean` (minimised),
 * against the other trials' running means in `folds`: mean > pruner.foldLimit, or not finite. It is then stored
 * pruned at step fold · epochs (the epochs it trained), so the samplers rank it above every trial stopped in fold 1.
 */
export function stopsAfterFold(pruner: Pruner, folds: IntermediateValues, fold: number, mean: number): boolean {
  const limit = pruner.foldLimit?.(folds, fold);
  return limit !== undefined && !(mean <= limit);
}

/** Every trial's intermediate values by step, and its state. */
export class IntermediateValues {
  private readonly byTrial = new Map<number, { state: TrialState; values: Map<number, number> }>();

  report(trial: number, step: number, value: number): void {
    this.entry(trial).values.set(step, value);
  }

  finish(trial: number, state: Exclude<TrialState, 'running'>): void {
    this.entry(trial).state = state;
  }

  state(trial: number): TrialState | undefined {
    return this.byTrial.get(trial)?.state;
  }

  /** The trial's value at `step`, undefined when it did not report that step. */
  valueAt(trial: number, step: number): number | undefined {
    return this.byTrial.get(trial)?.values.get(step);
  }

  /** The trial's reports in step order. */
  reports(trial: number): { step: number; value: number }[] {
    const values = this.byTrial.get(trial)?.values ?? new Map<number, number>();
    return [...values].map(([step, value]) => ({ step, value })).sort((a, b) => a.step - b.step);
  }

  /** A copy holding only the trials `keep` accepts (a Hyperband bracket's). */
  only(keep: (trial: number) => boolean): IntermediateValues {
    const copy = new IntermediateValues();
    for (const [trial, entry] of this.byTrial) {
      if (keep(trial)) copy.byTrial.set(trial, { state: entry.state, values: new Map(entry.values) });
    }
    return copy;
  }

  /** A copy holding only the trials numbered ≤ `last` (those a trial asked with some in flight may see). */
  upTo(last: number): IntermediateValues {
    return this.only((trial) => trial <= last);
  }

  trials(state?: TrialState): number[] {
    return [...this.byTrial].filter(([, e]) => state === undefined || e.state === state).map(([trial]) => trial);
  }

  private entry(trial: number) {
    let entry = this.byTrial.get(trial);
    if (!entry) this.byTrial.set(trial, (entry = { state: 'running', values: new Map() }));
    return entry;
  }
}
