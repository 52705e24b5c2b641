/**
 * An exported model as an ONNX file. Input `features`: double [N, p] in the model's feature order (the metadata's
 * `features` lists them). Outputs:
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
 */
import type { ClassModel, ExportedModel, GlmModel, MlpModel, ModelStandardization, MultinomialModel } from '../model';
import {
  DOUBLE,
  encodeModel,
  FLOAT,
  INT64,
  STRING,
  type Initializer,
  type OnnxNode,
  type ValueInfo,
} from './onnx-proto';

const ML_DOMAIN = 'ai.onnx.ml';
/** IR 8 with opset 13 and ai.onnx.ml 1: read by every onnxruntime since 1.10. */
const IR_VERSION = 8;
const OPSETS = [
  { domain: '', version: 13 },
  { domain: ML_DOMAIN, version: 1 },
];
const INPUT = 'features';
const ACTIVATION_OPS = { relu: 'Relu', tanh: 'Tanh', logistic: 'Sigmoid' } as const;

export function toOnnx(model: ExportedModel): Uint8Array {
  const p = model.features.length;
  const input: ValueInfo = { name: INPUT, elemType: DOUBLE, dims: [null, p] };
  const body =
    model.kind === 'glm' ? glmGraph(model) : model.kind === 'mlp' ? networkGraph(model) : multinomialGraph(model);
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
        provenance: JSON.stringify(model.provenance),
      },
    },
    { name: `regsweep_${model.kind}`, inputs: [input], ...body },
  );
}

type GraphBody = { nodes: OnnxNode[]; initializers: Initializer[]; outputs: ValueInfo[] };

function glmGraph(model: GlmModel): GraphBody {
  if (model.link === 'identity') return linearRegressorGraph(model);
  const p = model.features.length;
  const body: GraphBody = {
    nodes: [
      { opType: 'MatMul', inputs: [INPUT, 'coefficients'], outputs: ['product'] },
      { opType: 'Add', inputs: ['product', 'intercept'], outputs: ['eta'] },
    ],
    initializers: [
      { name: 'coefficients', dims: [p, 1], values: model.coefficients },
      { name: 'intercept', dims: [1], values: [model.intercept] },
    ],
    outputs: [],
  };
  return withBinaryHead(body, 'eta');
}

/** MatMul/Add per class (the coefficients transposed to [p, K]), then the class head. */
function multinomialGraph(model: MultinomialModel): GraphBody {
  const p = model.features.length;
  const classes = model.classLabels.length;
  const transposed = Array.from(
    { length: p * classes },
    (_, q) => model.coefficients[q % classes][Math.floor(q / classes)],
  );
  const body: GraphBody = {
    nodes: [
      { opType: 'MatMul', inputs: [INPUT, 'coefficients'], outputs: ['product'] },
      { opType: 'Add', inputs: ['product', 'intercepts'], outputs: ['eta'] },
    ],
    initializers: [
      { name: 'coefficients', dims: [p, classes], values: transposed },
      { name: 'intercepts', dims: [classes], values: model.intercepts },
    ],
    outputs: [],
  };
  return withClassHead(body, 'eta', model);
}

function networkGraph(model: MlpModel): GraphBody {
  const p = model.features.length;
  const body: GraphBody = {
    nodes: [
      { opType: 'Sub', inputs: [INPUT, 'centres'], outputs: ['centred'] },
      { opType: 'Div', inputs: ['centred', 'scales'], outputs: ['a0'] },
    ],
    initializers: [
      { name: 'centres', dims: [p], values: model.standardization.means },
      { name: 'scales', dims: [p], values: model.standardization.scales },
    ],
    outputs: [],
  };
  let activation = 'a0';
  model.weights.forEach((layer, l) => {
    const fanIn = layer.length;
    const fanOut = layer[0].length;
    body.initializers.push({ name: `W${l}`, dims: [fanIn, fanOut], values: layer.flat() });
    body.initializers.push({ name: `b${l}`, dims: [fanOut], values: model.biases[l] });
    body.nodes.push({ opType: 'MatMul', inputs: [activation, `W${l}`], outputs: [`z${l}_product`] });
    body.nodes.push({ opType: 'Add', inputs: [`z${l}_product`, `b${l}`], outputs: [`z${l}`] });
    activation = `z${l}`;
    if (l + 1 < model.weights.length) {
      const op = ACTIVATION_OPS[model.network.activation];
      body.nodes.push({ opType: op, inputs: [activation], outputs: [`a${l + 1}`] });
      activation = `a${l + 1}`;
    }
  });
  if (model.link === 'softmax') return withClassHead(body, activation, model as ClassModel);
  if (model.link === 'logit') return withBinaryHead(body, activation);
  body.nodes.push({ opType: 'Identity', inputs: [activation], outputs: ['prediction'] });
  body.outputs.push({ name: 'prediction', elemType: DOUBLE, dims: [null, 1] });
  return body;
}

/**
 * η [N, 1] → `probabilities` [N, 2] = Softmax over (0, η) = [1 − p, p], computed after subtracting the larger score
 * (a Sigmoid would give 1 − p as 1 − σ(η), which cancels for large η), and `label` = ArgMax of (0, η): 1 where
 * η > 0 (the class labels are [0, 1], their own indices).
 */
function withBinaryHead(body: GraphBody, eta: string): GraphBody {
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
    { name: 'probabilities', elemType: DOUBLE, dims: [null, 2] },
  );
  return body;
}

/**
 * η [N, K] → `probabilities` = Softmax(η) per row (onnxruntime subtracts the row maximum first), and `label`: the
 * class label of the row's largest η (ArgMax, the first on a tie, as regsweep's predictedClass), named by an
 * ai.onnx.ml LabelEncoder from the class index.
 */
function withClassHead(body: GraphBody, eta: string, model: ClassModel): GraphBody {
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
    { name: 'probabilities', elemType: DOUBLE, dims: [null, model.classLabels.length] },
  );
  return body;
}

/**
 * x is standardized inside the graph first (ai.onnx.ml Scaler: z = (x − mean)·(1/scale)) and the regressor reads z
 * with the standardized coefficients β_j·scale_j and intercept b + Σ β_j·mean_j: on the original scale, η is a sum of
 * large terms that cancel, and in float32 that cancellation costs digits; on the standardized scale the terms are of
 * the order of η. A constant column (scale 0) gets factor 0 and coefficient 0.
 */
function linearRegressorGraph(model: GlmModel): GraphBody {
  const { means, scales } = model.standardization;
  const coefficients = model.coefficients.map((b, j) => (scales[j] === 0 ? 0 : b * scales[j]));
  const intercept = model.coefficients.reduce(
    (sum, b, j) => sum + (scales[j] === 0 ? 0 : b * means[j]),
    model.intercept,
  );
  return {
    nodes: [
      scalerNode(model.standardization),
      {
        opType: 'LinearRegressor',
        domain: ML_DOMAIN,
        inputs: ['standardized'],
        outputs: ['prediction'],
        attributes: {
          coefficients: { floats: coefficients },
          intercepts: { floats: [intercept] },
          targets: { int: 1 },
          post_transform: { string: 'NONE' },
        },
      },
    ],
    initializers: [],
    outputs: [{ name: 'prediction', elemType: FLOAT, dims: [null, 1] }],
  };
}

function scalerNode({ means, scales }: ModelStandardization): OnnxNode {
  return {
    opType: 'Scaler',
    domain: ML_DOMAIN,
    inputs: [INPUT],
    outputs: ['standardized'],
    attributes: { offset: { floats: means }, scale: { floats: scales.map((s) => (s === 0 ? 0 : 1 / s)) } },
  };
}
