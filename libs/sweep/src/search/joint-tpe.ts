/**
 * Multivariate TPE (Optuna's `multivariate=True`, Falkner et al. 2018's joint estimator): one Parzen estimator over
 * several axes at once instead of one per axis, so a good λ is learnt together with the penalty (and the network
 * fields) it was good with.
 *
 *   kernel k of l (or g) = Π_d kernel_k^d(x_d), one observation's kernels on every axis, weight w_k shared;
 *   numerical bandwidth (Scott's rule as Optuna has it) σ_d = 0.2 · max(n, 1)^(−1/(D + 4)) · (high_d − low_d),
 *     n the estimator's observations, D the number of axes, then the magic clip of parzen-estimator.ts;
 *   categorical kernels and the prior kernel as in the univariate estimator.
 *
 * The candidates are drawn from l (a kernel k, then every axis from kernel k), and the one maximising
 * log l(x) − log g(x) is chosen, as on one axis.
 */
import type { Rng } from '@regsweep/engine';
import {
  categoricalMixture,
  drawIndex,
  logSumExp,
  numericalMixture,
  sampleKernel,
  weightedKernelLogDensities,
  type ParzenMixture,
  type ParzenOptions,
} from './parzen-estimator';
import type { TpeAxis } from './tpe-axis';

const SCOTT_MAGNITUDE = 0.2;

/** `below` and `above`: the observations' values (one per axis) in trial order; the chosen values, one per axis. */
export function suggestJoint(
  axes: readonly TpeAxis[],
  below: readonly (readonly number[])[],
  above: readonly (readonly number[])[],
  candidates: number,
  rng: Rng,
  options: ParzenOptions,
): number[] {
  const l = jointMixture(axes, below, options);
  const g = jointMixture(axes, above, options);
  let best: number[] = [];
  let bestScore = -Infinity;
  for (let i = 0; i < candidates; i++) {
    const k = drawIndex(l[0].weights, rng);
    const candidate = l.map((mixture) => sampleKernel(mixture, k, rng));
    const score = jointLogDensity(l, candidate) - jointLogDensity(g, candidate);
    if (score > bestScore || best.length === 0) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function jointMixture(axes: readonly TpeAxis[], rows: readonly (readonly number[])[], options: ParzenOptions) {
  const bandwidth = SCOTT_MAGNITUDE * Math.max(rows.length, 1) ** (-1 / (axes.length + 4));
  return axes.map((axis, d): ParzenMixture => {
    const values = rows.map((row) => row[d]);
    if (axis.kind === 'categorical') return categoricalMixture(values, axis.count, options);
    return numericalMixture(values, axis.low, axis.high, { ...options, sigma: bandwidth * (axis.high - axis.low) });
  });
}

/** log Σ_k w_k Π_d kernel_k^d(x_d): each axis's term carries log w_k, so D − 1 of them are taken back out. */
function jointLogDensity(mixtures: readonly ParzenMixture[], x: readonly number[]): number {
  const perAxis = mixtures.map((mixture, d) => weightedKernelLogDensities(mixture, x[d]));
  const logWeights = mixtures[0].weights.map(Math.log);
  const terms = logWeights.map((logW, k) => {
    let sum = -(mixtures.length - 1) * logW;
    for (const axis of perAxis) sum += axis[k];
    return sum;
  });
  return logSumExp(terms);
}
