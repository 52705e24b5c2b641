/**
 * GLM graphs on the ai.onnx.ml linear operators: Scaler, then LinearRegressor or LinearClassifier. onnxruntime
 * computes these in float32 whatever their input's type, so they serve the linear regressor in every precision and
 * the classifiers only in the float32 export (`toOnnx`'s header says why the default classifiers use double).
 *
 * x is standardized inside the graph first (Scaler: z = (x − mean)·(1/scale)) and the operator reads z with the
 * standardized coefficients β_j·scale_j and intercept b + Σ β_j·mean_j: on the original scale, η is a sum of large
 * terms that cancel, and in float32 that cancellation costs digits; on the standardized scale the terms are of the
 * order of η. A constant column (scale 0) gets factor 0 and coefficient 0.
 */
import type { GlmModel, ModelStandardization, MultinomialModel } from '../model';
import { FLOAT, INT64, STRING, type GraphBody, type OnnxNode, type ValueInfo } from './onnx-proto';

export const ML_DOMAIN = 'ai.onnx.ml';
const STANDARDIZED = 'standardized';

/** LinearRegressor → `prediction` float [N, 1] = intercept + x·β. */
export function linearRegressorGraph(input: string, model: GlmModel): GraphBody {
  const { coefficients, intercept } = standardizedRow(model.coefficients, model.intercept, model.standardization);
  const regressor = {
    opType: 'LinearRegressor',
    outputs: ['prediction'],
    attributes: {
      coefficients: { floats: coefficients },
      intercepts: { floats: [intercept] },
      targets: { int: 1 },
      post_transform: { string: 'NONE' },
    },
  };
  return scaledThen(input, model.standardization, regressor, [
    { name: 'prediction', elemType: FLOAT, dims: [null, 1] },
  ]);
}

/**
 * Logistic GLM: LinearClassifier with one coefficient row and post_transform LOGISTIC → `probabilities` float
 * [N, 2] = [1 − p, p] and `label` int64 [N] (1 where η > 0), the outputs of the double export.
 */
export function binaryClassifierGraph(input: string, model: GlmModel): GraphBody {
  const { coefficients, intercept } = standardizedRow(model.coefficients, model.intercept, model.standardization);
  const classifier = {
    opType: 'LinearClassifier',
    outputs: ['label', 'probabilities'],
    attributes: {
      coefficients: { floats: coefficients },
      intercepts: { floats: [intercept] },
      classlabels_ints: { ints: [0, 1] },
      post_transform: { string: 'LOGISTIC' },
    },
  };
  return scaledThen(input, model.standardization, classifier, classifierOutputs(INT64, 2));
}

/**
 * Multinomial: LinearClassifier with one coefficient row per class and post_transform SOFTMAX → `probabilities`
 * float [N, K] in classLabels order and `label` (the class label, text).
 */
export function multinomialClassifierGraph(input: string, model: MultinomialModel): GraphBody {
  const rows = model.coefficients.map((beta, k) => standardizedRow(beta, model.intercepts[k], model.standardization));
  const classifier = {
    opType: 'LinearClassifier',
    outputs: ['label', 'probabilities'],
    attributes: {
      coefficients: { floats: rows.flatMap((row) => row.coefficients) },
      intercepts: { floats: rows.map((row) => row.intercept) },
      classlabels_strings: { strings: model.classLabels },
      post_transform: { string: 'SOFTMAX' },
    },
  };
  return scaledThen(input, model.standardization, classifier, classifierOutputs(STRING, model.classLabels.length));
}

/** Scaler, then `operator` (an ai.onnx.ml linear operator) reading the standardized x; the graph's `outputs`. */
function scaledThen(
  input: string,
  standardization: ModelStandardization,
  operator: Pick<OnnxNode, 'opType' | 'outputs' | 'attributes'>,
  outputs: ValueInfo[],
): GraphBody {
  const { opType, outputs: operatorOutputs, attributes } = operator;
  return {
    nodes: [
      scalerNode(input, standardization),
      { opType, domain: ML_DOMAIN, inputs: [STANDARDIZED], outputs: operatorOutputs, attributes },
    ],
    initializers: [],
    outputs,
  };
}

/** A classifier's outputs: `label` [N] of `labelType`, `probabilities` float [N, classes]. */
function classifierOutputs(labelType: number, classes: number): ValueInfo[] {
  return [
    { name: 'label', elemType: labelType, dims: [null] },
    { name: 'probabilities', elemType: FLOAT, dims: [null, classes] },
  ];
}

/** β_j·scale_j and b + Σ β_j·mean_j (the header's formula). */
function standardizedRow(
  beta: readonly number[],
  intercept: number,
  { means, scales }: ModelStandardization,
): { coefficients: number[]; intercept: number } {
  return {
    coefficients: beta.map((b, j) => (scales[j] === 0 ? 0 : b * scales[j])),
    intercept: beta.reduce((sum, b, j) => sum + (scales[j] === 0 ? 0 : b * means[j]), intercept),
  };
}

function scalerNode(input: string, { means, scales }: ModelStandardization): OnnxNode {
  return {
    opType: 'Scaler',
    domain: ML_DOMAIN,
    inputs: [input],
    outputs: [STANDARDIZED],
    attributes: { offset: { floats: means }, scale: { floats: scales.map((s) => (s === 0 ? 0 : 1 / s)) } },
  };
}
