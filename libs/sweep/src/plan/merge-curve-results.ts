/**
 * One curve's results from its parts: the grid's path and the paths its adaptive extensions added (adaptive-grid.ts),
 * every part fitted on the same folds. The points of all parts are put in one decreasing λ order, fold by fold, so
 * the statistics, the selection rules and the report see one curve, irregular spacing and all.
 */
import type { FoldPathResult, PointFit } from '@regsweep/engine';
import type { AdaptiveRecord, CurveResults } from '../types';

/** `parts[0]` is the grid's curve (its index and kind are kept); the rest are its extensions, in any order. */
export function mergeCurveResults(parts: readonly CurveResults[], adaptive?: AdaptiveRecord): CurveResults {
  const [base] = parts;
  const points = parts.flatMap((part, p) => Array.from(part.curve.lambdas, (lambda, j) => ({ lambda, p, j })));
  points.sort((a, b) => b.lambda - a.lambda);
  // The merged order as plain index arrays: the per-fold copies below are loops over them, not a closure per point
  // (Float64Array.from with a mapping function per point, twice per fold, cost 3× the CPU: docs/benchmarks.md).
  const partOf = Int32Array.from(points, (point) => point.p);
  const indexOf = Int32Array.from(points, (point) => point.j);
  const lambdas = Float64Array.from(points, (point) => point.lambda);
  const foldNumbers = [...new Set(parts.flatMap((part) => part.folds.map((fold) => fold.fold)))].sort((a, b) => a - b);
  const folds = foldNumbers.map((fold) => {
    const ofPart = parts.map((part) => part.folds.find((f) => f.fold === fold));
    const sizes = ofPart.find((f) => f !== undefined)!;
    const value = (key: 'train' | 'validation') => {
      const merged = new Float64Array(points.length);
      for (let i = 0; i < points.length; i++) merged[i] = ofPart[partOf[i]]?.[key][indexOf[i]] ?? Number.NaN;
      return merged;
    };
    const result: FoldPathResult = {
      fold,
      trainSize: sizes.trainSize,
      validationSize: sizes.validationSize,
      fits: fitPrefix(points.length, (i) => ofPart[partOf[i]]?.fits[indexOf[i]]),
      train: value('train'),
      validation: value('validation'),
    };
    return result;
  });
  const full = fitPrefix(points.length, (i) => parts[partOf[i]].full[indexOf[i]]);
  return { curve: { ...base.curve, lambdas }, folds, full, ...(adaptive ? { adaptive } : {}) };
}

/** The fits up to the first λ without one, as a path's `fits` are (a prefix of its λ). */
function fitPrefix(count: number, fitAt: (i: number) => PointFit | undefined): PointFit[] {
  const fits: PointFit[] = [];
  for (let i = 0; i < count; i++) {
    const fit = fitAt(i);
    if (fit === undefined) break;
    fits.push(fit);
  }
  return fits;
}
