/** Warnings about individual fits of a curve (every fold and the full-data path): not converged, diverged. */
import type { PointFit } from '@regsweep/engine';
import type { CurvePlan, CurveResults } from '../types';
import { curveLabel, listValues } from './format';

/** What the warnings are made of: the fits counted, the λ of each not converged / diverged one, the first reason. */
export interface FitTally {
  readonly fits: number;
  readonly notConverged: readonly number[];
  readonly diverged: readonly number[];
  /** The reason of the first diverged fit, folds (in fold order) before the full-data path. */
  readonly firstDivergedReason?: string;
}

/**
 * One pass over the fits, no array of them built: a 10,000-λ curve of 11 fits per λ holds 110,000 of them, and the
 * flatMap-and-filter version was one of the server's longest event-loop blocks (docs/benchmarks.md, issue 17).
 */
export function fitWarnings(results: CurveResults): string[] {
  let fits = 0;
  const notConverged: number[] = [];
  const diverged: number[] = [];
  let firstDiverged: PointFit | undefined;
  const count = (fit: PointFit) => {
    fits++;
    if (fit.status === 'not_converged') notConverged.push(fit.lambda);
    else if (fit.status === 'diverged') {
      firstDiverged ??= fit;
      diverged.push(fit.lambda);
    }
  };
  for (const fold of results.folds) fold.fits.forEach(count);
  results.full.forEach(count);
  return fitTallyWarnings(results.curve, {
    fits,
    notConverged,
    diverged,
    firstDivergedReason: firstDiverged?.reason,
  });
}

export function fitTallyWarnings(curve: Pick<CurvePlan, 'penalty' | 'l1Ratio'>, tally: FitTally): string[] {
  const label = curveLabel(curve.penalty, curve.l1Ratio);
  const warnings: string[] = [];
  if (tally.notConverged.length > 0) {
    warnings.push(
      `${label}: ${tally.notConverged.length} of ${tally.fits} fits did not converge (λ ${distinctLambdas(tally.notConverged)}); ` +
        'raise solver.maxIterations (cd) or solver.epochs (gd), or loosen solver.tolerance.',
    );
  }
  if (tally.diverged.length > 0) {
    const reason = tally.firstDivergedReason ? ` First reason: ${tally.firstDivergedReason}.` : '';
    warnings.push(
      `${label}: ${tally.diverged.length} of ${tally.fits} fits diverged (λ ${distinctLambdas(tally.diverged)}); ` +
        `they are left out of the statistics. Lower solver.learningRate.${reason}`,
    );
  }
  return warnings;
}

function distinctLambdas(lambdas: readonly number[]): string {
  return listValues([...new Set(lambdas)].sort((a, b) => b - a));
}
