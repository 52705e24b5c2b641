/** Warnings about individual fits of a curve (every fold and the full-data path): not converged, diverged. */
import type { PointFit } from '@regsweep/engine';
import type { CurveResults } from '../types';
import { curveLabel, listValues } from './format';

export function fitWarnings(results: CurveResults): string[] {
  const label = curveLabel(results.curve.penalty, results.curve.l1Ratio);
  const fits: PointFit[] = [...results.folds.flatMap((fold) => fold.fits), ...results.full];
  const warnings: string[] = [];

  const notConverged = fits.filter((fit) => fit.status === 'not_converged');
  if (notConverged.length > 0) {
    warnings.push(
      `${label}: ${notConverged.length} of ${fits.length} fits did not converge (λ ${distinctLambdas(notConverged)}); ` +
        'raise solver.maxIterations (cd) or solver.epochs (gd), or loosen solver.tolerance.',
    );
  }
  const diverged = fits.filter((fit) => fit.status === 'diverged');
  if (diverged.length > 0) {
    const reason = diverged[0].reason ? ` First reason: ${diverged[0].reason}.` : '';
    warnings.push(
      `${label}: ${diverged.length} of ${fits.length} fits diverged (λ ${distinctLambdas(diverged)}); ` +
        `they are left out of the statistics. Lower solver.learningRate.${reason}`,
    );
  }
  return warnings;
}

function distinctLambdas(fits: readonly PointFit[]): string {
  return listValues([...new Set(fits.map((fit) => fit.lambda))].sort((a, b) => b - a));
}
