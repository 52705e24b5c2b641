/**
 * The sweep report (SPEC §4): per curve the cv.glmnet statistics over folds 1..K, the selection, the
 * overfitting diagnosis; the best model; pairwise comparisons; warnings.
 *
 * Best: the curve whose validationMean at its lambdaMin is best (ties go to the earlier listed curve); within
 * it, the λ by `selection` (lambda1se by default). Its full-data fit (fold 0) gives the coefficients, and
 * with testFraction > 0 it is scored once on the test rows.
 */
import {
  isLossMetric,
  linearPredictor,
  metricValue,
  multinomialDatasetOf,
  type CvStatistics,
  type Dataset,
} from '@regsweep/engine';
import type { BestModel, CurveResults, SweepConfig, SweepReport, TaskFailure } from '../types';
import { compareAllPairs } from './comparison';
import { summarizeCurve, type CurveSummary } from './curve-summary';
import { fitWarnings } from './fit-warnings';
import { curveLabel, fmt } from './format';
import { mergeMlpCurves } from './mlp-curves';
import { chosenNetwork, type MlpTestScores } from './mlp-chosen';
import { mlpReport } from './mlp-report';
import { multinomialBestModel, type MultinomialBestModel } from './multinomial-best';
import { edgeAndFailureWarnings, failureWarnings, selectionWarnings } from './report-warnings';

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
