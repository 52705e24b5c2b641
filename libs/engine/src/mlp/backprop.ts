import { activateInPlace, multiplyByDerivative, stableSigmoid } from './activation';
import { layerBackward, layerForward, layerGradient } from './layer-kernels';
import type { MlpNetwork } from './types';
import { MlpWorkspace } from './workspace';

export { MlpWorkspace } from './workspace';

/**
 * Forward pass over `rows` input rows (row-major, `sizes[0]` values each): for each layer
 *     Z = A·W + b,  A′ = f(Z)   (f the hidden activation; the output layer keeps η = Z)
 * The loops (kernels.ts) skip inputs that are exactly 0 (switched-off relu units) and apply relu before storing.
 * Returns the buffer holding η, one value per row (K per row, row-major, for softmax).
 */
export function forwardPass(
  network: MlpNetwork,
  parameters: Float64Array,
  input: Float64Array,
  rows: number,
  workspace: MlpWorkspace,
): Float64Array {
  const staged = workspace.stage(parameters, input, rows);
  return forwardStaged(network, staged.parameters, staged.input, rows, workspace);
}

/** The forward pass on parameters and input already staged for the workspace's kernels. */
function forwardStaged(
  network: MlpNetwork,
  parameters: Float64Array,
  input: Float64Array,
  rows: number,
  workspace: MlpWorkspace,
): Float64Array {
  const layers = workspace.layout.sizes.length - 1;
  let previous = input;
  for (let l = 0; l < layers; l++) {
    const out = workspace.activations[l];
    const hidden = l < layers - 1;
    const relu = hidden && network.activation === 'relu';
    layerForward(workspace, parameters, l, previous, rows, out, relu);
    if (hidden && !relu) activateInPlace(network.activation, out, rows * workspace.layout.sizes[l + 1]);
    previous = out;
  }
  return previous;
}

/**
 * Mean data loss of η against y over `rows`: Σ(η − y)²/(2m) for linear output, Σ[log(1 + e^η) − yη]/m for logistic,
 * and for softmax (η row-major, K per row; y the class index) Σ_i [log Σ_k e^{η_ik} − η_{i,y_i}]/m.
 */
export function meanDataLoss(network: MlpNetwork, eta: Float64Array, y: Float64Array, rows: number): number {
  let total = 0;
  if (network.output === 'softmax') return softmaxLoss(eta, y, rows, network.classes ?? 0, null);
  if (network.output === 'linear') {
    for (let i = 0; i < rows; i++) {
      const r = eta[i] - y[i];
      total += r * r;
    }
    return total / (2 * rows);
  }
  for (let i = 0; i < rows; i++) {
    const e = eta[i];
    total += Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))) - y[i] * e;
  }
  return total / rows;
}

/**
 * The softmax output's mean negative log-likelihood, with the row maximum m_i subtracted so no exp overflows:
 *     −log p_{i,y_i} = m_i + log Σ_k e^{η_ik − m_i} − η_{i,y_i}
 * and, when `delta` is given, the output error δ_ik = (p_ik − 1[y_i = k])/rows written into it (one pass for both).
 */
function softmaxLoss(
  eta: Float64Array,
  y: Float64Array,
  rows: number,
  classes: number,
  delta: Float64Array | null,
): number {
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * classes;
    let max = eta[row];
    for (let k = 1; k < classes; k++) max = Math.max(max, eta[row + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(eta[row + k] - max);
    const truth = y[i];
    total += max + Math.log(sum) - eta[row + truth];
    if (!delta) continue;
    for (let k = 0; k < classes; k++) {
      delta[row + k] = (Math.exp(eta[row + k] - max) / sum - (k === truth ? 1 : 0)) / rows;
    }
  }
  return total / rows;
}

/**
 * Mean data loss over the batch and its gradient with respect to every parameter (written into `gradient`,
 * overwritten). Backpropagation: for every output the loss is the canonical link's, so the output error is
 *     δ_L = (ŷ − y)/m      (ŷ = η, σ(η) for logistic, softmax p_ik against the one-hot y_ik for softmax)
 * and for each layer, from the last,
 *     ∂W_l = A_lᵀ δ_l,   ∂b_l = Σ_rows δ_l,   δ_{l−1} = (δ_l W_lᵀ) ⊙ f′(A_l).
 */
export function dataLossAndGradient(
  network: MlpNetwork,
  given: Float64Array,
  givenInput: Float64Array,
  y: Float64Array,
  rows: number,
  workspace: MlpWorkspace,
  target: Float64Array,
): number {
  const { sizes } = workspace.layout;
  const layers = sizes.length - 1;
  const { wasm } = workspace;
  const { parameters, input } = workspace.stage(given, givenInput, rows);
  const gradient = wasm ? wasm.gradient : target;
  const eta = forwardStaged(network, parameters, input, rows, workspace);
  const outputDelta = workspace.deltas[layers - 1];
  const relu = network.activation === 'relu';
  const loss = outputLossAndDelta(network, eta, y, rows, outputDelta);
  for (let l = layers - 1; l >= 0; l--) {
    const delta = workspace.deltas[l];
    const previous = l === 0 ? input : workspace.activations[l - 1];
    layerGradient(workspace, gradient, l, previous, delta, rows);
    if (l === 0) break;
    const below = workspace.deltas[l - 1];
    layerBackward(workspace, parameters, l, delta, previous, rows, below, relu);
    if (!relu) multiplyByDerivative(network.activation, previous, below, rows * sizes[l]);
  }
  if (gradient !== target) target.set(gradient);
  return loss;
}

/** The data loss and the output error δ_L = (ŷ − y)/m of the batch. */
function outputLossAndDelta(
  network: MlpNetwork,
  eta: Float64Array,
  y: Float64Array,
  rows: number,
  delta: Float64Array,
): number {
  if (network.output === 'softmax') return softmaxLoss(eta, y, rows, network.classes ?? 0, delta);
  const logistic = network.output === 'logistic';
  for (let i = 0; i < rows; i++) delta[i] = ((logistic ? stableSigmoid(eta[i]) : eta[i]) - y[i]) / rows;
  return meanDataLoss(network, eta, y, rows);
}

/** η for `rows` input rows, in chunks of the workspace's size, copied into `out` (row-major, K per row for softmax). */
export function predictEta(
  network: MlpNetwork,
  parameters: Float64Array,
  input: Float64Array,
  rows: number,
  workspace: MlpWorkspace,
  out: Float64Array,
): Float64Array {
  const { sizes } = workspace.layout;
  const width = sizes[0];
  const outputs = sizes[sizes.length - 1];
  for (let start = 0; start < rows; start += workspace.maxRows) {
    const count = Math.min(workspace.maxRows, rows - start);
    const chunk = input.subarray(start * width, (start + count) * width);
    out.set(forwardPass(network, parameters, chunk, count, workspace).subarray(0, count * outputs), start * outputs);
  }
  return out;
}
