/**
 * The sweep report (SPEC §4): per curve the cv.glmnet statistics over folds 1..K, the selection, the
 * overfitting diagnosis; the best model; pairwise comparisons; warnings.
 *
 * Best: the curve whose validationMean at its lambdaMin is best (ties go to the earlier listed curve); within
 * it, the λ by `selection` (lambda1se by default). Its full-data fit (fold 0) gives the coefficients, and
 * with testFraction > 0 it is scored once on the test rows.
 */
import {
  cvStatistics,
  isLossMetric,
  linearPredictor,
  metricValue,
  multinomialDatasetOf,
  type CvStatistics,
  type Dataset,
} from '@regsweep/engine';
import type {
  AdaptiveRecord,
  BestModel,
  CurvePoint,
  CurveResults,
  PenaltyReport,
  SweepConfig,
  SweepReport,
  TaskFailure,
} from '../types';
import { compareAllPairs } from './comparison';
import { fitWarnings } from './fit-warnings';
import { curveLabel, fmt } from './format';
import { mergeMlpCurves } from './mlp-curves';
import { chosenNetwork, type MlpTestScores } from './mlp-chosen';
import { mlpReport } from './mlp-report';
import { multinomialBestModel, type MultinomialBestModel } from './multinomial-best';
import { diagnoseOverfitting } from './overfitting';

export interface ReportInput {
  readonly sweepId: string;
  readonly config: SweepConfig;
  readonly results: readonly CurveResults[];
  readonly featureNames: readonly string[];
  readonly data: Dataset;
  readonly testRows: Int32Array;
  /**
   * Tasks that failed for good (the sweep runner's record). Their folds carry no values (NaN), so the statistics
   * use the folds that finished; the report lists them and warns.
   */
  readonly failures?: readonly TaskFailure[];
}

/** A curve's results with its statistics and the index of its chosen λ (−1 when nothing is finite). */
interface CurveSummary {
  readonly results: CurveResults;
  readonly stats: CvStatistics;
  readonly chosenIndex: number;
  readonly report: PenaltyReport;
}

export function buildReport(given: ReportInput): SweepReport {
  // An mlp sweep's one-trial curves are read as λ curves per (penalty, l1Ratio, network values) again.
  const mlp = given.config.model === 'mlp';
  const input = mlp ? { ...given, results: mergeMlpCurves(given.results) } : given;
  const { config } = input;
  const summaries = input.results.map((results) => summarizeCurve(results, config));
  const warnings = [
    ...selectionWarnings(input.results, config),
    ...summaries.flatMap((summary) => edgeAndFailureWarnings(summary, config)),
    ...input.results.flatMap((results) => results.fitWarnings ?? fitWarnings(results)),
    ...failureWarnings(input.failures ?? []),
  ];
  const bestCurve = pickBestCurve(summaries, config);
  const chosen =
    mlp && bestCurve
      ? chosenNetwork(
          bestCurve.results.curve,
          bestCurve.stats.lambdas[bestCurve.chosenIndex],
          input,
          bestCurve.results.full[bestCurve.chosenIndex],
        )
      : undefined;
  const best = bestCurve ? bestModel(bestCurve, input, warnings, chosen?.test) : null;
  if (!bestCurve && summaries.length > 0)
    warnings.push('No curve has a finite validation score: there is no best model.');
  const comparison = compareAllPairs(
    summaries.map(({ results, chosenIndex }) => ({
      penalty: results.curve.penalty,
      l1Ratio: results.curve.l1Ratio,
      folds: results.folds,
      chosenIndex,
    })),
  );
  return {
    sweepId: input.sweepId,
    metric: config.metric,
    selection: config.selection,
    best,
    penalties: summaries.map((summary) => summary.report),
    comparison,
    warnings,
    ...(input.failures ? { failures: input.failures } : {}),
    ...(bestCurve && chosen
      ? {
          mlp: {
            ...mlpReport(
              input.results,
              { results: bestCurve.results, index: bestCurve.chosenIndex },
              input.data.x.cols,
              config.metric,
              input.data.classes,
            ),
            fullDataFit: chosen.fit,
          },
        }
      : {}),
  };
}

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
function failureWarnings(failures: readonly TaskFailure[]): string[] {
  return failures.map((failure) => {
    const where = failure.fold === 0 ? 'the full-data path (fold 0)' : `fold ${failure.fold}`;
    const tries = failure.attempts === 1 ? '1 attempt' : `${failure.attempts} attempts`;
    return (
      `${curveLabel(failure.penalty, failure.l1Ratio)}: ${where} failed after ${tries} (${failure.reason}); ` +
      'its trials have no result there and the statistics use the other folds.'
    );
  });
}

function summarizeCurve(results: CurveResults, config: SweepConfig): CurveSummary {
  const { curve, folds, full } = results;
  const stats = results.statistics ?? cvStatistics(folds, curve.lambdas, config.metric);
  // With one fold (holdout) the engine already sets index1se = indexMin: 1se falls back to min.
  const chosenIndex = config.selection === '1se' ? stats.index1se : stats.indexMin;
  const hasSd = folds.length > 1;
  const points: CurvePoint[] = Array.from(curve.lambdas, (lambda, j) => ({
    lambda,
    train: stats.trainMean[j],
    validation: stats.validationMean[j],
    validationSd: hasSd && Number.isFinite(stats.validationSd[j]) ? stats.validationSd[j] : null,
    gap: stats.gap[j],
    nonzeros: full[j]?.nonzeros ?? NaN,
  }));
  const report: PenaltyReport = {
    penalty: curve.penalty,
    l1Ratio: curve.l1Ratio,
    ...(curve.params ? { params: curve.params } : {}),
    lambdaMin: stats.lambdaMin,
    lambda1se: stats.index1se >= 0 ? stats.lambda1se : null,
    curve: points,
    overfitting: diagnoseOverfitting(stats, chosenIndex, config.metric),
    ...(results.adaptive ? { adaptive: results.adaptive } : {}),
  };
  return { results, stats, chosenIndex, report };
}

/** The curve with the best validationMean at its lambdaMin; strict improvement only, so ties keep the earlier. */
export function pickBestCurve<S extends { readonly stats: CvStatistics }>(
  summaries: readonly S[],
  config: Pick<SweepConfig, 'metric'>,
): S | null {
  const loss = isLossMetric(config.metric);
  let best: S | null = null;
  for (const summary of summaries) {
    const { indexMin, validationMean } = summary.stats;
    if (indexMin < 0) continue;
    const value = validationMean[indexMin];
    const bestValue = best ? best.stats.validationMean[best.stats.indexMin] : NaN;
    if (best === null || (loss ? value < bestValue : value > bestValue)) best = summary;
  }
  return best;
}

/** `mlpTest`: an mlp sweep's test score, from the chosen network's full-data weights (mlp-chosen.ts). */
function bestModel(
  summary: CurveSummary,
  input: ReportInput,
  warnings: string[],
  mlpTest?: MlpTestScores,
): BestModel | MultinomialBestModel | null {
  const { results, stats, chosenIndex, report } = summary;
  const label = curveLabel(results.curve.penalty, results.curve.l1Ratio);
  const fit = results.full[chosenIndex];
  if (!fit || fit.status === 'diverged') {
    warnings.push(
      `${label}: the full-data fit at the chosen λ ${fmt(stats.lambdas[chosenIndex])} is missing or diverged.`,
    );
    return null;
  }
  if (fit.intercepts) {
    // A multinomial fit: per-class intercepts and coefficients, and the test rows' scores and confusion matrix.
    const { penalty, l1Ratio } = results.curve;
    const full = results.full.map((point) => ({ ...point, intercepts: point.intercepts ?? new Float64Array(0) }));
    const data = multinomialDatasetOf(input.data);
    const testRows = input.config.testFraction > 0 ? input.testRows : new Int32Array(0);
    return multinomialBestModel({ penalty, l1Ratio, stats, index: chosenIndex, full, data, testRows });
  }
  const coefficients: Record<string, number> = {};
  input.featureNames.forEach((name, j) => (coefficients[name] = fit.coefficients[j]));
  const point = report.curve[chosenIndex];
  const { mlp, params } = results.curve;
  const testWanted = input.config.testFraction > 0 && input.testRows.length > 0;
  return {
    penalty: results.curve.penalty,
    l1Ratio: results.curve.l1Ratio,
    ...(params ? { params } : {}),
    lambda: point.lambda,
    validation: { mean: point.validation, sd: point.validationSd },
    train: { mean: point.train },
    gap: point.gap,
    nonzeros: fit.nonzeros,
    intercept: fit.intercept,
    coefficients,
    ...(testWanted ? { test: mlp ? (mlpTest ?? {}) : testScore(fit, input) } : {}),
  };
}

/** The chosen model's metric on the held-out test rows: η = b0 + xᵀβ per test row, then the metric. */
function testScore(fit: { intercept: number; coefficients: Float64Array }, input: ReportInput) {
  const { data, testRows, config } = input;
  const eta = new Float64Array(testRows.length);
  linearPredictor(data.x, testRows, fit.intercept, fit.coefficients, eta);
  return { [config.metric]: metricValue(config.metric, data.y, testRows, eta) };
}

function selectionWarnings(results: readonly CurveResults[], config: SweepConfig): string[] {
  const singleFold = results.some((r) => r.folds.length === 1);
  if (!singleFold || config.selection !== '1se') return [];
  return [
    'The split has a single validation fold (holdout): validationSd is undefined, so selection 1se fell back to min.',
  ];
}

function edgeAndFailureWarnings(summary: CurveSummary, config: SweepConfig): string[] {
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
