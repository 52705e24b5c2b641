import { activateInPlace, multiplyByDerivative, stableSigmoid } from './activation';
import { denseBackward, denseForward, type KernelScratch } from './kernels';
import { denseBiasGradient, denseWeightGradient } from './kernels-gradient';
import { density } from './kernels-tiled';
import type { MlpLayout } from './layout';
import type { MlpNetwork } from './types';
import { createWasmDense, type WasmDense } from './wasm/wasm-dense';

/**
 * Preallocated buffers for up to `maxRows` rows: activations[l] and deltas[l] hold layer l+1's outputs and their
 * error terms, row-major (row i at i·units); `scratch` holds the JavaScript kernels' nonzero lists and `transposed`
 * one layer's transposed weight gradient. Reused for every batch, so training allocates nothing per batch.
 *
 * Where the runtime runs WebAssembly SIMD (and `kernels` is not 'javascript'), the dense products run in
 * wasm/dense.wat and every buffer is a view of that module's memory, with room for a copy of the parameters, the
 * gradient, the input rows and one layer's Wᵀ: `wasm` is then set. Both kernels give the same sums (kernels.ts).
 */
export class MlpWorkspace {
  readonly activations: Float64Array[];
  readonly deltas: Float64Array[];
  readonly scratch: KernelScratch;
  readonly transposed: Float64Array;
  readonly wasm: WasmBuffers | undefined;

  constructor(
    readonly layout: MlpLayout,
    readonly maxRows: number,
    kernels: 'wasm' | 'javascript' = 'wasm',
  ) {
    const layers = layout.sizes.length - 1;
    const outputs = Array.from({ length: layers }, (_, l) => maxRows * layout.sizes[l + 1]);
    const longest = Math.max(maxRows, ...layout.sizes);
    const largestLayer = Math.max(...layout.sizes.slice(1).map((units, l) => units * layout.sizes[l]));
    const count = layout.parameterCount;
    const dense =
      kernels === 'wasm'
        ? createWasmDense(
            [count, count, maxRows * layout.sizes[0], largestLayer, largestLayer, ...outputs, ...outputs],
            longest,
          )
        : undefined;
    if (dense) {
      const [parameters, gradient, input, transposedWeights, transposed, ...rest] = dense.buffers;
      this.wasm = { dense, parameters, gradient, input, transposedWeights };
      this.transposed = transposed;
      this.activations = rest.slice(0, layers);
      this.deltas = rest.slice(layers);
    } else {
      this.wasm = undefined;
      this.transposed = new Float64Array(largestLayer);
      this.activations = outputs.map((length) => new Float64Array(length));
      this.deltas = outputs.map((length) => new Float64Array(length));
    }
    this.scratch = {
      offsets: new Int32Array(longest),
      values: new Float64Array(longest),
      offsets2: new Int32Array(longest),
    };
  }

  /** The parameters and input rows as the kernels read them: copied into the module's memory when it runs them. */
  stage(
    parameters: Float64Array,
    input: Float64Array,
    rows: number,
  ): { parameters: Float64Array; input: Float64Array } {
    const wasm = this.wasm;
    if (!wasm) return { parameters, input };
    wasm.parameters.set(parameters);
    if (wasm.dense.holds(input)) return { parameters: wasm.parameters, input };
    const length = rows * this.layout.sizes[0];
    wasm.input.set(length === input.length ? input : input.subarray(0, length));
    return { parameters: wasm.parameters, input: wasm.input };
  }
}

/** A workspace's WebAssembly kernels and its buffers in their memory. */
interface WasmBuffers {
  readonly dense: WasmDense;
  readonly parameters: Float64Array;
  readonly gradient: Float64Array;
  readonly input: Float64Array;
  readonly transposedWeights: Float64Array;
}

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
  const { sizes, weightOffsets, biasOffsets } = workspace.layout;
  const layers = sizes.length - 1;
  let previous = input;
  for (let l = 0; l < layers; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const weights = weightOffsets[l];
    const biases = biasOffsets[l];
    const out = workspace.activations[l];
    if (fanOut === 1) {
      singleUnitLayer(parameters, weights, parameters[biases], previous, fanIn, rows, out);
      previous = out;
      continue;
    }
    const hidden = l < layers - 1;
    const relu = hidden && network.activation === 'relu';
    if (workspace.wasm)
      workspace.wasm.dense.forward(parameters, weights, biases, previous, fanIn, fanOut, rows, out, relu);
    else denseForward(parameters, weights, biases, previous, fanIn, fanOut, rows, out, relu, workspace.scratch);
    if (hidden && !relu) activateInPlace(network.activation, out, rows * fanOut);
    previous = out;
  }
  return previous;
}

/** A one-unit layer (the output): z_i = b + Σ_k a_ik·w_k, a dot product per row instead of a loop over 1 unit. */
function singleUnitLayer(
  parameters: Float64Array,
  weights: number,
  bias: number,
  previous: Float64Array,
  fanIn: number,
  rows: number,
  out: Float64Array,
): void {
  for (let i = 0; i < rows; i++) {
    const aRow = i * fanIn;
    let z = bias;
    for (let k = 0; k < fanIn; k++) z += previous[aRow + k] * parameters[weights + k];
    out[i] = z;
  }
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
  const { sizes, weightOffsets, biasOffsets } = workspace.layout;
  const layers = sizes.length - 1;
  const { wasm } = workspace;
  const { parameters, input } = workspace.stage(given, givenInput, rows);
  const gradient = wasm ? wasm.gradient : target;
  const eta = forwardStaged(network, parameters, input, rows, workspace);
  const outputDelta = workspace.deltas[layers - 1];
  const relu = network.activation === 'relu';
  const { scratch } = workspace;
  const loss = outputLossAndDelta(network, eta, y, rows, outputDelta);
  for (let l = layers - 1; l >= 0; l--) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const delta = workspace.deltas[l];
    const previous = l === 0 ? input : workspace.activations[l - 1];
    const weights = weightOffsets[l];
    const biases = biasOffsets[l];
    if (fanOut === 1) {
      singleUnitGradient(gradient, weights, biases, previous, delta, fanIn, rows);
    } else {
      weightGradient(workspace, gradient, weights, previous, delta, fanIn, fanOut, rows);
      denseBiasGradient(gradient, biases, delta, fanOut, rows);
    }
    if (l === 0) break;
    const below = workspace.deltas[l - 1];
    if (fanOut === 1) {
      singleUnitBackward(parameters, weights, delta, previous, fanIn, rows, below, relu);
    } else {
      if (wasm) {
        const { transposedWeights } = wasm;
        wasm.dense.backward(parameters, weights, delta, previous, fanIn, fanOut, rows, below, relu, transposedWeights);
      } else denseBackward(parameters, weights, delta, previous, fanIn, fanOut, rows, below, relu, scratch);
    }
    if (!relu) multiplyByDerivative(network.activation, previous, below, rows * fanIn);
  }
  if (wasm) target.set(gradient);
  return loss;
}

/** ∂W = Aᵀδ by the workspace's kernels, the list skipping the zeros of the factor with more of them. */
function weightGradient(
  workspace: MlpWorkspace,
  gradient: Float64Array,
  weights: number,
  input: Float64Array,
  delta: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
): void {
  const { wasm, transposed, scratch } = workspace;
  if (!wasm) {
    denseWeightGradient(gradient, weights, input, delta, fanIn, fanOut, rows, transposed, scratch);
    return;
  }
  const skipInput = density(input, rows * fanIn) <= density(delta, rows * fanOut);
  wasm.dense.weightGradient(gradient, weights, input, delta, fanIn, fanOut, rows, skipInput, transposed);
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

/** below[i, k] = δ_i·w_k for a one-unit layer, set to 0 where a relu unit below is off (f′ = 0). */
function singleUnitBackward(
  parameters: Float64Array,
  weights: number,
  delta: Float64Array,
  activated: Float64Array,
  fanIn: number,
  rows: number,
  below: Float64Array,
  relu: boolean,
): void {
  for (let i = 0; i < rows; i++) {
    const e = delta[i];
    const b = i * fanIn;
    for (let k = 0; k < fanIn; k++) {
      below[b + k] = relu && activated[b + k] <= 0 ? 0 : e * parameters[weights + k];
    }
  }
}

/** The same for a one-unit layer: ∂w_k = Σ_i a_ik·δ_i, ∂b = Σ_i δ_i (the first row overwrites, the rest add). */
function singleUnitGradient(
  gradient: Float64Array,
  weights: number,
  bias: number,
  previous: Float64Array,
  delta: Float64Array,
  fanIn: number,
  rows: number,
): void {
  let biasSum = delta[0];
  for (let k = 0; k < fanIn; k++) gradient[weights + k] = previous[k] * biasSum;
  for (let i = 1; i < rows; i++) {
    const d = delta[i];
    biasSum += d;
    const aRow = i * fanIn;
    for (let k = 0; k < fanIn; k++) gradient[weights + k] += previous[aRow + k] * d;
  }
  gradient[bias] = biasSum;
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
