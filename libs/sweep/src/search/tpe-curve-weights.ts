/**
 * λ observations weighted by curve: after the curve is chosen, the λ axis's l and g are fitted on every trial's λ
 * (as without weights), each kernel's mixture weight times w(trial's curve):
 *
 *   { sameKind, otherKind }   1 on the chosen curve, sameKind on another curve of the same penalty kind (the other
 *                             elasticnet ratios), otherKind on a curve of another kind (or on no curve of the space);
 *                             the prior keeps its weight
 *   'optuna'                  the weights Optuna's multivariate estimator gives λ's kernels when a joint (curve, λ)
 *                             mixture is conditioned on the chosen curve c: kernel k's weight times its categorical
 *                             kernel's mass on c. With n observations in the estimator (l or g), C curves and prior
 *                             weight p, that mass is (1 + q)/(1 + C·q) on the trial's own curve and q/(1 + C·q) on
 *                             any other, q = p/(n + 1), and 1/C for the prior kernel; relative to an on-curve kernel:
 *                             off-curve ε = q/(1 + q) = p/(n + 1 + p), prior (1 + C·q)/(C·(1 + q)).
 *
 * The γ split (which trials are below) is the unweighted ranking of every trial, as without weights.
 */
import { PRIOR_WEIGHT, type KernelScales } from './parzen-estimator';
import type { SpaceCurve } from './sampler';
import { curveIndex } from './tpe-curve';
import type { AxisObservation } from './tpe-sampler';

export type CurveWeighting =
  | { readonly sameKind: number; readonly otherKind: number; readonly only?: 'below' | 'above' }
  | 'optuna';

/** The kernel scales of one estimator's observations (l's or g's) when λ is asked for `curves[chosen]`. */
export function curveKernelScales(
  curves: readonly SpaceCurve[],
  chosen: number,
  weighting: CurveWeighting,
): (group: readonly AxisObservation[], side: 'below' | 'above') => KernelScales | undefined {
  return (group, side) => {
    const curveOf = (o: AxisObservation) => curveIndex(curves, o.outcome.point);
    if (weighting === 'optuna') {
      const q = PRIOR_WEIGHT / (group.length + 1);
      const c = curves.length;
      return {
        observations: group.map((o) => (curveOf(o) === chosen ? 1 : q / (1 + q))),
        prior: (1 + c * q) / (c * (1 + q)),
      };
    }
    if (weighting.only && weighting.only !== side) return undefined;
    const weight = (o: AxisObservation) => {
      const index = curveOf(o);
      if (index === chosen) return 1;
      return index !== undefined && curves[index].penalty === curves[chosen].penalty
        ? weighting.sameKind
        : weighting.otherKind;
    };
    return { observations: group.map(weight), prior: 1 };
  };
}
