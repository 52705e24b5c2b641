/**
 * Hyperband (Li et al. 2018) over asynchronous successive halving, as Optuna's HyperbandPruner: several ASHA
 * brackets that differ in where their first rung sits, so a trial that starts slowly but ends well survives in the
 * brackets that judge it late. With resources from minResource to maxResource and reduction factor η:
 *
 *   brackets    n = ⌊log_η(maxResource / minResource)⌋ + 1;  bracket b is ASHA with minEarlyStoppingRate b
 *               (its first rung at minResource · η^b)
 *   budget      bracket b gets B_b = ⌈n · η^s / (s + 1)⌉ of every Σ B trials, s = n − 1 − b (the early-judging
 *               brackets get the most trials: they cost the least each)
 *   bracket of  trial t: h = crc32("<seed>_<t>") mod Σ B, the first b with h < B_0 + … + B_b (Optuna hashes the
 *               study name and the trial number; the search seed stands in for the study name)
 *
 * A trial is judged by its bracket's ASHA against the trials of the same bracket only (its fold boundaries past the
 * epochs against every trial: foldLimit). maxResource left out is
 * Optuna's "auto": the last step reported by the first (lowest-numbered) complete trial; until one trial has
 * completed nothing is pruned. Stateless like the other pruners: every answer is a function of the reports.
 */
import type { EpochRungs } from '@regsweep/engine';
import { AshaPruner, finiteValuesAt, halvingLimit } from './asha-pruner';
import { crc32 } from './crc32';
import type { IntermediateValues, Pruner } from './pruner';

export interface HyperbandSettings {
  /** Steps before the first rung of the most aggressive bracket (Optuna: min_resource 1). */
  readonly minResource: number;
  /** The steps a complete trial runs; undefined = taken from the first complete trial (Optuna: "auto"). */
  readonly maxResource?: number;
  /** η of every bracket (Optuna: reduction_factor 3). */
  readonly reductionFactor: number;
}

export const HYPERBAND_DEFAULTS: HyperbandSettings = { minResource: 1, reductionFactor: 3 };

export class HyperbandPruner implements Pruner {
  readonly kind = 'hyperband' as const;

  constructor(
    readonly settings: HyperbandSettings = HYPERBAND_DEFAULTS,
    readonly seed = 0,
  ) {}

  /** Each bracket's trial budget B_b, b = 0 … n − 1, for a given maxResource. */
  budgets(maxResource: number): number[] {
    const { minResource, reductionFactor: eta } = this.settings;
    // n = ⌊log_η(max / min)⌋ + 1, counted in integers (no rounding of the logarithm); one bracket at least.
    let n = 1;
    while (minResource * eta ** n <= maxResource) n++;
    return Array.from({ length: n }, (_, b) => {
      const s = n - 1 - b;
      return Math.ceil((n * eta ** s) / (s + 1));
    });
  }

  /** The bracket of trial `trial` when the brackets' budgets are `budgets`. */
  bracketOf(trial: number, budgets: readonly number[]): number {
    let h = crc32(`${this.seed}_${trial}`) % budgets.reduce((a, b) => a + b, 0);
    for (let b = 0; b < budgets.length; b++) {
      h -= budgets[b];
      if (h < 0) return b;
    }
    return budgets.length - 1;
  }

  shouldPrune(values: IntermediateValues, trial: number, step: number): boolean {
    const bracket = this.bracket(values, trial);
    return bracket ? bracket.asha.shouldPrune(bracket.values, trial, step) : false;
  }

  epochRungs(
    values: IntermediateValues,
    epochs: number,
    judged: (epoch: number) => boolean,
    trial: number,
  ): EpochRungs | undefined {
    const bracket = this.bracket(values, trial);
    return bracket?.asha.epochRungs(bracket.values, epochs, judged);
  }

  /**
   * A fold boundary past the epochs is judged as ASHA judges it (the same η), against every trial that got there, not
   * the bracket's: brackets exist to judge slow starters late, and past fold 1's epochs every trial there has trained
   * its full length.
   */
  foldLimit(folds: IntermediateValues, fold: number): number | undefined {
    return halvingLimit(finiteValuesAt(folds, folds.trials(), fold), this.settings.reductionFactor);
  }

  /**
   * Which trials share trial `trial`'s bracket, for the sampler (Optuna's TPESampler under a HyperbandPruner fits its
   * estimators on the asking trial's bracket only); undefined before maxResource is known, when Optuna puts every
   * trial in bracket 0, i.e. the sampler sees them all.
   */
  sameBracket(values: IntermediateValues, trial: number): ((other: number) => boolean) | undefined {
    const placed = this.place(values, trial);
    return placed && ((other) => this.bracketOf(other, placed.budgets) === placed.id);
  }

  /** Trial `trial`'s bracket: its ASHA and the reports of the trials in it; undefined before maxResource is known. */
  private bracket(values: IntermediateValues, trial: number) {
    const placed = this.place(values, trial);
    if (!placed) return undefined;
    const { minResource, reductionFactor } = this.settings;
    return {
      asha: new AshaPruner({ minResource, reductionFactor, minEarlyStoppingRate: placed.id }),
      values: values.only((u) => u === trial || this.bracketOf(u, placed.budgets) === placed.id),
    };
  }

  /** The brackets' budgets and trial `trial`'s bracket id; undefined before maxResource is known. */
  private place(values: IntermediateValues, trial: number) {
    const maxResource = this.settings.maxResource ?? firstCompleteLastStep(values);
    if (maxResource === undefined) return undefined;
    const budgets = this.budgets(maxResource);
    return { budgets, id: this.bracketOf(trial, budgets) };
  }
}

function firstCompleteLastStep(values: IntermediateValues): number | undefined {
  const complete = values.trials('complete');
  if (complete.length === 0) return undefined;
  return values.reports(Math.min(...complete)).at(-1)?.step;
}
