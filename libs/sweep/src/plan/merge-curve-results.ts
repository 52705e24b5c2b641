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
  const lambdas = Float64Array.from(points, (point) => point.lambda);
  const foldNumbers = [...new Set(parts.flatMap((part) => part.folds.map((fold) => fold.fold)))].sort((a, b) => a - b);
  const folds = foldNumbers.map((fold) => {
    const ofPart = parts.map((part) => part.folds.find((f) => f.fold === fold));
    const sizes = ofPart.find((f) => f !== undefined)!;
    const value = (key: 'train' | 'validation') =>
      Float64Array.from(points, ({ p, j }) => ofPart[p]?.[key][j] ?? Number.NaN);
    const result: FoldPathResult = {
      fold,
      trainSize: sizes.trainSize,
      validationSize: sizes.validationSize,
      fits: fitPrefix(points.map(({ p, j }) => ofPart[p]?.fits[j])),
      train: value('train'),
      validation: value('validation'),
    };
    return result;
  });
  const full = fitPrefix(points.map(({ p, j }) => parts[p].full[j]));
  return { curve: { ...base.curve, lambdas }, folds, full, ...(adaptive ? { adaptive } : {}) };
}

/** The fits up to the first λ without one, as a path's `fits` are (a prefix of its λ). */
function fitPrefix(fits: (PointFit | undefined)[]): PointFit[] {
  const end = fits.findIndex((fit) => fit === undefined);
  return (end < 0 ? fits : fits.slice(0, end)) as PointFit[];
}
