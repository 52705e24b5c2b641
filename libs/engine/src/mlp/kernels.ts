/**
 * The dense-layer loops of the forward and backward passes, row-major throughout (row i of A at i·fanIn, W[k, j]
 * at k·fanOut + j). Each output entry is summed in local accumulators (tiles of 8, then 4, then 1 outputs) and
 * stored once, so the inner loop does one load per multiply-add and no stores; V8 keeps up to ~14 doubles in
 * registers, so 8 accumulators plus the operands fit. Terms whose factor is exactly 0 (switched-off relu units,
 * zero errors below them) are skipped by first listing the nonzero factors of the row: for relu networks about
 * half of the hidden activations and errors are 0, and skipping them is exact (0·w adds nothing to a finite sum).
 * The lists live in the caller's scratch arrays, so nothing is allocated per batch.
 */

import { DENSE_ENOUGH, density, tiledProduct } from './kernels-tiled';

/** Scratch for the nonzero lists: offsets (Int32) and values, each at least max(fanIn, fanOut) long. */
export interface KernelScratch {
  readonly offsets: Int32Array;
  readonly values: Float64Array;
  readonly offsets2: Int32Array;
}

/**
 * Z = A·W + b for `rows` rows, Z[i, j] = b_j + Σ_k A[i, k]·W[k, j] (k ascending, zero A[i, k] skipped), with
 * max(z, 0) applied before the store when `relu` (the caller applies any other activation afterwards). Inputs
 * with few zeros go through the tiled dense product, leaving only its leftover rows to the per-row lists.
 */
export function denseForward(
  parameters: Float64Array,
  weights: number,
  biases: number,
  input: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
  out: Float64Array,
  relu: boolean,
  scratch: KernelScratch,
): void {
  const { offsets, values } = scratch;
  const dense = density(input, rows * fanIn) >= DENSE_ENOUGH;
  const first = dense
    ? tiledProduct(input, fanIn, 1, parameters, weights, biases, fanIn, rows, fanOut, out, 0, relu)
    : 0;
  for (let i = first; i < rows; i++) {
    const a = i * fanIn;
    const z = i * fanOut;
    let count = 0;
    for (let k = 0; k < fanIn; k++) {
      const v = input[a + k];
      if (v === 0) continue;
      offsets[count] = weights + k * fanOut;
      values[count++] = v;
    }
    let j = 0;
    for (; j + 8 <= fanOut; j += 8) {
      const b = biases + j;
      let s0 = parameters[b];
      let s1 = parameters[b + 1];
      let s2 = parameters[b + 2];
      let s3 = parameters[b + 3];
      let s4 = parameters[b + 4];
      let s5 = parameters[b + 5];
      let s6 = parameters[b + 6];
      let s7 = parameters[b + 7];
      for (let t = 0; t < count; t++) {
        const v = values[t];
        const w = offsets[t] + j;
        s0 += v * parameters[w];
        s1 += v * parameters[w + 1];
        s2 += v * parameters[w + 2];
        s3 += v * parameters[w + 3];
        s4 += v * parameters[w + 4];
        s5 += v * parameters[w + 5];
        s6 += v * parameters[w + 6];
        s7 += v * parameters[w + 7];
      }
      const o = z + j;
      if (relu) {
        out[o] = s0 > 0 ? s0 : 0;
        out[o + 1] = s1 > 0 ? s1 : 0;
        out[o + 2] = s2 > 0 ? s2 : 0;
        out[o + 3] = s3 > 0 ? s3 : 0;
        out[o + 4] = s4 > 0 ? s4 : 0;
        out[o + 5] = s5 > 0 ? s5 : 0;
        out[o + 6] = s6 > 0 ? s6 : 0;
        out[o + 7] = s7 > 0 ? s7 : 0;
      } else {
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
        out[o + 4] = s4;
        out[o + 5] = s5;
        out[o + 6] = s6;
        out[o + 7] = s7;
      }
    }
    for (; j + 4 <= fanOut; j += 4) {
      const b = biases + j;
      let s0 = parameters[b];
      let s1 = parameters[b + 1];
      let s2 = parameters[b + 2];
      let s3 = parameters[b + 3];
      for (let t = 0; t < count; t++) {
        const v = values[t];
        const w = offsets[t] + j;
        s0 += v * parameters[w];
        s1 += v * parameters[w + 1];
        s2 += v * parameters[w + 2];
        s3 += v * parameters[w + 3];
      }
      const o = z + j;
      out[o] = relu && !(s0 > 0) ? 0 : s0;
      out[o + 1] = relu && !(s1 > 0) ? 0 : s1;
      out[o + 2] = relu && !(s2 > 0) ? 0 : s2;
      out[o + 3] = relu && !(s3 > 0) ? 0 : s3;
    }
    for (; j < fanOut; j++) {
      let s = parameters[biases + j];
      for (let t = 0; t < count; t++) s += values[t] * parameters[offsets[t] + j];
      out[z + j] = relu && !(s > 0) ? 0 : s;
    }
  }
}

/**
 * The error one layer down, below[i, k] = f′(A[i, k])·Σ_j δ[i, j]·W[k, j] (j ascending, zero δ skipped), for a
 * layer with more than one unit. With `relu`, f′ is 1[A > 0] and the sums are computed only where A[i, k] > 0
 * (the rest are 0); otherwise the plain sums are stored and the caller multiplies by f′.
 */
export function denseBackward(
  parameters: Float64Array,
  weights: number,
  delta: Float64Array,
  activated: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
  below: Float64Array,
  relu: boolean,
  scratch: KernelScratch,
): void {
  const { offsets: columns, values, offsets2: units } = scratch;
  for (let i = 0; i < rows; i++) {
    const d = i * fanOut;
    const b = i * fanIn;
    let count = 0;
    for (let j = 0; j < fanOut; j++) {
      const e = delta[d + j];
      if (e === 0) continue;
      columns[count] = j;
      values[count++] = e;
    }
    let active = 0;
    for (let k = 0; k < fanIn; k++) {
      if (relu && activated[b + k] <= 0) below[b + k] = 0;
      else units[active++] = k;
    }
    let u = 0;
    for (; u + 4 <= active; u += 4) {
      const k0 = units[u];
      const k1 = units[u + 1];
      const k2 = units[u + 2];
      const k3 = units[u + 3];
      const w0 = weights + k0 * fanOut;
      const w1 = weights + k1 * fanOut;
      const w2 = weights + k2 * fanOut;
      const w3 = weights + k3 * fanOut;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < count; t++) {
        const e = values[t];
        const j = columns[t];
        s0 += e * parameters[w0 + j];
        s1 += e * parameters[w1 + j];
        s2 += e * parameters[w2 + j];
        s3 += e * parameters[w3 + j];
      }
      below[b + k0] = s0;
      below[b + k1] = s1;
      below[b + k2] = s2;
      below[b + k3] = s3;
    }
    for (; u < active; u++) {
      const k = units[u];
      const w = weights + k * fanOut;
      let s = 0;
      for (let t = 0; t < count; t++) s += values[t] * parameters[w + columns[t]];
      below[b + k] = s;
    }
  }
}
