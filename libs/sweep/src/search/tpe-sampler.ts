/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna's TPESampler does it by default
 * (independent per parameter, n_startup_trials 10, n_ei_candidates 24, γ(n) = min(⌈0.1·n⌉, 25)), but for the
 * (penalty, l1Ratio) pair after the start-up, asked as one categorical over the curves (the curve axis below):
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
 *   fields    the space's swept network / solver fields (FieldDomain), each on its own: categorical over
 *             `{choices}` (matched by JSON text), numerical over a `{range}` (log scale: log x; integers rounded)
 *
 * Determinism: trial t draws from mulberry32 seeded by (seed, t), so the same seed and the same finished trials
 * give the same point whatever order the asks come in. With c trials in flight, asking trial t from the
 * outcomes of trials 0 … t − c only (`visibleOutcomes`) makes the whole search independent of timing: same seed
 * and concurrency ⇒ same trials.
 */
import { mulberry32, randomIndex, type Rng } from '@regsweep/engine';
import { categoricalMixture, mixtureLogDensity, numericalMixture, sampleMixture } from './parzen-estimator';
import { curveIndex, startupCurve } from './tpe-curve';
import type { AdaptiveSampler, FieldDomain, LambdaDomain, SearchPoint, SearchSpace, TrialOutcome } from './sampler';

export interface TpeSettings {
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  /** How many of n observations form the "below" (good) group. */
  readonly gamma: (n: number) => number;
}

export const OPTUNA_TPE_DEFAULTS: TpeSettings = {
  nStartupTrials: 10,
  nEiCandidates: 24,
  gamma: (n) => Math.min(Math.ceil(0.1 * n), 25),
};

/** An axis on its search scale: numerical values are already transformed (log λ), categorical ones are indices. */
export type TpeAxis =
  | { readonly kind: 'numerical'; readonly low: number; readonly high: number }
  | { readonly kind: 'categorical'; readonly count: number };

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
    readonly settings: TpeSettings = OPTUNA_TPE_DEFAULTS,
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
      lambda: suggestLambda(curve.lambdas, usable, suggest),
    };
    if (!space.fields?.length) return point;
    const fields: Record<string, unknown> = {};
    for (const field of space.fields) fields[field.name] = suggestField(field, usable, suggest);
    return { ...point, fields };
  }
}

/** A network / solver field's value: a choice by index, or a range's value on its scale. */
function suggestField(
  field: FieldDomain,
  usable: readonly TrialOutcome[],
  suggest: (axis: TpeAxis, observations: AxisObservation[]) => number,
): unknown {
  const valueOf = (t: TrialOutcome) => t.point.fields?.[field.name];
  if (field.kind === 'choices') {
    if (field.choices.length === 1) return field.choices[0];
    const texts = field.choices.map((choice) => JSON.stringify(choice));
    const index = suggest(
      { kind: 'categorical', count: texts.length },
      observe(usable, (t) => choiceIndex(texts, JSON.stringify(valueOf(t)))),
    );
    return field.choices[index];
  }
  const log = field.scale === 'log';
  const toAxis = (x: number) => (log ? Math.log(x) : x);
  const observed = (t: TrialOutcome) => {
    const x = valueOf(t);
    return typeof x === 'number' && x >= field.min && x <= field.max ? toAxis(x) : undefined;
  };
  const drawn = suggest(
    { kind: 'numerical', low: toAxis(field.min), high: toAxis(field.max) },
    observe(usable, observed),
  );
  const x = Math.min(Math.max(log ? Math.exp(drawn) : drawn, field.min), field.max);
  return field.integer ? Math.round(x) : x;
}

/** Only the outcomes a trial may see when `concurrency` trials run at once: those of trials 0 … t − concurrency. */
export function visibleOutcomes(
  finished: readonly TrialOutcome[],
  trialNumber: number,
  concurrency: number,
): TrialOutcome[] {
  return finished.filter((t) => t.number <= trialNumber - concurrency);
}

function suggestLambda(
  domain: LambdaDomain,
  usable: readonly TrialOutcome[],
  suggest: (axis: TpeAxis, observations: AxisObservation[]) => number,
): number {
  if (domain.kind === 'values') {
    const values = Array.from(domain.values);
    if (values.length === 1) return values[0];
    return values[
      suggest(
        { kind: 'categorical', count: values.length },
        observe(usable, (t) => choiceIndex(values, t.point.lambda)),
      )
    ];
  }
  const low = Math.log(domain.min);
  const high = Math.log(domain.max);
  const inside = (lambda: number) => lambda >= domain.min && lambda <= domain.max;
  const logLambda = suggest(
    { kind: 'numerical', low, high },
    observe(usable, (t) => (inside(t.point.lambda) ? Math.log(t.point.lambda) : undefined)),
  );
  return Math.min(Math.max(Math.exp(logLambda), domain.min), domain.max);
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

/** A choice's index as an observation: undefined when the trial did not choose among `choices`. */
function choiceIndex<T>(choices: readonly T[], chosen: T): number | undefined {
  const index = choices.indexOf(chosen);
  return index >= 0 ? index : undefined;
}

/** One TPE step on one axis (step 2 above); the axis's value. */
export function suggestTpe(
  axis: TpeAxis,
  observations: readonly AxisObservation[],
  rng: Rng,
  settings: TpeSettings,
): number {
  const ranked = [...observations].sort((a, b) => compareOutcomes(a.outcome, b.outcome));
  const belowCount = settings.gamma(ranked.length);
  const byTrial = (list: AxisObservation[]) =>
    list.sort((a, b) => a.outcome.number - b.outcome.number).map((o) => o.value);
  const below = byTrial(ranked.slice(0, belowCount));
  const above = byTrial(ranked.slice(belowCount));
  const mixture = (values: number[]) =>
    axis.kind === 'numerical' ? numericalMixture(values, axis.low, axis.high) : categoricalMixture(values, axis.count);
  const l = mixture(below);
  const g = mixture(above);
  let best = Number.NaN;
  let bestScore = -Infinity;
  for (let i = 0; i < settings.nEiCandidates; i++) {
    const candidate = sampleMixture(l, rng);
    const score = mixtureLogDensity(l, candidate) - mixtureLogDensity(g, candidate);
    if (score > bestScore || Number.isNaN(best)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
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
