/**
 * The curve of a TPE trial: its (penalty, l1Ratio), one of the search space's curves.
 *
 *   start-up   Optuna's tree, as Optuna's TPESampler draws it for this space: a penalty kind uniformly, then one of
 *              that kind's l1Ratios uniformly (elasticnet with several ratios).
 *   after it   ONE categorical axis over the space's curves, fitted on every trial (each trial has exactly one
 *              curve): the best γ(n) trials form "below" whatever their kind. Asked as a tree (the kind on every
 *              trial, then the ratio on the elasticnet trials only), the elasticnet branch pools its ratios: a good
 *              trial on one ratio and bad trials on the others weigh on the kind together.
 *
 * When every kind has a single curve (no elasticnet, or one l1Ratio) the curve axis is the penalty axis, index for
 * index (penaltyCurves lists the curves in the order of the kinds), so the points asked are the same as the tree's.
 */
import { randomIndex, type Rng } from '@regsweep/engine';
import type { SearchPoint, SpaceCurve } from './sampler';

/** A start-up draw: a penalty kind uniformly, then one of its curves uniformly (one draw each, when there is a choice). */
export function startupCurve(curves: readonly SpaceCurve[], rng: Rng): SpaceCurve {
  const kinds = [...new Set(curves.map((c) => c.penalty))];
  const kind = kinds[kinds.length === 1 ? 0 : randomIndex(rng, kinds.length)];
  const ofKind = curves.filter((c) => c.penalty === kind);
  return ofKind[ofKind.length === 1 ? 0 : randomIndex(rng, ofKind.length)];
}

/**
 * A finished trial's curve as an index into `curves`: its penalty kind and l1Ratio (the kind alone when the kind has
 * one curve); undefined when the trial is on no curve of the space.
 */
export function curveIndex(curves: readonly SpaceCurve[], point: SearchPoint): number | undefined {
  const ofKind = curves.filter((c) => c.penalty === point.penalty);
  const curve = ofKind.length === 1 ? ofKind[0] : ofKind.find((c) => c.l1Ratio === point.l1Ratio);
  return curve ? curves.indexOf(curve) : undefined;
}
