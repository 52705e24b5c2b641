import { dataLossAndGradient, meanDataLoss, MlpWorkspace, predictEta } from './backprop';
import type { RowMajorRows } from './inputs';
import type { MlpLayout } from './layout';
import { addL2Gradient, weightPenalty } from './penalty';
import type { MlpNetwork, MlpPenalty } from './types';

/** Mean data loss (½-mse or logloss) of the parameters on a block of rows, forward passes in workspace-size chunks. */
export function lossOn(
  network: MlpNetwork,
  parameters: Float64Array,
  rows: RowMajorRows,
  workspace: MlpWorkspace,
  eta: Float64Array = new Float64Array(rows.rows),
): number {
  if (rows.rows === 0) return NaN;
  predictEta(network, parameters, rows.x, rows.rows, workspace, eta);
  return meanDataLoss(network, eta, rows.y, rows.rows);
}

/** The whole objective on a block of rows: data loss + λ·[r·Σ|W| + (1−r)/2·ΣW²]. */
export function evaluateObjective(
  network: MlpNetwork,
  layout: MlpLayout,
  parameters: Float64Array,
  rows: RowMajorRows,
  workspace: MlpWorkspace,
  penalty: MlpPenalty,
): number {
  return (
    lossOn(network, parameters, rows, workspace) + weightPenalty(layout, parameters, penalty.lambda, penalty.l1Ratio)
  );
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

/** η of the best constant prediction: ȳ for linear output, log(ȳ/(1−ȳ)) (ȳ kept inside (0, 1)) for logistic. */
export function nullEta(network: MlpNetwork, y: Float64Array): number {
  const mean = y.reduce((sum, v) => sum + v, 0) / Math.max(1, y.length);
  if (network.output === 'linear') return mean;
  const q = Math.min(Math.max(mean, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
}

/** Data loss of that constant prediction. */
export function nullLoss(network: MlpNetwork, y: Float64Array): number {
  const eta = new Float64Array(y.length).fill(nullEta(network, y));
  return meanDataLoss(network, eta, y, y.length);
}
