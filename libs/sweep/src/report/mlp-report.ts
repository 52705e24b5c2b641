/**
 * The network part of an mlp sweep's report (issue 12): the learning curves of the chosen trial and of its λ
 * neighbours (and the curve's smallest λ, where overfitting shows first), averaged over the folds; the epoch where
 * validation was best; the weight sparsity against λ; and a verdict in numbers.
 */
import { isLossMetric, mlpLayout, withClasses, type LearningCurve, type MetricName } from '@regsweep/engine';
import type { CurveResults, MlpLearningCurveReport, MlpReport, MlpSparsityCurve } from '../types';
import { fmt } from './format';

export function mlpReport(
  results: readonly CurveResults[],
  chosen: { results: CurveResults; index: number },
  inputs: number,
  metric: MetricName,
  /** The dataset's class labels: a softmax network has one output unit per class. */
  classes?: readonly string[],
): Omit<MlpReport, 'fullDataFit'> {
  const { curve } = chosen.results;
  const last = curve.lambdas.length - 1;
  const roles: [number, MlpLearningCurveReport['role']][] = [
    [chosen.index - 1, 'larger λ'],
    [chosen.index, 'chosen'],
    [chosen.index + 1, 'smaller λ'],
  ];
  if (chosen.index + 1 < last) roles.push([last, 'smallest λ']);
  const learningCurves = roles
    .filter(([j]) => j >= 0 && j <= last)
    .map(([j, role]) => averagedCurve(chosen.results, j, role))
    .filter((c): c is MlpLearningCurveReport => c !== null);
  const chosenCurve = learningCurves.find((c) => c.role === 'chosen');
  return {
    network: curve.mlp!.network,
    params: curve.params ?? {},
    bestEpoch: chosenCurve?.bestEpoch ?? null,
    learningCurves,
    sparsity: results.map((r) => sparsityCurve(r, inputs, classes)),
    verdict: verdict(learningCurves, metric),
  };
}

/** Mean over the folds, at the epochs every fold recorded (early stopping can end folds at different epochs). */
function averagedCurve(
  results: CurveResults,
  j: number,
  role: MlpLearningCurveReport['role'],
): MlpLearningCurveReport | null {
  const curves = results.folds.map((fold) => fold.fits[j]?.learningCurve).filter((c): c is LearningCurve => !!c);
  if (curves.length === 0) return null;
  const common = Array.from(curves[0].epochs).filter((epoch) => curves.every((c) => c.epochs.includes(epoch)));
  const mean = (pick: (c: LearningCurve) => Float64Array, epoch: number) =>
    curves.reduce((sum, c) => sum + pick(c)[c.epochs.indexOf(epoch)], 0) / curves.length;
  const train = common.map((epoch) => mean((c) => c.train, epoch));
  const validation = common.map((epoch) => mean((c) => c.validation, epoch));
  let best = 0;
  validation.forEach((value, k) => {
    if (value < validation[best]) best = k;
  });
  return {
    role,
    lambda: results.curve.lambdas[j],
    epochs: common,
    train,
    validation,
    bestEpoch: common.length > 0 ? common[best] : null,
  };
}

/**
 * Zero weights over the network's weight count, per λ: how much of the network λ switched off. Of λ's full-data fit
 * where it has one; else (search.refit chosen trains it only for the trials the report reads) the mean over the
 * folds' fits, totalWeights − mean(nonzeros), `fromFolds` marking those points; null where neither is known.
 */
function sparsityCurve(results: CurveResults, inputs: number, classes?: readonly string[]): MlpSparsityCurve {
  const totalWeights = mlpLayout(inputs, withClasses(results.curve.mlp!.network, classes)).weightCount;
  return {
    penalty: results.curve.penalty,
    l1Ratio: results.curve.l1Ratio,
    params: results.curve.params ?? {},
    totalWeights,
    points: Array.from(results.curve.lambdas, (lambda, j) => {
      const full = results.full[j]?.nonzeros;
      const fromFolds = full === undefined || !Number.isFinite(full);
      const nonzeros = fromFolds ? foldsMeanNonzeros(results, j) : full;
      const zeroWeights = Number.isFinite(nonzeros) ? totalWeights - nonzeros : null;
      return {
        lambda,
        zeroWeights,
        zeroFraction: zeroWeights === null ? null : zeroWeights / totalWeights,
        ...(fromFolds && zeroWeights !== null ? { fromFolds: true } : {}),
      };
    }),
  };
}

/** The mean nonzero weight count of λ j's fold fits that have one; NaN when none has. */
function foldsMeanNonzeros(results: CurveResults, j: number): number {
  let sum = 0;
  let count = 0;
  for (const fold of results.folds) {
    const nonzeros = fold.fits[j]?.nonzeros;
    if (nonzeros === undefined || !Number.isFinite(nonzeros)) continue;
    sum += nonzeros;
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

/**
 * For each curve shown: where validation was best, how far it rose from there to the last epoch, and how much
 * train fell meanwhile. Rising validation while train falls is the overfitting the curves are drawn to show.
 */
function verdict(curves: readonly MlpLearningCurveReport[], metric: MetricName): string {
  const loss = isLossMetric(metric) ? 'loss' : metric;
  return curves
    .map((c) => {
      const k = c.epochs.indexOf(c.bestEpoch ?? -1);
      if (k < 0) return `λ ${fmt(c.lambda)} (${c.role}): no validation curve.`;
      const end = c.validation.length - 1;
      const rise = c.validation[end] - c.validation[k];
      const trainDrop = c.train[k] - c.train[end];
      const head = `λ ${fmt(c.lambda)} (${c.role}): validation ${loss} best at epoch ${c.bestEpoch} (${fmt(c.validation[k])})`;
      if (k === end) return `${head}, still falling at the last epoch: no overfitting within ${c.epochs[end]} epochs.`;
      const percent = (100 * rise) / Math.abs(c.validation[k]);
      const overfits = rise > 0 && trainDrop > 0;
      return (
        `${head}, then ${fmt(c.validation[end])} at epoch ${c.epochs[end]} (+${fmt(percent)} %) while train ` +
        `${trainDrop > 0 ? 'fell' : 'rose'} from ${fmt(c.train[k])} to ${fmt(c.train[end])}` +
        (overfits ? ': training past epoch ' + c.bestEpoch + ' overfits.' : '.')
      );
    })
    .join(' ');
}
