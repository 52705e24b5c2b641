import type { KernelScratch } from './kernels';
import { DENSE_ENOUGH, density, tiledProduct } from './kernels-tiled';

/**
 * The weight gradient of a dense layer, ∂W = Aᵀδ: ∂W[k, j] = Σ_i A[i, k]·δ[i, j] (i ascending), written over
 * gradient[weights, weights + fanIn·fanOut) (overwritten, no zeroing pass). When both factors have few zeros the
 * tiled dense product computes it; otherwise the sum skips the zero terms of whichever factor has more zeros: the
 * activations below a relu layer, or the errors of a relu layer fed by the (dense) inputs. The second case is
 * computed transposed, ∂Wᵀ = δᵀA, into `transposed` and copied across.
 */
export function denseWeightGradient(
  gradient: Float64Array,
  weights: number,
  input: Float64Array,
  delta: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
  transposed: Float64Array,
  scratch: KernelScratch,
): void {
  const inputDensity = density(input, rows * fanIn);
  const deltaDensity = density(delta, rows * fanOut);
  if (Math.min(inputDensity, deltaDensity) >= DENSE_ENOUGH) {
    const done = tiledProduct(input, 1, fanIn, delta, 0, -1, rows, fanIn, fanOut, gradient, weights, false);
    crossProduct(input, delta, done, fanIn, fanOut, rows, gradient, weights, scratch);
    return;
  }
  if (deltaDensity >= inputDensity) {
    crossProduct(input, delta, 0, fanIn, fanOut, rows, gradient, weights, scratch);
    return;
  }
  crossProduct(delta, input, 0, fanOut, fanIn, rows, transposed, 0, scratch);
  for (let j = 0; j < fanOut; j++) {
    const from = j * fanIn;
    for (let k = 0; k < fanIn; k++) gradient[weights + k * fanOut + j] = transposed[from + k];
  }
}

/** ∂b_j = Σ_i δ[i, j] (i ascending), written over gradient[biases, biases + fanOut). */
export function denseBiasGradient(
  gradient: Float64Array,
  biases: number,
  delta: Float64Array,
  fanOut: number,
  rows: number,
): void {
  for (let j = 0; j < fanOut; j++) gradient[biases + j] = 0;
  for (let i = 0; i < rows; i++) {
    const d = i * fanOut;
    for (let j = 0; j < fanOut; j++) gradient[biases + j] += delta[d + j];
  }
}

/**
 * G[r, c] = Σ_i S[i, r]·D[i, c] for S rows × R and D rows × C (row-major), r ≥ firstR, into out[at + r·C + c]. For each r the
 * rows with S[i, r] ≠ 0 are listed once, then each tile of 8 (4, 1) columns c is summed over that list in
 * registers and stored once.
 */
function crossProduct(
  sparse: Float64Array,
  dense: Float64Array,
  firstR: number,
  sparseCols: number,
  denseCols: number,
  rows: number,
  out: Float64Array,
  at: number,
  scratch: KernelScratch,
): void {
  const { offsets, values } = scratch;
  for (let r = firstR; r < sparseCols; r++) {
    let count = 0;
    for (let i = 0; i < rows; i++) {
      const v = sparse[i * sparseCols + r];
      if (v === 0) continue;
      offsets[count] = i * denseCols;
      values[count++] = v;
    }
    const o = at + r * denseCols;
    let c = 0;
    for (; c + 8 <= denseCols; c += 8) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let t = 0; t < count; t++) {
        const v = values[t];
        const d = offsets[t] + c;
        s0 += v * dense[d];
        s1 += v * dense[d + 1];
        s2 += v * dense[d + 2];
        s3 += v * dense[d + 3];
        s4 += v * dense[d + 4];
        s5 += v * dense[d + 5];
        s6 += v * dense[d + 6];
        s7 += v * dense[d + 7];
      }
      out[o + c] = s0;
      out[o + c + 1] = s1;
      out[o + c + 2] = s2;
      out[o + c + 3] = s3;
      out[o + c + 4] = s4;
      out[o + c + 5] = s5;
      out[o + c + 6] = s6;
      out[o + c + 7] = s7;
    }
    for (; c + 4 <= denseCols; c += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < count; t++) {
        const v = values[t];
        const d = offsets[t] + c;
        s0 += v * dense[d];
        s1 += v * dense[d + 1];
        s2 += v * dense[d + 2];
        s3 += v * dense[d + 3];
      }
      out[o + c] = s0;
      out[o + c + 1] = s1;
      out[o + c + 2] = s2;
      out[o + c + 3] = s3;
    }
    for (; c < denseCols; c++) {
      let s = 0;
      for (let t = 0; t < count; t++) s += values[t] * dense[offsets[t] + c];
      out[o + c] = s;
    }
  }
}
