import { dataLossAndGradient, meanDataLoss, MlpWorkspace, predictEta } from './backprop';
import type { RowMajorRows } from './inputs';
import { outputUnits, type MlpLayout } from './layout';
import { addL2Gradient, weightPenalty } from './penalty';
import type { MlpNetwork, MlpPenalty } from './types';

/** Mean data loss (½-mse or logloss) of the parameters on a block of rows, forward passes in workspace-size chunks. */
export function lossOn(
  network: MlpNetwork,
  parameters: Float64Array,
  rows: RowMajorRows,
  workspace: MlpWorkspace,
  eta: Float64Array = new Float64Array(rows.rows * outputUnits(network)),
): number {
  if (rows.rows === 0) return NaN;
  predictEta(network, parameters, rows.x, rows.rows, workspace, eta);
  return meanDataLoss(network, eta, rows.y, rows.rows);
}

/**
 * The objective over all rows in one batch and the gradient of its smooth part (data loss + L2 part), the
 * quantities scikit-learn's `_backprop` returns; the L1 part is left to the proximal step.
 */
export function objectiveAndSmoothGradient(
  network: MlpNetwork,
  layout: MlpLayout,
  parameters: Float64Array,
  rows: RowMajorRows,
  penalty: MlpPenalty,
  gradient: Float64Array,
): number {
  const workspace = new MlpWorkspace(layout, rows.rows);
  const loss = dataLossAndGradient(network, parameters, rows.x, rows.y, rows.rows, workspace, gradient);
  addL2Gradient(layout, parameters, gradient, penalty.lambda * (1 - penalty.l1Ratio));
  return loss + weightPenalty(layout, parameters, penalty.lambda, penalty.l1Ratio);
}

/**
 * The output biases of the best constant prediction: ȳ for linear output, log(ȳ/(1−ȳ)) for logistic, and the log
 * class frequencies log q_k for softmax (softmax(log q) = q); frequencies are kept inside (0, 1).
 */
export function nullEta(network: MlpNetwork, y: Float64Array): Float64Array {
  const n = Math.max(1, y.length);
  if (network.output === 'softmax') {
    const counts = new Float64Array(outputUnits(network));
    for (const label of y) counts[label]++;
    return counts.map((count) => Math.log(Math.min(Math.max(count / n, 1e-9), 1 - 1e-9)));
  }
  const mean = y.reduce((sum, v) => sum + v, 0) / n;
  if (network.output === 'linear') return Float64Array.of(mean);
  const q = Math.min(Math.max(mean, 1e-9), 1 - 1e-9);
  return Float64Array.of(Math.log(q / (1 - q)));
}

/** Data loss of that constant prediction. */
export function nullLoss(network: MlpNetwork, y: Float64Array): number {
  const biases = nullEta(network, y);
  const eta = new Float64Array(y.length * biases.length);
  for (let i = 0; i < y.length; i++) eta.set(biases, i * biases.length);
  return meanDataLoss(network, eta, y, y.length);
}
