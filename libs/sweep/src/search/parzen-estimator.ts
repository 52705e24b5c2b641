/**
 * The Parzen estimators of TPE (Bergstra et al. 2011), with Optuna 3's default settings (consider_prior,
 * prior_weight 1, consider_magic_clip, no consider_endpoints). One estimator is a weighted mixture of kernels,
 * one kernel per observation plus one prior kernel:
 *
 *   numerical (on the transformed scale, e.g. log λ, over [low, high])
 *     kernel k = normal(μ_k, σ_k) truncated to [low, high]; the prior is μ = (low + high)/2, σ = high − low.
 *     σ_k = the larger distance from μ_k to its sorted neighbours (low and high count as neighbours), except the
 *     first and last μ, which take their inner distance; then clipped to [(high − low)/min(100, 1 + m), high − low]
 *     with m the number of kernels ("magic clip").
 *   categorical (choices 0..c−1)
 *     kernel k = a distribution over the choices: prior_weight/m on every choice, +1 on the observed one,
 *     normalised; the prior kernel is uniform.
 *
 * Mixture weights: Optuna's default_weights over the observations in trial order (1 for the newest 25, a linear
 * ramp 1/n … 1 for older ones), 1 for the prior, normalised to sum to 1.
 *
 * The numerical kernels' widths can also follow Scott's rule with a lower magic clip (KernelWidth below), two of the
 * components Watanabe's TPE study ablates (arXiv 2304.11127, Table 6: the bandwidth heuristic and the clip's
 * exponent α); `search.strategy: tpe` uses them (tpe-sampler.ts), the rule above stays Optuna's.
 */
import type { Rng } from '@regsweep/engine';

export interface NumericalMixture {
  readonly kind: 'numerical';
  readonly low: number;
  readonly high: number;
  readonly mus: readonly number[];
  readonly sigmas: readonly number[];
  readonly weights: readonly number[];
  /** log(w_k / (σ_k·√(2π)·Z_k)), Z_k the kernel's mass inside [low, high]: each kernel's constant part of log density. */
  readonly logScales: readonly number[];
}

export interface CategoricalMixture {
  readonly kind: 'categorical';
  /** kernels[k][c]: probability of choice c under kernel k. */
  readonly kernels: readonly (readonly number[])[];
  readonly weights: readonly number[];
}

export type ParzenMixture = NumericalMixture | CategoricalMixture;

export const PRIOR_WEIGHT = 1;

/**
 * How the kernels of a numerical axis get their widths σ_k, over the m kernel centres (the observations and the
 * prior's μ):
 *   neighbours  Optuna's rule: the larger distance to the sorted neighbours (see the header)
 *   scott       one σ for every observation, Scott's rule 1.059 · min(IQR / 1.34, sd) · m^(−1/5)
 * then clipped to [(high − low) · max(minFactor, (1 + m)^(−clipExponent)), high − low]; the prior keeps high − low.
 * Optuna's magic clip is clipExponent 1, minFactor 0.01 ((high − low)/min(100, 1 + m)): with few good trials it
 * keeps every kernel wider than a 1/(1 + m) share of the range.
 */
export interface KernelWidth {
  readonly rule: 'neighbours' | 'scott';
  readonly clipExponent: number;
  readonly minFactor: number;
}

export const OPTUNA_KERNEL_WIDTH: KernelWidth = { rule: 'neighbours', clipExponent: 1, minFactor: 0.01 };

/** Optuna's default_weights(n): ones for n < 25, else linspace(1/n, 1, n − 25) followed by 25 ones. */
export function observationWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const rampLength = n - 25;
  const ramp = Array.from({ length: rampLength }, (_, i) =>
    rampLength === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (rampLength - 1),
  );
  return [...ramp, ...new Array<number>(25).fill(1)];
}

/** The mixture weights: the observations' weights (in trial order), then the prior's, normalised. */
export function mixtureWeights(observationCount: number): number[] {
  const weights = [...observationWeights(observationCount), PRIOR_WEIGHT];
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/** `observations` on the transformed scale, in trial order, each inside [low, high]. */
export function numericalMixture(
  observations: readonly number[],
  low: number,
  high: number,
  width: KernelWidth = OPTUNA_KERNEL_WIDTH,
): NumericalMixture {
  const range = high - low;
  const mus = [...observations, 0.5 * (low + high)];
  const floor = range * Math.max(width.minFactor, (1 + mus.length) ** -width.clipExponent);
  const unclipped = width.rule === 'scott' ? scottWidths(mus) : neighbourWidths(mus, low, high);
  const sigmas = unclipped.map((sigma) => Math.min(Math.max(sigma, floor), range));
  sigmas[mus.length - 1] = range; // the prior's
  const weights = mixtureWeights(observations.length);
  const logScales = weights.map((w, k) => Math.log(w) + truncatedNormalLogScale(mus[k], sigmas[k], low, high));
  return { kind: 'numerical', low, high, mus, sigmas, weights, logScales };
}

/** Optuna's σ_k: the larger distance from μ_k to its sorted neighbours (low and high count), the ends' inner one. */
function neighbourWidths(mus: readonly number[], low: number, high: number): number[] {
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
  const withEnds = [low, ...order.map((i) => mus[i]), high];
  const sortedSigmas = order.map((_, i) => Math.max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]));
  if (withEnds.length >= 4) {
    sortedSigmas[0] = withEnds[2] - withEnds[1];
    sortedSigmas[sortedSigmas.length - 1] = withEnds[withEnds.length - 2] - withEnds[withEnds.length - 3];
  }
  const sigmas = new Array<number>(mus.length);
  order.forEach((original, rank) => (sigmas[original] = sortedSigmas[rank]));
  return sigmas;
}

/**
 * Scott's rule, one σ for all m centres: 1.059 · min(IQR / 1.34, sd) · m^(−1/5), sd with Bessel's correction and
 * the quartiles interpolated linearly between order statistics (numpy's percentile).
 */
function scottWidths(mus: readonly number[]): number[] {
  const m = mus.length;
  const mean = mus.reduce((sum, x) => sum + x, 0) / m;
  const sd = Math.sqrt(mus.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, m - 1));
  const sorted = [...mus].sort((a, b) => a - b);
  const quantile = (q: number) => {
    const at = q * (m - 1);
    const below = Math.floor(at);
    return below + 1 < m ? sorted[below] + (at - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
  };
  const sigma = 1.059 * Math.min((quantile(0.75) - quantile(0.25)) / 1.34, sd) * m ** -0.2;
  return new Array<number>(m).fill(sigma);
}

/**
 * `observations` are choice indices in trial order; an undefined one (a trial without this axis, in a joint
 * estimator) gets the prior's uniform kernel.
 */
export function categoricalMixture(
  observations: readonly (number | undefined)[],
  choiceCount: number,
): CategoricalMixture {
  const kernelCount = observations.length + 1;
  const uniform = new Array<number>(choiceCount).fill(1 / choiceCount);
  const kernels = observations.map((choice) => {
    if (choice === undefined) return uniform;
    const kernel = new Array<number>(choiceCount).fill(PRIOR_WEIGHT / kernelCount);
    kernel[choice] += 1;
    const total = kernel.reduce((sum, p) => sum + p, 0);
    return kernel.map((p) => p / total);
  });
  kernels.push(uniform);
  return { kind: 'categorical', kernels, weights: mixtureWeights(observations.length) };
}

export function sampleMixture(mixture: ParzenMixture, rng: Rng): number {
  const k = drawIndex(mixture.weights, rng);
  if (mixture.kind === 'categorical') return drawIndex(mixture.kernels[k], rng);
  return truncatedNormal(mixture.mus[k], mixture.sigmas[k], mixture.low, mixture.high, rng);
}

/** log density of the mixture at x: log Σ_k w_k · kernel_k(x), summed stably (log-sum-exp). */
export function mixtureLogDensity(mixture: ParzenMixture, x: number): number {
  return logSumExp(
    mixture.weights.map((w, k) => {
      if (mixture.kind === 'categorical') return Math.log(w) + Math.log(mixture.kernels[k][x]);
      const z = (x - mixture.mus[k]) / mixture.sigmas[k];
      return mixture.logScales[k] - 0.5 * z * z;
    }),
  );
}

/** log Σ exp(t), shifted by the largest term so that no term overflows or underflows to zero alone. */
export function logSumExp(terms: readonly number[]): number {
  let top = -Infinity;
  for (const t of terms) top = Math.max(top, t);
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - top);
  return top + Math.log(sum);
}

/**
 * One TPE pick: `count` candidates from `draw` (drawn from l), the first with the largest score
 * log l(x) − log g(x).
 */
export function bestCandidate<X>(count: number, draw: () => X, score: (x: X) => number): X {
  let best = draw();
  let bestScore = score(best);
  for (let i = 1; i < count; i++) {
    const candidate = draw();
    const candidateScore = score(candidate);
    if (candidateScore > bestScore) {
      best = candidate;
      bestScore = candidateScore;
    }
  }
  return best;
}

/** An index drawn with probabilities proportional to `weights`. */
export function drawIndex(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let u = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * normal(μ, σ) truncated to [low, high] by rejection: Box–Muller draws until one lands inside. μ lies in
 * [low, high] and σ ≤ high − low here, so at least ~34% of the draws land inside (a few draws on average).
 */
export function truncatedNormal(mu: number, sigma: number, low: number, high: number, rng: Rng): number {
  for (;;) {
    const u1 = 1 - rng(); // (0, 1]: log(u1) is finite
    const x = mu + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng());
    if (x >= low && x <= high) return x;
  }
}

/** −log(σ·√(2π)·Z), Z = Φ((high − μ)/σ) − Φ((low − μ)/σ): the log density of normal(μ, σ) truncated to [low, high] at μ. */
export function truncatedNormalLogScale(mu: number, sigma: number, low: number, high: number): number {
  const mass = normalCdf((high - mu) / sigma) - normalCdf((low - mu) / sigma);
  return -Math.log(sigma * Math.sqrt(2 * Math.PI) * mass);
}

/**
 * Φ(z) = erfc(−z/√2)/2, with erfc from Numerical Recipes' erfcc (Chebyshev fit, relative error < 1.2e-7), plenty
 * for ranking acquisition values.
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}
