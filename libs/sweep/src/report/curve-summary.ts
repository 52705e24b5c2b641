/**
 * One curve's part of the report: its cv.glmnet statistics over the folds, the index of its chosen λ by `selection`,
 * and its PenaltyReport (the curve's points, lambdaMin, lambda1se, the overfitting diagnosis).
 */
import { cvStatistics, type CvStatistics } from '@regsweep/engine';
import type { CurvePoint, CurveResults, PenaltyReport, SweepConfig } from '../types';
import { diagnoseOverfitting } from './overfitting';

/** A curve's results with its statistics and the index of its chosen λ (−1 when nothing is finite). */
export interface CurveSummary {
  readonly results: CurveResults;
  readonly stats: CvStatistics;
  readonly chosenIndex: number;
  readonly report: PenaltyReport;
}

export function summarizeCurve(results: CurveResults, config: SweepConfig): CurveSummary {
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
