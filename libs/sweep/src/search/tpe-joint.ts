/**
 * Multivariate TPE over a space's network / solver fields (TpeSettings.multivariate, after the start-up): the swept
 * fields with more than one value (tpe-axes.ts) as ONE group, asked from one joint Parzen estimator
 * (joint-parzen-estimator.ts) fitted on l (the best γ(n) trials) and g (the rest), as Optuna's
 * TPESampler(multivariate=True) asks its group: nEiCandidates points are drawn from l and the one maximising
 * log l(x) − log g(x) is asked, so a good trial's hidden sizes, activation and learning rate stay together.
 *
 * Grouping: the fields only. The curve and λ are asked before them on their own (tpe-sampler.ts), as on a space
 * without fields. Optuna's multivariate TPE would put every axis all trials have into the group (its intersection
 * search space; `group=True` splits the axes by which trials have them), i.e. the curve and λ too; measured on the
 * search-efficiency bench, the curve and λ in the group did worse on the breast-cancer GLM task (no fields) and
 * no better on the MLP task than the fields alone (docs/benchmarks.md, "Multivariate TPE").
 */
import type { Rng } from '@regsweep/engine';
import { jointLogDensity, jointMixture, sampleJoint } from './joint-parzen-estimator';
import { bestCandidate } from './parzen-estimator';
import type { FieldDomain, TrialOutcome } from './sampler';
import { fieldAxis, singleValue } from './tpe-axes';

/** Every field's value, by name; `below` and `above` in trial order. */
export function jointFields(
  fields: readonly FieldDomain[],
  below: readonly TrialOutcome[],
  above: readonly TrialOutcome[],
  rng: Rng,
  nEiCandidates: number,
): Record<string, unknown> {
  const members = fields.map((field) => ({ field, axis: fieldAxis(field) }));
  const group = members.flatMap((member) => (member.axis ? [member.axis] : []));
  const rows = (trials: readonly TrialOutcome[]) => trials.map((t) => group.map((member) => member.valueOf(t)));
  const axes = group.map((member) => member.axis);
  const l = jointMixture(rows(below), axes);
  const g = jointMixture(rows(above), axes);
  const x =
    group.length === 0
      ? []
      : bestCandidate(
          nEiCandidates,
          () => sampleJoint(l, rng),
          (candidate) => jointLogDensity(l, candidate) - jointLogDensity(g, candidate),
        );
  const values: Record<string, unknown> = {};
  for (const { field, axis } of members)
    values[field.name] = axis ? axis.decode(x[group.indexOf(axis)]) : singleValue(field);
  return values;
}
