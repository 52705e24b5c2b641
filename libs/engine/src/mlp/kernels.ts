/**
 * The dense-layer loops, row-major throughout (row i of A at i·fanIn, W[k, j] at k·fanOut + j). Each is blocked by
 * four along the summed index so a stored partial sum is read and written once per four multiply-adds instead of
 * once per one (V8 does not keep them in registers across the j loop otherwise); the remainder runs unblocked.
 */

/** Z = A·W + b for `rows` rows: Z[i, j] = b_j + Σ_k A[i, k]·W[k, j]. Four inputs k that are all 0 (relu) are skipped. */
export function denseForward(
  parameters: Float64Array,
  weights: number,
  biases: number,
  input: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
  out: Float64Array,
): void {
  const blocked = fanIn - (fanIn % 4);
  for (let i = 0; i < rows; i++) {
    const z = i * fanOut;
    const a = i * fanIn;
    for (let j = 0; j < fanOut; j++) out[z + j] = parameters[biases + j];
    for (let k = 0; k < blocked; k += 4) {
      const a0 = input[a + k];
      const a1 = input[a + k + 1];
      const a2 = input[a + k + 2];
      const a3 = input[a + k + 3];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const w0 = weights + k * fanOut;
      const w1 = w0 + fanOut;
      const w2 = w1 + fanOut;
      const w3 = w2 + fanOut;
      for (let j = 0; j < fanOut; j++) {
        out[z + j] +=
          a0 * parameters[w0 + j] + a1 * parameters[w1 + j] + a2 * parameters[w2 + j] + a3 * parameters[w3 + j];
      }
    }
    for (let k = blocked; k < fanIn; k++) {
      const ak = input[a + k];
      if (ak === 0) continue;
      const w = weights + k * fanOut;
      for (let j = 0; j < fanOut; j++) out[z + j] += ak * parameters[w + j];
    }
  }
}

/** ∂W = Aᵀδ and ∂b = Σ_i δ_i (added into `gradient`, zeroed by the caller), blocked by four rows. */
export function denseGradient(
  gradient: Float64Array,
  weights: number,
  biases: number,
  input: Float64Array,
  delta: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
): void {
  const blocked = rows - (rows % 4);
  for (let i = 0; i < blocked; i += 4) {
    const d0 = i * fanOut;
    const d1 = d0 + fanOut;
    const d2 = d1 + fanOut;
    const d3 = d2 + fanOut;
    for (let j = 0; j < fanOut; j++)
      gradient[biases + j] += delta[d0 + j] + delta[d1 + j] + delta[d2 + j] + delta[d3 + j];
    const a = i * fanIn;
    for (let k = 0; k < fanIn; k++) {
      const a0 = input[a + k];
      const a1 = input[a + fanIn + k];
      const a2 = input[a + 2 * fanIn + k];
      const a3 = input[a + 3 * fanIn + k];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const g = weights + k * fanOut;
      for (let j = 0; j < fanOut; j++) {
        gradient[g + j] += a0 * delta[d0 + j] + a1 * delta[d1 + j] + a2 * delta[d2 + j] + a3 * delta[d3 + j];
      }
    }
  }
  for (let i = blocked; i < rows; i++) {
    const d = i * fanOut;
    for (let j = 0; j < fanOut; j++) gradient[biases + j] += delta[d + j];
    const a = i * fanIn;
    for (let k = 0; k < fanIn; k++) {
      const ak = input[a + k];
      if (ak === 0) continue;
      const g = weights + k * fanOut;
      for (let j = 0; j < fanOut; j++) gradient[g + j] += ak * delta[d + j];
    }
  }
}

/** The error one layer down, before f′: below[i, k] = Σ_j δ[i, j]·W[k, j] (dot products, four k at a time). */
export function denseBackward(
  parameters: Float64Array,
  weights: number,
  delta: Float64Array,
  fanIn: number,
  fanOut: number,
  rows: number,
  below: Float64Array,
): void {
  if (fanOut === 1) {
    // One unit above (the output): below[i, k] = δ_i·w_k.
    for (let i = 0; i < rows; i++) {
      const e = delta[i];
      const b = i * fanIn;
      for (let k = 0; k < fanIn; k++) below[b + k] = e * parameters[weights + k];
    }
    return;
  }
  const blocked = fanIn - (fanIn % 4);
  for (let i = 0; i < rows; i++) {
    const d = i * fanOut;
    const b = i * fanIn;
    for (let k = 0; k < blocked; k += 4) {
      const w0 = weights + k * fanOut;
      const w1 = w0 + fanOut;
      const w2 = w1 + fanOut;
      const w3 = w2 + fanOut;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < fanOut; j++) {
        const e = delta[d + j];
        s0 += e * parameters[w0 + j];
        s1 += e * parameters[w1 + j];
        s2 += e * parameters[w2 + j];
        s3 += e * parameters[w3 + j];
      }
      below[b + k] = s0;
      below[b + k + 1] = s1;
      below[b + k + 2] = s2;
      below[b + k + 3] = s3;
    }
    for (let k = blocked; k < fanIn; k++) {
      const w = weights + k * fanOut;
      let sum = 0;
      for (let j = 0; j < fanOut; j++) sum += delta[d + j] * parameters[w + j];
      below[b + k] = sum;
    }
  }
}
