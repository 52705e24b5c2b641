/**
 * The report's warnings: on the selection (1se without a standard error), on each curve whose best λ sits at an end
 * of its grid or range, and on each failed task.
 */
import type { AdaptiveRecord, CurveResults, SweepConfig, TaskFailure } from '../types';
import type { CurveSummary } from './curve-summary';
import { curveLabel, fmt } from './format';

/**
 * A sampled curve (random, tpe) ends where the search happened to sample, not at a grid's end: its best λ at an end
 * says the range may be too narrow only when that end lies within a twentieth of lambdas.range's log width of the
 * range's own end. Then the advice is to widen the range.
 */
function sampledEdgeWarning(
  label: string,
  where: string,
  edge: 'small' | 'large',
  lambdas: Float64Array,
  range: { readonly min: number; readonly max: number },
): string[] {
  const nearEnd = Math.log(range.max / range.min) / 20;
  if (edge === 'small') {
    if (Math.log(lambdas[lambdas.length - 1] / range.min) > nearEnd) return [];
    return [
      `${label}: the best λ sits at the small end of lambdas.range (${where}); it may be smaller: ` +
        `widen lambdas.range.min below ${fmt(range.min)} (e.g. to ${fmt(range.min / 10)}).`,
    ];
  }
  if (Math.log(range.max / lambdas[0]) > nearEnd) return [];
  return [
    `${label}: the best λ sits at the large end of lambdas.range (${where}); it may be larger: ` +
      `widen lambdas.range.max above ${fmt(range.max)} (e.g. to ${fmt(range.max * 10)}).`,
  ];
}

/**
 * An adaptive grid that reached its limit with lambdaMin still at that end. At the small end λ → 0 can be the honest
 * answer: the (nearly) unpenalized model validates best, and the warning says so instead of asking for more λ.
 */
function adaptiveLimitWarning(label: string, where: string, lambdas: Float64Array, adaptive: AdaptiveRecord): string {
  const decades = `${adaptive.decadeLimit} decade${adaptive.decadeLimit === 1 ? '' : 's'}`;
  if (adaptive.limitReached === 'small') {
    return (
      `${label}: the best λ still sits at the small end (${where}) after the adaptive grid extended it by ${decades} ` +
      `down to ${fmt(lambdas[lambdas.length - 1])}, its limit: λ → 0 (no penalty) may well be best here; ` +
      'compare with penalty none.'
    );
  }
  return (
    `${label}: the best λ still sits at the large end (${where}) after the adaptive grid extended it by ${decades} ` +
    `up to ${fmt(lambdas[0])}, its limit: a heavily penalized model validates best.`
  );
}

/** One warning per failed task: which curve and fold have no result, and why. */
export function failureWarnings(failures: readonly TaskFailure[]): string[] {
  return failures.map((failure) => {
    const where = failure.fold === 0 ? 'the full-data path (fold 0)' : `fold ${failure.fold}`;
    const tries = failure.attempts === 1 ? '1 attempt' : `${failure.attempts} attempts`;
    return (
      `${curveLabel(failure.penalty, failure.l1Ratio)}: ${where} failed after ${tries} (${failure.reason}); ` +
      'its trials have no result there and the statistics use the other folds.'
    );
  });
}

export function selectionWarnings(results: readonly CurveResults[], config: SweepConfig): string[] {
  const singleFold = results.some((r) => r.folds.length === 1);
  if (!singleFold || config.selection !== '1se') return [];
  return [
    'The split has a single validation fold (holdout): validationSd is undefined, so selection 1se fell back to min.',
  ];
}

export function edgeAndFailureWarnings(summary: CurveSummary, config: SweepConfig): string[] {
  const { results, stats, chosenIndex, report } = summary;
  const label = curveLabel(results.curve.penalty, results.curve.l1Ratio);
  const lambdas = stats.lambdas;
  if (stats.indexMin < 0) return [`${label}: no λ has a finite validation score.`];
  const where = `lambdaMin ${fmt(stats.lambdaMin)}, chosen λ ${fmt(lambdas[chosenIndex])}`;
  const adaptive = results.adaptive;
  if (adaptive?.limitReached) return [adaptiveLimitWarning(label, where, lambdas, adaptive)];
  if (config.search.strategy !== 'grid' && 'range' in config.lambdas && report.overfitting.edge !== 'none') {
    return sampledEdgeWarning(label, where, report.overfitting.edge, lambdas, config.lambdas.range);
  }
  switch (report.overfitting.edge) {
    case 'small': {
      const smallest = lambdas[lambdas.length - 1];
      return [
        `${label}: the best λ sits at the small end of the grid (${where}); it may be smaller: ` +
          `extend lambdas below ${fmt(smallest)} (e.g. down to ${fmt(smallest / 10)}).`,
      ];
    }
    case 'large': {
      const largest = lambdas[0];
      return [
        `${label}: the best λ sits at the large end of the grid (${where}); it may be larger: ` +
          `extend lambdas above ${fmt(largest)} (e.g. up to ${fmt(largest * 10)}).`,
      ];
    }
    case 'none':
      return [];
  }
}
