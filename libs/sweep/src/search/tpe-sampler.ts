/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna's TPESampler does it by default
 * (independent per parameter, n_startup_trials 10, n_ei_candidates 24, γ(n) = min(⌈0.1·n⌉, 25)), but for the
 * (penalty, l1Ratio) pair after the start-up, asked as one categorical over the curves (the curve axis below), the
 * network fields asked jointly, 5 start-up trials instead of 10 and Scott's kernel widths (the departures below):
 *
 *   1. While fewer than nStartupTrials trials have finished, every axis is drawn uniformly (λ log-uniformly).
 *   2. Afterwards, per axis, the finished trials that have that axis are ranked (complete ones by value; pruned ones
 *      after them, deeper step first, then value); the best γ(n) form "below", the rest "above". A Parzen
 *      estimator l(x) is fitted on below and g(x) on above (parzen-estimator.ts), nEiCandidates points are drawn
 *      from l, and the one maximising log l(x) − log g(x) (the expected-improvement ratio) is chosen.
 *
 * Axes, asked in order:
 *   curve     the (penalty, l1Ratio) pair: in the start-up a penalty kind, then its l1Ratio (Optuna's tree); after it
 *             one categorical over the space's curves (tpe-curve.ts)
 *   lambda    log-scale over a logUniform domain, categorical over listed values; none (λ = 0) has no λ axis
 *   fields    the space's swept network / solver fields (FieldDomain): categorical over `{choices}` (matched by
 *             JSON text), numerical over a `{range}` (log scale: log x; integers rounded); after the start-up asked
 *             together (below), each on its own with `multivariate: false` and in the start-up
 *
 * Three departures from Optuna's defaults, each chosen on the search-efficiency bench's three tasks over 100 and more
 * seeds and checked on seeds run after the choice (figures and commands: docs/benchmarks.md, "Multivariate TPE",
 * "TPE with 5 start-up trials" and "Scott's kernel widths for λ"):
 *   multivariate fields (`multivariate`, unset: on): the fields come from one joint estimator over the best γ(n)
 *     trials and the rest (Optuna's TPESampler(multivariate=True) on a group of the fields; tpe-joint.ts,
 *     joint-parzen-estimator.ts), so a good trial's hidden sizes, activation and learning rate stay together; the
 *     curve and λ stay on their own (in the group they did worse on breast cancer). Fewer trials on the MLP task.
 *   5 start-up trials (TPE_DEFAULTS; Optuna's 10): with the joint fields the model pays off after 5 trials (MLP
 *     task and diabetes at 0.01%: fewer trials on every set of 20 seeds; breast cancer unchanged within noise).
 *     Under a pruner (`tpeSettings(true)`) the search keeps Optuna's 10, the setting the pruning targets hold with
 *     (with 5, Hyperband lost the best trial in one seed). The independent fields (`multivariate: false`) did worse
 *     with 5: run them with `{ ...OPTUNA_TPE_DEFAULTS, multivariate: false }`.
 *   Scott's kernel widths (`kernelWidth`, TPE_DEFAULTS: SCOTT_KERNEL_WIDTH; unset: Optuna's): a numerical axis
 *     asked on its own (λ; the fields with `multivariate: false`) gets one kernel width by Scott's rule, and the
 *     magic clip's floor falls as (1 + m)^−1.5 of the range instead of Optuna's (1 + m)^−1 (parzen-estimator.ts).
 *     Optuna's floor keeps every kernel wider than a quarter of the range while two trials are "below", so its λ
 *     proposals stay spread over decades around a good λ; breast cancer's λ within 1% of the best spans about 0.2
 *     of its 4 decades. Fewer trials on breast cancer at 1% and 0.1%; the MLP task and diabetes at 1% unchanged,
 *     diabetes at 0.01% one trial more. Under a pruner Optuna's widths, with its 10 start-up trials.
 *
 * Determinism: trial t draws from mulberry32 seeded by (seed, t), so the same seed and the same finished trials
 * give the same point whatever order the asks come in. With c trials in flight, asking trial t from the
 * outcomes of trials 0 … t − c only (`visibleOutcomes`) makes the whole search independent of timing: same seed
 * and concurrency ⇒ same trials.
 */
import { mulberry32, randomIndex, type Rng } from '@regsweep/engine';
import {
  bestCandidate,
  categoricalMixture,
  mixtureLogDensity,
  numericalMixture,
  sampleMixture,
  type KernelWidth,
} from './parzen-estimator';
import { curveIndex, startupCurve } from './tpe-curve';
import { jointFields } from './tpe-joint';
import { fieldAxis, lambdaAxis, singleLambda, singleValue, type SpaceAxis, type TpeAxis } from './tpe-axes';
import type { AdaptiveSampler, SearchPoint, SearchSpace, TrialOutcome } from './sampler';

export type { TpeAxis };

export interface TpeSettings {
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  /** How many of n observations form the "below" (good) group. */
  readonly gamma: (n: number) => number;
  /**
   * After the start-up, the network / solver fields from one joint estimator (tpe-joint.ts) instead of each on its
   * own; unset: joint (see the header). No effect on a space without fields.
   */
  readonly multivariate?: boolean;
  /** The numerical axes' kernel widths (parzen-estimator.ts); unset: Optuna's neighbour rule and magic clip. */
  readonly kernelWidth?: KernelWidth;
}

export const OPTUNA_TPE_DEFAULTS: TpeSettings = {
  nStartupTrials: 10,
  nEiCandidates: 24,
  gamma: (n) => Math.min(Math.ceil(0.1 * n), 25),
};

/** Scott's rule with the magic clip's floor (high − low) · max(0.01, (1 + m)^−1.5) (see the header). */
export const SCOTT_KERNEL_WIDTH: KernelWidth = { rule: 'scott', clipExponent: 1.5, minFactor: 0.01 };

/**
 * Optuna's defaults but 5 start-up trials and Scott's kernel widths (see the header): what `search.strategy: tpe`
 * runs without a pruner.
 */
export const TPE_DEFAULTS: TpeSettings = { ...OPTUNA_TPE_DEFAULTS, nStartupTrials: 5, kernelWidth: SCOTT_KERNEL_WIDTH };

/** The settings of a `search.strategy: tpe` search: Optuna's 10 start-up trials under a pruner (see the header). */
export function tpeSettings(pruned: boolean): TpeSettings {
  return pruned ? OPTUNA_TPE_DEFAULTS : TPE_DEFAULTS;
}

/** One finished trial's value on an axis, with the outcome that ranks it. */
export interface AxisObservation {
  readonly value: number;
  readonly outcome: TrialOutcome;
}

export class TpeSampler implements AdaptiveSampler {
  readonly name = 'tpe' as const;

  constructor(
    readonly trials: number,
    readonly seed: number,
    readonly settings: TpeSettings = TPE_DEFAULTS,
  ) {}

  ask(space: SearchSpace, trialNumber: number, finished: readonly TrialOutcome[]): SearchPoint {
    if (space.curves.length === 0) throw new Error('tpe needs a search space with at least one curve');
    const rng = mulberry32(trialSeed(this.seed, trialNumber));
    const usable = finished.filter((t) => Number.isFinite(t.value));
    const startup = usable.length < this.settings.nStartupTrials;
    const suggest = (axis: TpeAxis, observations: AxisObservation[]) =>
      startup ? uniform(axis, rng) : suggestTpe(axis, observations, rng, this.settings);

    const curves = space.curves;
    const curve = startup
      ? startupCurve(curves, rng)
      : curves[
          curves.length === 1
            ? 0
            : suggest(
                { kind: 'categorical', count: curves.length },
                observe(usable, (t) => curveIndex(curves, t.point)),
              )
        ];
    const point = {
      penalty: curve.penalty,
      l1Ratio: curve.l1Ratio,
      lambda: suggestOn(lambdaAxis(curve.lambdas), () => singleLambda(curve.lambdas), usable, suggest),
    };
    if (!space.fields?.length) return point;
    if (!startup && (this.settings.multivariate ?? true)) {
      const [below, above] = splitRanked(usable, (t) => t, this.settings.gamma);
      return { ...point, fields: jointFields(space.fields, below, above, rng, this.settings.nEiCandidates) };
    }
    const fields: Record<string, unknown> = {};
    for (const field of space.fields)
      fields[field.name] = suggestOn(fieldAxis(field), () => singleValue(field), usable, suggest);
    return { ...point, fields };
  }
}

/** A point's value on an axis: the draw on it decoded, or the only value when it is no axis (a single value). */
function suggestOn<T>(
  axis: SpaceAxis<T> | undefined,
  only: () => T,
  usable: readonly TrialOutcome[],
  suggest: (axis: TpeAxis, observations: AxisObservation[]) => number,
): T {
  return axis ? axis.decode(suggest(axis.axis, observe(usable, axis.valueOf))) : only();
}

/** Only the outcomes a trial may see when `concurrency` trials run at once: those of trials 0 … t − concurrency. */
export function visibleOutcomes(
  finished: readonly TrialOutcome[],
  trialNumber: number,
  concurrency: number,
): TrialOutcome[] {
  return finished.filter((t) => t.number <= trialNumber - concurrency);
}

/** The observations of an axis: `valueOf` gives a trial's value on it, undefined when the trial has no such axis. */
function observe(
  outcomes: readonly TrialOutcome[],
  valueOf: (t: TrialOutcome) => number | undefined,
): AxisObservation[] {
  const observations: AxisObservation[] = [];
  for (const outcome of outcomes) {
    const value = valueOf(outcome);
    if (value !== undefined) observations.push({ value, outcome });
  }
  return observations;
}

/** One TPE step on one axis (step 2 above); the axis's value. */
export function suggestTpe(
  axis: TpeAxis,
  observations: readonly AxisObservation[],
  rng: Rng,
  settings: TpeSettings,
): number {
  const [below, above] = splitRanked(observations, (o) => o.outcome, settings.gamma).map((list) =>
    list.map((o) => o.value),
  );
  const mixture = (values: number[]) =>
    axis.kind === 'numerical'
      ? numericalMixture(values, axis.low, axis.high, settings.kernelWidth)
      : categoricalMixture(values, axis.count);
  const l = mixture(below);
  const g = mixture(above);
  return bestCandidate(
    settings.nEiCandidates,
    () => sampleMixture(l, rng),
    (x) => mixtureLogDensity(l, x) - mixtureLogDensity(g, x),
  );
}

/** The best γ(n) of n items ("below") and the rest ("above"), each in trial order. */
export function splitRanked<T>(
  items: readonly T[],
  outcomeOf: (item: T) => TrialOutcome,
  gamma: (n: number) => number,
): [T[], T[]] {
  const ranked = [...items].sort((a, b) => compareOutcomes(outcomeOf(a), outcomeOf(b)));
  const belowCount = gamma(ranked.length);
  const byTrial = (list: T[]) => list.sort((a, b) => outcomeOf(a).number - outcomeOf(b).number);
  return [byTrial(ranked.slice(0, belowCount)), byTrial(ranked.slice(belowCount))];
}

/** Optuna's ranking: complete trials by value, then pruned ones (a deeper step first, then value). */
function compareOutcomes(a: TrialOutcome, b: TrialOutcome): number {
  if (a.state !== b.state) return a.state === 'complete' ? -1 : 1;
  if (a.state === 'pruned' && (a.step ?? 0) !== (b.step ?? 0)) return (b.step ?? 0) - (a.step ?? 0);
  return a.value - b.value || a.number - b.number;
}

function uniform(axis: TpeAxis, rng: Rng): number {
  return axis.kind === 'categorical' ? randomIndex(rng, axis.count) : axis.low + rng() * (axis.high - axis.low);
}

/** A per-trial seed: the sweep's seed and the trial number mixed by a 32-bit multiplicative hash. */
function trialSeed(seed: number, trialNumber: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(trialNumber + 1, 0x85ebca6b)) >>> 0;
}
