/**
 * The joint Parzen estimator of multivariate TPE (Optuna's TPESampler(multivariate=True), after Falkner et al.
 * 2018): one mixture over all the axes of a group, whose kernel k is the product over the axes of per-axis kernels
 * centred on observation k, so a draw from l(x) keeps a good trial's values together. With n observations and d
 * axes in the group:
 *
 *   numerical axis   normal(μ_k, σ) truncated to [low, high], one bandwidth for every observation (Scott's rule as
 *                    BOHB uses it): σ = 0.2 · max(n, 1)^(−1/(d+4)) · (high − low), then the magic clip of the
 *                    independent estimator, [(high − low)/min(100, n + 2), high − low] (n + 1 kernels with the prior)
 *   categorical axis the independent estimator's kernel (categoricalMixture)
 *   prior kernel     the independent prior on every axis: normal((low + high)/2, high − low), uniform choices
 *   weights          the independent estimator's (mixtureWeights), one per product kernel
 *
 * A trial without one of the axes (its value outside the axis's choices or range) gets the prior's kernel on that
 * axis; a point without it is scored on the axes it has.
 *
 * Densities are the truncated normal's, 1/σ included (as in parzen-estimator.ts). Optuna 3.1, the bench's anchor,
 * leaves the −log σ out of its truncnorm.logpdf (optuna/optuna#5109, fixed by #5110), which there weighs the prior
 * kernel (σ = high − low) up against the observations' by (high − low)/σ per numerical axis when scoring candidates.
 */
import type { Rng } from '@regsweep/engine';
import {
  categoricalMixture,
  drawIndex,
  logSumExp,
  mixtureWeights,
  truncatedNormal,
  truncatedNormalLogScale,
  type CategoricalMixture,
  type NumericalMixture,
} from './parzen-estimator';
import type { TpeAxis } from './tpe-axes';

/**
 * Per axis, kernel k's parameters (k over the observations, then the prior): the independent mixtures' without their
 * weights; a numerical axis's logScales are −log(σ_k·√(2π)·Z_k), the weight left out.
 */
type AxisKernels = Omit<NumericalMixture, 'weights'> | Omit<CategoricalMixture, 'weights'>;

export interface JointMixture {
  readonly weights: readonly number[];
  readonly axes: readonly AxisKernels[];
}

/** Scott's-rule magnitude of Optuna's multivariate bandwidth (SIGMA0_MAGNITUDE). */
const SIGMA0_MAGNITUDE = 0.2;

/** `rows[k][a]`: observation k (trial order) on axis a, on the axis's scale; undefined when the trial lacks it. */
export function jointMixture(
  rows: readonly (readonly (number | undefined)[])[],
  axes: readonly TpeAxis[],
): JointMixture {
  const n = rows.length;
  const sigma0 = SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (axes.length + 4));
  return {
    weights: mixtureWeights(n),
    axes: axes.map((axis, a): AxisKernels => {
      const column = rows.map((row) => row[a]);
      if (axis.kind === 'categorical')
        return { kind: 'categorical', kernels: categoricalMixture(column, axis.count).kernels };
      const { low, high } = axis;
      const range = high - low;
      const sigma = Math.min(Math.max(sigma0 * range, range / Math.min(100, n + 2)), range);
      const prior = { mu: 0.5 * (low + high), sigma: range };
      const kernels = [...column.map((mu) => (mu === undefined ? prior : { mu, sigma })), prior];
      const mus = kernels.map((k) => k.mu);
      const sigmas = kernels.map((k) => k.sigma);
      const logScales = kernels.map((k) => truncatedNormalLogScale(k.mu, k.sigma, low, high));
      return { kind: 'numerical', low, high, mus, sigmas, logScales };
    }),
  };
}

/** A draw from the mixture: a kernel by weight, then each axis from that kernel. */
export function sampleJoint(mixture: JointMixture, rng: Rng): number[] {
  const k = drawIndex(mixture.weights, rng);
  return mixture.axes.map((axis) =>
    axis.kind === 'categorical'
      ? drawIndex(axis.kernels[k], rng)
      : truncatedNormal(axis.mus[k], axis.sigmas[k], axis.low, axis.high, rng),
  );
}

/** log Σ_k w_k Π_a kernel_{k,a}(x_a) over the axes x has, summed stably (log-sum-exp). */
export function jointLogDensity(mixture: JointMixture, x: readonly (number | undefined)[]): number {
  const terms = mixture.weights.map((w, k) => {
    let term = Math.log(w);
    mixture.axes.forEach((axis, a) => {
      const value = x[a];
      if (value === undefined) return;
      if (axis.kind === 'categorical') term += Math.log(axis.kernels[k][value]);
      else {
        const z = (value - axis.mus[k]) / axis.sigmas[k];
        term += axis.logScales[k] - 0.5 * z * z;
      }
    });
    return term;
  });
  return logSumExp(terms);
}
