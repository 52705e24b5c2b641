/**
 * Multivariate TPE's point (TpeSettings.multivariate, after the start-up): the space's axes as ONE group, asked
 * from one joint Parzen estimator (joint-parzen-estimator.ts) on l (the best γ(n) trials) and g (the rest):
 *   curve    one categorical over the space's curves (as tpe-curve.ts), when there are several
 *   lambda   log λ (or an index over listed values), when every curve that has a λ axis has the same domain (so it
 *            is one axis); a trial on `none` has no λ and takes the prior's kernel there
 *   fields   each swept field with more than one value (tpe-axes.ts)
 * nEiCandidates points are drawn from l and the one maximising log l(x) − log g(x) is asked; a candidate on a curve
 * without λ is scored without the λ axis.
 *
 * Grouping: Optuna's multivariate TPE takes the axes every trial has (its intersection search space) as the group
 * and asks the others independently; group=True splits the axes by which trials have them, which here would put λ
 * in a group of its own whenever the space has `none` (λ absent there). λ's best value depends on the curve (an l1
 * and an l2 penalty of the same strength sit at λ decades apart) and the network fields, so λ stays in the one
 * group; a trial without it contributes nothing on that axis but the prior. When the curves' λ domains differ, λ is
 * asked after the curve on its own (the independent estimator, `independentLambda`).
 */
import type { Rng } from '@regsweep/engine';
import { jointLogDensity, jointMixture, sampleJoint } from './joint-parzen-estimator';
import { bestCandidate } from './parzen-estimator';
import type { LambdaDomain, SearchPoint, SearchSpace, SpaceCurve, TrialOutcome } from './sampler';
import { fieldAxis, lambdaAxis, singleLambda, singleValue, type SpaceAxis } from './tpe-axes';
import { curveIndex } from './tpe-curve';

export function jointPoint(
  space: SearchSpace,
  below: readonly TrialOutcome[],
  above: readonly TrialOutcome[],
  rng: Rng,
  nEiCandidates: number,
  independentLambda: (domain: LambdaDomain) => number,
): SearchPoint {
  const curves = space.curves;
  const curveAxis: SpaceAxis<SpaceCurve> | undefined =
    curves.length > 1
      ? {
          axis: { kind: 'categorical', count: curves.length },
          valueOf: (t) => curveIndex(curves, t.point),
          decode: (i) => curves[i],
        }
      : undefined;
  const lambda = sharedLambdaAxis(curves);
  const fields = (space.fields ?? []).map((field) => ({ field, axis: fieldAxis(field) }));
  const group = [curveAxis, lambda, ...fields.map((f) => f.axis)];
  const members = group.filter((member) => member !== undefined);
  const slot = group.map((member) => (member ? members.indexOf(member) : -1));
  const [curveSlot, lambdaSlot] = slot;

  const axes = members.map((member) => member.axis);
  const rows = (trials: readonly TrialOutcome[]) => trials.map((t) => members.map((member) => member.valueOf(t)));
  const l = jointMixture(rows(below), axes);
  const g = jointMixture(rows(above), axes);
  const curveOf = (x: readonly number[]) => (curveAxis ? curveAxis.decode(x[curveSlot]) : curves[0]);
  // A candidate on a curve without a λ axis (none) is a point without λ: scored on its other axes.
  const scored = (x: number[]) =>
    lambdaSlot >= 0 && !lambdaAxis(curveOf(x).lambdas) ? x.map((v, a) => (a === lambdaSlot ? undefined : v)) : x;
  const x =
    members.length === 0
      ? []
      : bestCandidate(
          nEiCandidates,
          () => sampleJoint(l, rng),
          (candidate) => jointLogDensity(l, scored(candidate)) - jointLogDensity(g, scored(candidate)),
        );

  const curve = curveOf(x);
  const onAxis = lambda && lambdaAxis(curve.lambdas);
  const point = {
    penalty: curve.penalty,
    l1Ratio: curve.l1Ratio,
    lambda: onAxis
      ? lambda.decode(x[lambdaSlot])
      : lambda
        ? singleLambda(curve.lambdas)
        : independentLambda(curve.lambdas),
  };
  if (!space.fields?.length) return point;
  const values: Record<string, unknown> = {};
  fields.forEach(({ field, axis }, i) => {
    values[field.name] = axis ? axis.decode(x[slot[2 + i]]) : singleValue(field);
  });
  return { ...point, fields: values };
}

/**
 * The λ axis shared by every curve that has one (the same logUniform range or the same listed values), or
 * undefined when no curve has one or their domains differ.
 */
function sharedLambdaAxis(curves: readonly SpaceCurve[]): SpaceAxis<number> | undefined {
  const withAxis = curves.filter((c) => lambdaAxis(c.lambdas));
  const key = (domain: LambdaDomain) =>
    JSON.stringify(domain.kind === 'values' ? Array.from(domain.values) : [domain.min, domain.max]) + domain.kind;
  if (withAxis.length === 0 || withAxis.some((c) => key(c.lambdas) !== key(withAxis[0].lambdas))) return undefined;
  return lambdaAxis(withAxis[0].lambdas);
}
