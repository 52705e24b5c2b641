/**
 * An mlp sweep plans one curve per trial (mlp-plan.ts); the report reads them as λ curves again: the trials that
 * share (penalty, l1Ratio, swept network values) become one curve, λ decreasing, each fold's results gathered in
 * that order. The cv statistics, selection and overfitting diagnosis then work on them as on a GLM path.
 */
import type { FoldPathResult, PointFit } from '@regsweep/engine';
import type { CurveResults } from '../types';

export function mergeMlpCurves(results: readonly CurveResults[]): CurveResults[] {
  return mlpCurveGroups(results).map((members, index) => {
    const first = members[0].curve;
    const foldNumbers = [...new Set(members.flatMap((m) => m.folds.map((f) => f.fold)))].sort((a, b) => a - b);
    // λ j's full-data fit at index j, a hole where the trial has none (search.refit chosen trains it only for the
    // trials the report reads; the others keep their place, as the holes leave the indices of the rest alone).
    const full: PointFit[] = [];
    members.forEach((member, j) => {
      if (member.full[0]) full[j] = member.full[0];
    });
    return {
      curve: { ...first, index, lambdas: Float64Array.from(members, (m) => m.curve.lambdas[0]) },
      folds: foldNumbers.map((fold) => mergeFold(fold, members)),
      full,
    };
  });
}

/**
 * The one-trial curves grouped by (penalty, l1Ratio, swept network values), in the order the groups first appear,
 * each in decreasing λ: group g is merged curve g, its member j the merged curve's λ index j.
 */
export function mlpCurveGroups(results: readonly CurveResults[]): CurveResults[][] {
  const groups = new Map<string, CurveResults[]>();
  for (const result of results) {
    const { penalty, l1Ratio, params } = result.curve;
    const key = JSON.stringify([penalty, l1Ratio, params ?? {}]);
    const group = groups.get(key);
    if (group) group.push(result);
    else groups.set(key, [result]);
  }
  return [...groups.values()].map((group) => [...group].sort((a, b) => b.curve.lambdas[0] - a.curve.lambdas[0]));
}

function mergeFold(fold: number, members: readonly CurveResults[]): FoldPathResult {
  const parts = members.map((member) => member.folds.find((f) => f.fold === fold));
  const known = parts.find((part) => part !== undefined)!;
  return {
    fold,
    trainSize: known.trainSize,
    validationSize: known.validationSize,
    fits: prefixUntilMissing(parts.map((part) => part?.fits[0])),
    train: Float64Array.from(parts, (part) => part?.train[0] ?? NaN),
    validation: Float64Array.from(parts, (part) => part?.validation[0] ?? NaN),
  };
}

function prefixUntilMissing(fits: (PointFit | undefined)[]): PointFit[] {
  const end = fits.findIndex((fit) => fit === undefined);
  return (end < 0 ? fits : fits.slice(0, end)) as PointFit[];
}
