/**
 * An exported model as an ONNX file (float32, as ONNX's ML operators compute). Input `features`: float [N, p] in the
 * model's feature order (the metadata's `features` lists them). Outputs:
 *   linear GLM     ai.onnx.ml LinearRegressor → `prediction` [N, 1] = intercept + x·β
 *   logistic GLM   ai.onnx.ml LinearClassifier → `label` [N] and `probabilities` [N, 2] = [1 − p, p]: two score rows
 *                  (−β, −b) and (β, b) under post_transform LOGISTIC give σ(−η) = 1 − p and σ(η) = p
 *   multinomial    ai.onnx.ml LinearClassifier over K score rows → `label` [N] (the class label, text) and
 *                  `probabilities` [N, K] under post_transform SOFTMAX, in classLabels order
 *   network        Sub/Div (input scaling), MatMul/Add per layer, Relu/Tanh/Sigmoid between them → `prediction`
 *                  [N, 1], or for a logistic output Softmax of Concat(0, η) → `probabilities` [N, 2] = [1 − p, p]
 */
import type { ExportedModel, GlmModel, MlpModel, ModelStandardization, MultinomialModel } from '../model';
import { encodeModel, FLOAT, INT64, STRING, type Initializer, type OnnxNode, type ValueInfo } from './onnx-proto';

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
  const input: ValueInfo = { name: INPUT, elemType: FLOAT, dims: [null, p] };
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

/**
 * x is standardized inside the graph first (ai.onnx.ml Scaler: z = (x − mean)·(1/scale)) and the linear operator
 * reads z with the standardized coefficients β_j·scale_j and intercept b + Σ β_j·mean_j: on the original scale, η is
 * a sum of large terms that cancel (breast-cancer's areas are ~10³), and in float32 that cancellation costs digits;
 * on the standardized scale the terms are of the order of η. A constant column (scale 0) gets factor 0 and
 * coefficient 0.
 */
function standardized(model: GlmModel): { scaler: OnnxNode; coefficients: number[]; intercept: number } {
  const { coefficients, intercept } = standardizedLinear(model.standardization, model.coefficients, model.intercept);
  return { scaler: scalerNode(model.standardization), coefficients, intercept };
}

/** β_j·scale_j and b + Σ_j β_j·mean_j: the same η from z = (x − mean)/scale as from x (0 for a constant column). */
function standardizedLinear(
  { means, scales }: ModelStandardization,
  beta: readonly number[],
  intercept: number,
): { coefficients: number[]; intercept: number } {
  return {
    coefficients: beta.map((b, j) => (scales[j] === 0 ? 0 : b * scales[j])),
    intercept: beta.reduce((sum, b, j) => sum + (scales[j] === 0 ? 0 : b * means[j]), intercept),
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

/**
 * Scaler, then LinearClassifier with K score rows (class k's standardized coefficients and intercept, as the
 * binary GLM's) under SOFTMAX: p_k = e^{η_k}/Σ_l e^{η_l}, onnxruntime subtracting the largest score first.
 */
function multinomialGraph(model: MultinomialModel): GraphBody {
  const perClass = model.coefficients.map((beta, k) =>
    standardizedLinear(model.standardization, beta, model.intercepts[k]),
  );
  const classes = model.classLabels.length;
  return {
    nodes: [
      scalerNode(model.standardization),
      {
        opType: 'LinearClassifier',
        domain: ML_DOMAIN,
        inputs: ['standardized'],
        outputs: ['label', 'probabilities'],
        attributes: {
          coefficients: { floats: perClass.flatMap((c) => c.coefficients) },
          intercepts: { floats: perClass.map((c) => c.intercept) },
          classlabels_strings: { strings: model.classLabels },
          multi_class: { int: 0 },
          post_transform: { string: 'SOFTMAX' },
        },
      },
    ],
    initializers: [],
    outputs: [
      { name: 'label', elemType: STRING, dims: [null] },
      { name: 'probabilities', elemType: FLOAT, dims: [null, classes] },
    ],
  };
}

function glmGraph(model: GlmModel): GraphBody {
  const { scaler, coefficients, intercept } = standardized(model);
  if (model.link === 'identity') {
    return {
      nodes: [
        scaler,
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
  // Scores (0, η) under SOFTMAX give (1 − p, p) with p = e^η/(1 + e^η), computed after subtracting the larger
  // score; post_transform LOGISTIC would compute p = 1 − σ(|η|) for η < 0, which cancels to 0 in float32.
  return {
    nodes: [
      scaler,
      {
        opType: 'LinearClassifier',
        domain: ML_DOMAIN,
        inputs: ['standardized'],
        outputs: ['label', 'probabilities'],
        attributes: {
          coefficients: { floats: [...coefficients.map(() => 0), ...coefficients] },
          intercepts: { floats: [0, intercept] },
          classlabels_ints: { ints: model.classLabels ?? [0, 1] },
          multi_class: { int: 0 },
          post_transform: { string: 'SOFTMAX' },
        },
      },
    ],
    initializers: [],
    outputs: [
      { name: 'label', elemType: INT64, dims: [null] },
      { name: 'probabilities', elemType: FLOAT, dims: [null, 2] },
    ],
  };
}

function networkGraph(model: MlpModel): GraphBody {
  const p = model.features.length;
  const initializers: Initializer[] = [
    { name: 'centres', dims: [p], values: model.standardization.means },
    { name: 'scales', dims: [p], values: model.standardization.scales },
  ];
  const nodes: OnnxNode[] = [
    { opType: 'Sub', inputs: [INPUT, 'centres'], outputs: ['centred'] },
    { opType: 'Div', inputs: ['centred', 'scales'], outputs: ['a0'] },
  ];
  let activation = 'a0';
  model.weights.forEach((layer, l) => {
    const fanIn = layer.length;
    const fanOut = layer[0].length;
    initializers.push({ name: `W${l}`, dims: [fanIn, fanOut], values: layer.flat() });
    initializers.push({ name: `b${l}`, dims: [fanOut], values: model.biases[l] });
    nodes.push({ opType: 'MatMul', inputs: [activation, `W${l}`], outputs: [`z${l}_product`] });
    nodes.push({ opType: 'Add', inputs: [`z${l}_product`, `b${l}`], outputs: [`z${l}`] });
    activation = `z${l}`;
    if (l + 1 < model.weights.length) {
      nodes.push({ opType: ACTIVATION_OPS[model.network.activation], inputs: [activation], outputs: [`a${l + 1}`] });
      activation = `a${l + 1}`;
    }
  });
  if (model.link === 'identity') {
    nodes.push({ opType: 'Identity', inputs: [activation], outputs: ['prediction'] });
    return { nodes, initializers, outputs: [{ name: 'prediction', elemType: FLOAT, dims: [null, 1] }] };
  }
  // Softmax over (0, η), as the GLM's classifier: onnxruntime's Sigmoid loses relative accuracy for very negative η.
  nodes.push(
    { opType: 'Sub', inputs: [activation, activation], outputs: ['zero'] },
    { opType: 'Concat', inputs: ['zero', activation], outputs: ['scores'], attributes: { axis: { int: 1 } } },
    { opType: 'Softmax', inputs: ['scores'], outputs: ['probabilities'], attributes: { axis: { int: 1 } } },
  );
  return { nodes, initializers, outputs: [{ name: 'probabilities', elemType: FLOAT, dims: [null, 2] }] };
}
