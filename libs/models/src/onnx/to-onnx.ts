/**
 * An exported model as an ONNX file. Input `features`: double [N, p] in the model's feature order (the metadata's
 * `features` lists them); float [N, p] in the float32 export (below). Outputs:
 *   linear GLM     ai.onnx.ml Scaler + LinearRegressor → `prediction` float [N, 1] = intercept + x·β
 *   logistic GLM   MatMul/Add → η, Softmax over (0, η) → `probabilities` double [N, 2] = [1 − p, p], and ArgMax →
 *                  `label` int64 [N] (0 or 1)
 *   multinomial    MatMul/Add → η [N, K], Softmax → `probabilities` double [N, K] in classLabels order, ArgMax and
 *                  ai.onnx.ml LabelEncoder → `label` [N] (the class label, text)
 *   network        Sub/Div (input scaling), MatMul/Add per layer, Relu/Tanh/Sigmoid between them, then as above:
 *                  `prediction` double [N, 1] (linear output), the logistic GLM's outputs (logistic output) or the
 *                  multinomial's (softmax output)
 * Why double: a classifier's small probabilities have a relative error of about the absolute error of η
 * (p ≈ e^{η} for η ≪ 0), and float32 rounds η = 20 alone to ±1e-6; onnxruntime's ai.onnx.ml linear operators compute
 * in float32 whatever their input, so the classifiers use the standard operators, which compute in double. The linear
 * regressor's prediction is η itself, whose relative error float32 keeps near 1e-7.
 *
 * The float32 export (`precision: 'float32'`) is for runtimes and pipelines that take float tensors only: float input,
 * the GLMs on the ai.onnx.ml operators (Scaler, then LinearRegressor or LinearClassifier with post_transform LOGISTIC
 * or SOFTMAX: the graph skl2onnx writes for scikit-learn's linear models) and the networks' standard operators on
 * float weights. Its probabilities carry float32's error: the larger ones to about 1e-7 relative, a small one of a
 * confident row only to about the absolute error of η.
 */
import type { ClassModel, ExportedModel, GlmModel, MlpModel, MultinomialModel } from '../model';
import { binaryClassifierGraph, linearRegressorGraph, ML_DOMAIN, multinomialClassifierGraph } from './ml-operators';
import { DOUBLE, encodeModel, FLOAT, INT64, STRING, type GraphBody, type ValueInfo } from './onnx-proto';

export const ONNX_PRECISIONS = ['float64', 'float32'] as const;
export type OnnxPrecision = (typeof ONNX_PRECISIONS)[number];
/** IR 8 with opset 13 and ai.onnx.ml 1: read by every onnxruntime since 1.10. */
const IR_VERSION = 8;
const OPSETS = [
  { domain: '', version: 13 },
  { domain: ML_DOMAIN, version: 1 },
];
const INPUT = 'features';
const ACTIVATION_OPS = { relu: 'Relu', tanh: 'Tanh', logistic: 'Sigmoid' } as const;

export function toOnnx(model: ExportedModel, precision: OnnxPrecision = 'float64'): Uint8Array {
  const elemType = precision === 'float32' ? FLOAT : DOUBLE;
  const input: ValueInfo = { name: INPUT, elemType, dims: [null, model.features.length] };
  const body = graphBody(model, precision);
  return encodeModel(
    {
      irVersion: IR_VERSION,
      opsets: OPSETS,
      producerVersion: model.provenance.exportedBy,
      docString: `regsweep ${model.kind} (${model.link} link) from sweep ${model.provenance.sweepId}`,
      metadata: {
        features: JSON.stringify(model.features),
        target: model.target,
        link: model.link,
        penalty: model.penalty,
        lambda: String(model.lambda),
        l1Ratio: String(model.l1Ratio),
        precision,
        provenance: JSON.stringify(model.provenance),
      },
    },
    { name: `regsweep_${model.kind}`, inputs: [input], ...body },
  );
}

function graphBody(model: ExportedModel, precision: OnnxPrecision): GraphBody {
  if (model.kind === 'mlp') return networkGraph(model, precision === 'float32' ? FLOAT : DOUBLE);
  if (precision === 'float64') return model.kind === 'glm' ? glmGraph(model) : multinomialGraph(model);
  return model.kind === 'glm' ? glmFloat32Graph(model) : multinomialClassifierGraph(INPUT, model);
}

function glmFloat32Graph(model: GlmModel): GraphBody {
  return model.link === 'identity' ? linearRegressorGraph(INPUT, model) : binaryClassifierGraph(INPUT, model);
}

function glmGraph(model: GlmModel): GraphBody {
  if (model.link === 'identity') return linearRegressorGraph(INPUT, model);
  const body = linearEta(model.features.length, 1, model.coefficients, 'intercept', [model.intercept]);
  return withBinaryHead(body, 'eta', DOUBLE);
}

/** η = X·B + b: MatMul by the [p, k] coefficients (row-major), then Add of the k intercepts (named `interceptName`). */
function linearEta(
  p: number,
  k: number,
  coefficients: number[],
  interceptName: string,
  intercepts: number[],
): GraphBody {
  return {
    nodes: [
      { opType: 'MatMul', inputs: [INPUT, 'coefficients'], outputs: ['product'] },
      { opType: 'Add', inputs: ['product', interceptName], outputs: ['eta'] },
    ],
    initializers: [
      { name: 'coefficients', dims: [p, k], values: coefficients },
      { name: interceptName, dims: [k], values: intercepts },
    ],
    outputs: [],
  };
}

/** MatMul/Add per class (the coefficients transposed to [p, K]), then the class head. */
function multinomialGraph(model: MultinomialModel): GraphBody {
  const p = model.features.length;
  const classes = model.classLabels.length;
  const transposed = Array.from(
    { length: p * classes },
    (_, q) => model.coefficients[q % classes][Math.floor(q / classes)],
  );
  const body = linearEta(p, classes, transposed, 'intercepts', model.intercepts);
  return withClassHead(body, 'eta', model, DOUBLE);
}

/** Weights, biases and the outputs in the given precision (FLOAT or DOUBLE): every node computes in it. */
function networkGraph(model: MlpModel, elemType: number): GraphBody {
  const p = model.features.length;
  const body: GraphBody = {
    nodes: [
      { opType: 'Sub', inputs: [INPUT, 'centres'], outputs: ['centred'] },
      { opType: 'Div', inputs: ['centred', 'scales'], outputs: ['a0'] },
    ],
    initializers: [
      { name: 'centres', dims: [p], values: model.standardization.means, elemType },
      { name: 'scales', dims: [p], values: model.standardization.scales, elemType },
    ],
    outputs: [],
  };
  let activation = 'a0';
  model.weights.forEach((layer, l) => {
    const fanIn = layer.length;
    const fanOut = layer[0].length;
    body.initializers.push({ name: `W${l}`, dims: [fanIn, fanOut], values: layer.flat(), elemType });
    body.initializers.push({ name: `b${l}`, dims: [fanOut], values: model.biases[l], elemType });
    body.nodes.push({ opType: 'MatMul', inputs: [activation, `W${l}`], outputs: [`z${l}_product`] });
    body.nodes.push({ opType: 'Add', inputs: [`z${l}_product`, `b${l}`], outputs: [`z${l}`] });
    activation = `z${l}`;
    if (l + 1 < model.weights.length) {
      const op = ACTIVATION_OPS[model.network.activation];
      body.nodes.push({ opType: op, inputs: [activation], outputs: [`a${l + 1}`] });
      activation = `a${l + 1}`;
    }
  });
  if (model.link === 'softmax') return withClassHead(body, activation, model as ClassModel, elemType);
  if (model.link === 'logit') return withBinaryHead(body, activation, elemType);
  body.nodes.push({ opType: 'Identity', inputs: [activation], outputs: ['prediction'] });
  body.outputs.push({ name: 'prediction', elemType, dims: [null, 1] });
  return body;
}

/**
 * η [N, 1] → `probabilities` [N, 2] = Softmax over (0, η) = [1 − p, p], computed after subtracting the larger score
 * (a Sigmoid would give 1 − p as 1 − σ(η), which cancels for large η), and `label` = ArgMax of (0, η): 1 where
 * η > 0 (the class labels are [0, 1], their own indices).
 */
function withBinaryHead(body: GraphBody, eta: string, elemType: number): GraphBody {
  body.nodes.push(
    { opType: 'Sub', inputs: [eta, eta], outputs: ['zero'] },
    { opType: 'Concat', inputs: ['zero', eta], outputs: ['scores'], attributes: { axis: { int: 1 } } },
    { opType: 'Softmax', inputs: ['scores'], outputs: ['probabilities'], attributes: { axis: { int: 1 } } },
    {
      opType: 'ArgMax',
      inputs: ['scores'],
      outputs: ['label'],
      attributes: { axis: { int: 1 }, keepdims: { int: 0 } },
    },
  );
  body.outputs.push(
    { name: 'label', elemType: INT64, dims: [null] },
    { name: 'probabilities', elemType, dims: [null, 2] },
  );
  return body;
}

/**
 * η [N, K] → `probabilities` = Softmax(η) per row (onnxruntime subtracts the row maximum first), and `label`: the
 * class label of the row's largest η (ArgMax, the first on a tie, as regsweep's predictedClass), named by an
 * ai.onnx.ml LabelEncoder from the class index.
 */
function withClassHead(body: GraphBody, eta: string, model: ClassModel, elemType: number): GraphBody {
  body.nodes.push(
    { opType: 'Softmax', inputs: [eta], outputs: ['probabilities'], attributes: { axis: { int: 1 } } },
    {
      opType: 'ArgMax',
      inputs: [eta],
      outputs: ['class_index'],
      attributes: { axis: { int: 1 }, keepdims: { int: 0 } },
    },
    {
      opType: 'LabelEncoder',
      domain: ML_DOMAIN,
      inputs: ['class_index'],
      outputs: ['label'],
      attributes: { classes_strings: { strings: model.classLabels }, default_string: { string: '' } },
    },
  );
  body.outputs.push(
    { name: 'label', elemType: STRING, dims: [null] },
    { name: 'probabilities', elemType, dims: [null, model.classLabels.length] },
  );
  return body;
}
