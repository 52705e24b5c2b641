/**
 * Predictions of an exported model, through the engine's own predictors (linearPredictor for a GLM, predictEta
 * for a network), so a model file answers exactly what the sweep's report scored.
 *   identity link: prediction = η;   logit link: prediction = P(y = 1) = 1/(1 + e^{−η}).
 */
import {
  linearPredictor,
  mlpLayout,
  MlpWorkspace,
  packParameters,
  predictEta,
  type DesignMatrix,
} from '@regsweep/engine';
import type { ExportedModel, MlpModel } from './model';

/** Rows per forward-pass chunk of a network (bounds the workspace's memory). */
const MLP_CHUNK_ROWS = 4096;

/** η for every row of `x`, whose columns are the model's features in the model's order. */
export function modelEta(model: ExportedModel, x: DesignMatrix): Float64Array {
  const eta = new Float64Array(x.rows);
  if (model.kind === 'glm') {
    const rows = Int32Array.from({ length: x.rows }, (_, i) => i);
    linearPredictor(x, rows, model.intercept, Float64Array.from(model.coefficients), eta);
    return eta;
  }
  return networkEta(model, x, eta);
}

/** Predictions: η for regression, the probability of class 1 for a binary classifier. */
export function predict(model: ExportedModel, x: DesignMatrix): Float64Array {
  const eta = modelEta(model, x);
  if (model.link === 'logit') for (let i = 0; i < eta.length; i++) eta[i] = logistic(eta[i]);
  return eta;
}

/** 1/(1 + e^{−η}), written so neither branch overflows. */
export function logistic(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** The inputs scaled as the network was trained, x′ = (x − mean)/scale, row-major, then the forward pass. */
function networkEta(model: MlpModel, x: DesignMatrix, out: Float64Array): Float64Array {
  const p = model.features.length;
  const { means, scales } = model.standardization;
  const input = new Float64Array(x.rows * p);
  for (let j = 0; j < p; j++) {
    const column = j * x.rows;
    for (let i = 0; i < x.rows; i++) input[i * p + j] = (x.values[column + i] - means[j]) / scales[j];
  }
  const layout = mlpLayout(p, model.network);
  const parameters = packParameters(layout, model.weights, model.biases);
  const workspace = new MlpWorkspace(layout, Math.max(1, Math.min(x.rows, MLP_CHUNK_ROWS)));
  return predictEta(model.network, parameters, input, x.rows, workspace, out);
}
