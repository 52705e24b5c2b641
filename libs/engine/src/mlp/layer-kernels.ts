import { activateInPlace } from './activation';
import { denseBackward, denseForward } from './kernels';
import { denseBiasGradient, denseWeightGradient } from './kernels-gradient';
import { density } from './kernels-tiled';
import type { MlpWorkspace } from './workspace';

/**
 * One layer's products by the workspace's kernels: WebAssembly SIMD where it has them (wasm/wasm-dense.ts),
 * otherwise the JavaScript kernels (kernels*.ts), which compute the same sums in the same order. A one-unit layer
 * (the output) has its own loops: JavaScript ones, and with WebAssembly a dot product per row (two rows a vector).
 */

/** Z = A·W + b for layer l's `rows` rows into `out`, relu applied before the store when asked. */
export function layerForward(
  workspace: MlpWorkspace,
  parameters: Float64Array,
  l: number,
  previous: Float64Array,
  rows: number,
  out: Float64Array,
  relu: boolean,
): void {
  const { sizes, weightOffsets, biasOffsets } = workspace.layout;
  const [fanIn, fanOut, weights, biases] = [sizes[l], sizes[l + 1], weightOffsets[l], biasOffsets[l]];
  if (fanOut === 1) {
    if (workspace.wasm)
      workspace.wasm.dense.forwardOneUnit(parameters, weights, parameters[biases], previous, fanIn, rows, out);
    else singleUnitLayer(parameters, weights, parameters[biases], previous, fanIn, rows, out);
    // A one-unit hidden relu layer: the dot products store z as is, so relu after them.
    if (relu) activateInPlace('relu', out, rows);
  } else if (workspace.wasm)
    workspace.wasm.dense.forward(parameters, weights, biases, previous, fanIn, fanOut, rows, out, relu);
  else denseForward(parameters, weights, biases, previous, fanIn, fanOut, rows, out, relu, workspace.scratch);
}

/** Layer l's ∂W = Aᵀδ and ∂b = Σ_rows δ (both i ascending), written over their ranges of `gradient`. */
export function layerGradient(
  workspace: MlpWorkspace,
  gradient: Float64Array,
  l: number,
  input: Float64Array,
  delta: Float64Array,
  rows: number,
): void {
  const { sizes, weightOffsets, biasOffsets } = workspace.layout;
  const [fanIn, fanOut, weights, biases] = [sizes[l], sizes[l + 1], weightOffsets[l], biasOffsets[l]];
  const { wasm, transposed, scratch } = workspace;
  if (!wasm) {
    if (fanOut === 1) singleUnitGradient(gradient, weights, biases, input, delta, fanIn, rows);
    else {
      denseWeightGradient(gradient, weights, input, delta, fanIn, fanOut, rows, transposed, scratch);
      denseBiasGradient(gradient, biases, delta, fanOut, rows);
    }
    return;
  }
  const skipInput = listsInput(input, delta, fanIn, fanOut, rows);
  wasm.dense.weightGradient(gradient, weights, input, delta, fanIn, fanOut, rows, skipInput, transposed);
  wasm.dense.biasGradient(gradient, biases, delta, fanOut, rows, wasm.ones);
}

/** Columns of the WebAssembly kernels' widest tile (dense.wat's $accumulate). */
const TILE_COLUMNS = 16;

/**
 * Which factor of ∂W = Aᵀδ the WebAssembly product lists (true: A's nonzeros, the products then running along δ's
 * rows, fanOut wide; false: δ's, along A's rows, fanIn wide). Both give the same sums. One output unit is always
 * listed from δ (one column of products otherwise). When A is narrower than a tile and δ is at least a tile wide
 * (an input layer of 10 columns into 16 or 32 units), A is listed: listing δ would skip more zeros but walk each
 * entry through narrow tiles (8 + 2 columns for 10 inputs), which measured slower per trial (docs/benchmarks.md,
 * the MLP's epoch in one call). Otherwise the factor with more zeros is listed.
 */
export function listsInput(
  input: Float64Array,
  delta: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
): boolean {
  if (fanOut === 1) return false;
  if (fanIn < TILE_COLUMNS && fanOut >= TILE_COLUMNS) return true;
  return density(input, rows * fanIn) <= density(delta, rows * fanOut);
}

/**
 * The error one layer down, below[i, k] = Σ_j δ[i, j]·W_l[k, j] (j ascending), 0 where `relu` and the unit is off
 * (A[i, k] ≤ 0); without relu the caller multiplies by f′.
 */
export function layerBackward(
  workspace: MlpWorkspace,
  parameters: Float64Array,
  l: number,
  delta: Float64Array,
  activated: Float64Array,
  rows: number,
  below: Float64Array,
  relu: boolean,
): void {
  const { sizes, weightOffsets } = workspace.layout;
  const [fanIn, fanOut, weights] = [sizes[l], sizes[l + 1], weightOffsets[l]];
  const { wasm } = workspace;
  if (wasm) {
    const { transposedWeights } = wasm;
    wasm.dense.backward(parameters, weights, delta, activated, fanIn, fanOut, rows, below, relu, transposedWeights);
  } else if (fanOut === 1) singleUnitBackward(parameters, weights, delta, activated, fanIn, rows, below, relu);
  else denseBackward(parameters, weights, delta, activated, fanIn, fanOut, rows, below, relu, workspace.scratch);
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
