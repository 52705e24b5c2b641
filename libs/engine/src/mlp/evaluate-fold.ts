/**
 * One MLP task: train the network at each λ of the spec (usually one: a sweep plans one task per trial and fold)
 * on the fold's training rows, early stopping and curves on its validation rows, and score both row sets with
 * the sweep's metric. Every λ starts from the same seeded initialisation, so a trial's result does not depend
 * on which other trials share its task.
 */
import { metricValue } from '../cv/metrics';
import type { Dataset, FoldPathResult, FoldRows, MetricName, PathSpec, PointFit } from '../types';
import { MlpWorkspace, predictEta } from './backprop';
import { inputScaling, scaledRows, type InputScaling, type RowMajorRows } from './inputs';
import { mlpLayout, type MlpLayout } from './layout';
import { trainMlp } from './train';
import type { MlpFit, MlpNetwork, MlpPathSpec } from './types';

export function evaluateMlpFold(
  data: Dataset,
  fold: FoldRows,
  spec: PathSpec & { readonly mlp: MlpPathSpec },
  metric: MetricName,
  signal?: { aborted: boolean },
): FoldPathResult {
  const { trainRows, validationRows } = fold;
  const scaling = inputScaling(data, trainRows, spec.standardize);
  const train = scaledRows(data, trainRows, scaling);
  const validation = scaledRows(data, validationRows, scaling);
  const { network, solver } = spec.mlp;
  const layout = mlpLayout(data.x.cols, network);
  const count = spec.lambdas.length;
  const trainScores = new Float64Array(count).fill(NaN);
  const validationScores = new Float64Array(count).fill(NaN);
  const fits: PointFit[] = [];
  for (let k = 0; k < count; k++) {
    const lambda = spec.penalty.kind === 'none' ? 0 : spec.lambdas[k];
    const l1Ratio = spec.penalty.kind === 'l1' ? 1 : spec.penalty.kind === 'elasticnet' ? spec.penalty.l1Ratio : 0;
    const fit = trainMlp({ network, solver, penalty: { lambda, l1Ratio }, train, validation, signal });
    fits.push(pointFit(layout, scaling, lambda, fit));
    if (fit.status === 'diverged') continue;
    trainScores[k] = score(network, layout, fit.parameters, train, trainRows, data, metric);
    validationScores[k] = score(network, layout, fit.parameters, validation, validationRows, data, metric);
  }
  return {
    fold: fold.fold,
    trainSize: trainRows.length,
    validationSize: validationRows.length,
    fits,
    train: trainScores,
    validation: validationScores,
  };
}

function score(
  network: MlpNetwork,
  layout: MlpLayout,
  parameters: Float64Array,
  rows: RowMajorRows,
  indices: Int32Array,
  data: Dataset,
  metric: MetricName,
): number {
  if (rows.rows === 0) return NaN;
  const eta = new Float64Array(rows.rows);
  predictEta(network, parameters, rows.x, rows.rows, new MlpWorkspace(layout, Math.min(rows.rows, 4096)), eta);
  return metricValue(metric, data.y, indices, eta);
}

/**
 * The network's fit in the GLM's PointFit shape: `nonzeros` counts the nonzero weights, `iterations` the epochs
 * run. `coefficients` (original feature scale) are the model's coefficients when there is no hidden layer
 * (w_j / sd_j, the intercept moved accordingly); with hidden layers, each input's weight mass Σ_u |W₁[j, u]| / sd_j
 * (0 exactly when L1 switched the input off) and the intercept is the output bias.
 */
function pointFit(layout: MlpLayout, scaling: InputScaling, lambda: number, fit: MlpFit): PointFit {
  const inputs = layout.sizes[0];
  const units = layout.sizes[1];
  const coefficients = new Float64Array(inputs);
  const outputBias = fit.parameters[layout.biasOffsets[layout.biasOffsets.length - 1]];
  let intercept = outputBias;
  const linear = layout.sizes.length === 2;
  for (let j = 0; j < inputs; j++) {
    let mass = 0;
    for (let u = 0; u < units; u++) mass += Math.abs(fit.parameters[j * units + u]);
    coefficients[j] = (linear ? fit.parameters[j] : mass) / scaling.scales[j];
    if (linear) intercept -= coefficients[j] * scaling.centres[j];
  }
  const diverged = fit.status === 'diverged';
  return {
    lambda,
    intercept,
    coefficients,
    nonzeros: fit.sparsity.totalWeights - fit.sparsity.zeroWeights,
    objective: fit.objective,
    iterations: fit.epochsRun,
    converged: !diverged,
    status: diverged ? 'diverged' : 'ok',
    ...(fit.reason ? { reason: fit.reason } : {}),
    learningCurve: fit.learningCurve,
  };
}
