/**
 * The best model of a multinomial curve for the report (SPEC §7): the chosen λ's cross-validation numbers, the
 * full-data fit's intercepts {class: value} (centred to sum to zero) and coefficients {class: {feature: value}}, and,
 * with test rows, the chosen model scored once on them with its confusion matrix (rows: actual class, columns:
 * predicted class).
 */
import {
  confusionMatrix,
  MULTINOMIAL_METRICS,
  multinomialLinearPredictor,
  multinomialMetricValue,
  perClassCoefficients,
  type CvStatistics,
  type MultinomialDataset,
  type MultinomialPointFit,
  type PenaltyKind,
} from '@regsweep/engine';
import type { MultinomialBestModel } from '../types';

export type { MultinomialBestModel };

export interface MultinomialBestInput {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly stats: CvStatistics;
  /** The chosen λ's index (lambdaMin's or lambda1se's). */
  readonly index: number;
  /** The full-data path (fold 0), one fit per λ. */
  readonly full: readonly MultinomialPointFit[];
  readonly data: MultinomialDataset;
  readonly testRows: Int32Array;
}

export function multinomialBestModel(input: MultinomialBestInput): MultinomialBestModel {
  const { stats, index, data } = input;
  const fit = input.full[index];
  const sd = stats.validationSd[index];
  const best = {
    penalty: input.penalty,
    l1Ratio: input.l1Ratio,
    lambda: stats.lambdas[index],
    validation: { mean: stats.validationMean[index], sd: Number.isNaN(sd) ? null : sd },
    train: { mean: stats.trainMean[index] },
    gap: stats.gap[index],
    nonzeros: fit.nonzeros,
    ...perClassCoefficients(fit, data.classes, data.x.names),
  };
  if (input.testRows.length === 0) return best;
  const classes = data.classes.length;
  const eta = new Float64Array(classes * input.testRows.length);
  multinomialLinearPredictor(data.x, input.testRows, fit.intercepts, fit.coefficients, eta);
  const scores = Object.fromEntries(
    MULTINOMIAL_METRICS.map((metric) => [metric, multinomialMetricValue(metric, data.y, input.testRows, eta, classes)]),
  );
  const counts = confusionMatrix(data.y, input.testRows, eta, classes);
  const matrix = Array.from({ length: classes }, (_, k) => Array.from(counts.subarray(k * classes, (k + 1) * classes)));
  return { ...best, test: { ...scores, confusion: { classes: data.classes, counts: matrix } } };
}
