/**
 * One MLP task: train the network at each λ of the spec (usually one: a sweep plans one task per trial and fold)
 * on the fold's training rows, early stopping and curves on its validation rows, and score both row sets with
 * the sweep's metric. Every λ starts from the same seeded initialisation, so a trial's result does not depend
 * on which other trials share its task.
 */
import { metricValue } from '../cv/metrics';
import { multinomialMetricValue } from '../multinomial/multinomial-metrics';
import { multinomialMetricOf } from '../multinomial/multinomial-fold-path';
import { multinomialDatasetOf } from '../multinomial/fit-multinomial';
import type { Dataset, FoldPathResult, FoldRows, MetricName, PathSpec, PointFit } from '../types';
import { MlpWorkspace, predictEta } from './backprop';
import { scaledFold, type InputScaling, type RowMajorRows } from './inputs';
import { mlpLayout, withClasses, type MlpLayout } from './layout';
import { trainingWorkspace, trainMlp } from './train';
import type { MlpWorkspaces } from './workspaces';
import type { MlpFit, MlpNetwork, MlpPathSpec } from './types';

export function evaluateMlpFold(
  dataset: Dataset,
  fold: FoldRows,
  spec: PathSpec & { readonly mlp: MlpPathSpec },
  metric: MetricName,
  signal?: { aborted: boolean },
  /** Workspaces kept from task to task (a worker thread's); without them the task makes its own. */
  workspaces?: MlpWorkspaces,
): FoldPathResult {
  // A softmax network fits class indices, as model multinomial: the dataset's labels, or a numeric target's integer
  // class codes mapped to their indices in numeric order.
  const data = spec.mlp.network.output === 'softmax' ? { ...dataset, ...multinomialDatasetOf(dataset) } : dataset;
  const { trainRows, validationRows } = fold;
  const { scaling, train, validation } = workspaces
    ? workspaces.scaledFold(data, fold, spec.standardize, spec.mlp.network.output === 'softmax')
    : scaledFold(data, fold, spec.standardize);
  const network = withClasses(spec.mlp.network, data.classes);
  const { solver } = spec.mlp;
  const layout = mlpLayout(data.x.cols, network);
  const count = spec.lambdas.length;
  const trainScores = new Float64Array(count).fill(NaN);
  const validationScores = new Float64Array(count).fill(NaN);
  const fits: PointFit[] = [];
  // One workspace for every fit and score of the task (scoring goes in chunks of its rows: the same per-row sums).
  const workspace = workspaces
    ? workspaces.forTask(layout, solver, train.rows, validation.rows)
    : trainingWorkspace(layout, solver, train.rows, validation.rows);
  for (let k = 0; k < count; k++) {
    const lambda = spec.penalty.kind === 'none' ? 0 : spec.lambdas[k];
    const l1Ratio = spec.penalty.kind === 'l1' ? 1 : spec.penalty.kind === 'elasticnet' ? spec.penalty.l1Ratio : 0;
    const fit = trainMlp({ network, solver, penalty: { lambda, l1Ratio }, train, validation, signal, workspace });
    const point = pointFit(layout, scaling, lambda, fit);
    fits.push(isReportedNetwork(fold, solver, fit) ? { ...point, networkParameters: fit.parameters } : point);
    if (fit.status === 'diverged') continue;
    const { eta } = fit;
    trainScores[k] = score(network, workspace, fit.parameters, train, trainRows, data, metric, eta?.train);
    validationScores[k] = score(
      network,
      workspace,
      fit.parameters,
      validation,
      validationRows,
      data,
      metric,
      eta?.validation,
    );
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

/**
 * Whether the fit is the network the report shows (report/mlp-chosen.ts): the full-data fit (fold 0) trained as
 * without validation rows, which then keeps its weights. Fold 0's validation rows (the test rows, when the sweep
 * holds some out) change the parameters only by early stopping, a pruner's rungs or a non-finite validation loss
 * (taken for divergence); without these, the same steps run on the same rows and give the same bits.
 */
function isReportedNetwork(fold: FoldRows, solver: MlpPathSpec['solver'], fit: MlpFit): boolean {
  if (fold.fold !== 0) return false;
  return fold.validationRows.length === 0 || (!solver.earlyStopping && !solver.rungs && fit.status === 'ok');
}

function score(
  network: MlpNetwork,
  workspace: MlpWorkspace,
  parameters: Float64Array,
  rows: RowMajorRows,
  indices: Int32Array,
  data: Dataset,
  metric: MetricName,
  /** The network's η on these rows when the fit computed them already (MlpFit.eta). */
  computed?: Float64Array,
): number {
  if (rows.rows === 0) return NaN;
  const { layout } = workspace;
  const eta = computed ?? networkPredictions(network, layout, parameters, rows, workspace);
  if (network.output !== 'softmax') return metricValue(metric, data.y, indices, eta);
  const classes = layout.sizes[layout.sizes.length - 1];
  return multinomialMetricValue(
    multinomialMetricOf(metric),
    data.y,
    indices,
    classMajor(eta, rows.rows, classes),
    classes,
  );
}

/** η of the network on a block of rows: one per row, or K per row (row-major) for softmax. */
export function networkPredictions(
  network: MlpNetwork,
  layout: MlpLayout,
  parameters: Float64Array,
  rows: RowMajorRows,
  workspace = new MlpWorkspace(layout, Math.min(rows.rows, 4096)),
): Float64Array {
  const eta = new Float64Array(rows.rows * layout.sizes[layout.sizes.length - 1]);
  return predictEta(network, parameters, rows.x, rows.rows, workspace, eta);
}

/** Row-major η (K per row) rearranged class-major (η[k·m + i]), the multinomial metrics' layout. */
export function classMajor(eta: Float64Array, rows: number, classes: number): Float64Array {
  const out = new Float64Array(eta.length);
  for (let i = 0; i < rows; i++) for (let k = 0; k < classes; k++) out[k * rows + i] = eta[i * classes + k];
  return out;
}

/**
 * The network's fit in the GLM's PointFit shape: `nonzeros` counts the nonzero weights, `iterations` the epochs
 * run. `coefficients` (original feature scale) are the model's coefficients when there is no hidden layer
 * (w_j / sd_j, the intercept moved accordingly); with hidden layers, each input's weight mass Σ_u |W₁[j, u]| / sd_j
 * (0 exactly when L1 switched the input off) and the intercept is the output bias. A softmax network has K output
 * biases and no one intercept (NaN); its coefficients are the weight mass Σ_u |W₁[j, u]| / sd_j over all first-layer
 * units (the K classes' weights when there is no hidden layer).
 */
function pointFit(layout: MlpLayout, scaling: InputScaling, lambda: number, fit: MlpFit): PointFit {
  const inputs = layout.sizes[0];
  const units = layout.sizes[1];
  const coefficients = new Float64Array(inputs);
  const outputs = layout.sizes[layout.sizes.length - 1];
  let intercept = outputs === 1 ? fit.parameters[layout.biasOffsets[layout.biasOffsets.length - 1]] : NaN;
  const linear = layout.sizes.length === 2 && outputs === 1;
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
