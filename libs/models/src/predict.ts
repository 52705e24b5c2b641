/**
 * Predictions of an exported model, through the engine's own predictors (linearPredictor for a GLM, predictEta
 * for a network; predict-multinomial.ts for the models with K class probabilities), so a model file answers what
 * the report scored.
 *   identity link: prediction = η;   logit link: prediction = P(y = 1) = 1/(1 + e^{−η}).
 */
import {
  linearPredictor,
  mlpLayout,
  MlpWorkspace,
  packParameters,
  predictEta,
  withClasses,
  type DesignMatrix,
} from '@regsweep/engine';
import { isClassModel, type ExportedModel, type MlpModel } from './model';
import { predictClasses } from './predict-multinomial';

/** Rows per forward-pass chunk of a network (bounds the workspace's memory). */
const MLP_CHUNK_ROWS = 4096;

/** η for every row of `x`, whose columns are the model's features in the model's order. */
export function modelEta(model: ExportedModel, x: DesignMatrix): Float64Array {
  if (isClassModel(model)) throw new Error('a softmax model has one η per class: use predictClasses');
  if (model.kind === 'glm') {
    const eta = new Float64Array(x.rows);
    const rows = Int32Array.from({ length: x.rows }, (_, i) => i);
    linearPredictor(x, rows, model.intercept, Float64Array.from(model.coefficients), eta);
    return eta;
  }
  return networkEta(model, x);
}

/** Predictions: η for regression, the probability of class 1 for a binary classifier (not a softmax model). */
export function predict(model: ExportedModel, x: DesignMatrix): Float64Array {
  const eta = modelEta(model, x);
  if (model.link === 'logit') for (let i = 0; i < eta.length; i++) eta[i] = logistic(eta[i]);
  return eta;
}

/**
 * The predict answer (API and CLI): {predictions} for one output per row; a softmax model's (multinomial, or a
 * network with softmax output) predictions are each row's class probabilities (in `classes` order), with `labels`,
 * each row's most probable class.
 */
export type PredictAnswer =
  { predictions: number[] } | { predictions: number[][]; classes: string[]; labels: string[] };

export function predictAnswer(model: ExportedModel, x: DesignMatrix): PredictAnswer {
  if (!isClassModel(model)) return { predictions: Array.from(predict(model, x)) };
  const { probabilities, labels } = predictClasses(model, x);
  return { predictions: probabilities, classes: [...model.classLabels], labels };
}

/** 1/(1 + e^{−η}), written so neither branch overflows. */
export function logistic(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/**
 * The inputs scaled as the network was trained, x′ = (x − mean)/scale, row-major, then the forward pass: η row-major,
 * one per row, or K per row (η_ik at [i·K + k]) for a softmax output.
 */
export function networkEta(model: MlpModel, x: DesignMatrix): Float64Array {
  const p = model.features.length;
  const { means, scales } = model.standardization;
  const input = new Float64Array(x.rows * p);
  for (let j = 0; j < p; j++) {
    const column = j * x.rows;
    for (let i = 0; i < x.rows; i++) input[i * p + j] = (x.values[column + i] - means[j]) / scales[j];
  }
  const labels = model.link === 'softmax' ? (model.classLabels as string[]) : undefined;
  const network = withClasses(model.network, labels);
  const layout = mlpLayout(p, network);
  const parameters = packParameters(layout, model.weights, model.biases);
  const workspace = new MlpWorkspace(layout, Math.max(1, Math.min(x.rows, MLP_CHUNK_ROWS)));
  const out = new Float64Array(x.rows * layout.sizes[layout.sizes.length - 1]);
  return predictEta(network, parameters, input, x.rows, workspace, out);
}
