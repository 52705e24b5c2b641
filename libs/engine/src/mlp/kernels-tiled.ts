/**
 * The dense product for layers whose inputs have few zeros (the network's inputs, tanh and logistic units):
 *     out[r, c] = start_c + Σ_t L[r, t]·R[t, c]     (t ascending)
 * with L read at left[r·leftRowStride + t·leftInnerStride] and R row-major (R[t, c] at right[rightAt + t·cols + c]),
 * out row-major at out[outAt + r·cols + c]. Tiles of 3 rows × 4 columns keep 12 sums in registers and load 7 values
 * per 12 multiply-adds (the fastest of the 2×4, 3×4, 4×2 and 4×4 tiles tried in V8); the leftover columns are summed
 * per row, and the leftover rows (rows mod 3) are returned for the caller to finish. `start` is the bias offset in
 * `right`'s array (the forward pass) or −1 for sums from 0 (the gradient); `relu` clamps at 0 before the store.
 */
export function tiledProduct(
  left: Float64Array,
  leftRowStride: number,
  leftInnerStride: number,
  right: Float64Array,
  rightAt: number,
  start: number,
  inner: number,
  rows: number,
  cols: number,
  out: Float64Array,
  outAt: number,
  relu: boolean,
): number {
  const blockedRows = rows - (rows % 3);
  const blockedCols = cols - (cols % 4);
  for (let r = 0; r < blockedRows; r += 3) {
    const l0 = r * leftRowStride;
    const l1 = l0 + leftRowStride;
    const l2 = l1 + leftRowStride;
    const o0 = outAt + r * cols;
    const o1 = o0 + cols;
    const o2 = o1 + cols;
    for (let c = 0; c < blockedCols; c += 4) {
      const b0 = start < 0 ? 0 : right[start + c];
      const b1 = start < 0 ? 0 : right[start + c + 1];
      const b2 = start < 0 ? 0 : right[start + c + 2];
      const b3 = start < 0 ? 0 : right[start + c + 3];
      let s00 = b0,
        s01 = b1,
        s02 = b2,
        s03 = b3;
      let s10 = b0,
        s11 = b1,
        s12 = b2,
        s13 = b3;
      let s20 = b0,
        s21 = b1,
        s22 = b2,
        s23 = b3;
      let w = rightAt + c;
      for (let t = 0; t < inner; t++, w += cols) {
        const w0 = right[w];
        const w1 = right[w + 1];
        const w2 = right[w + 2];
        const w3 = right[w + 3];
        const at = t * leftInnerStride;
        let v = left[l0 + at];
        s00 += v * w0;
        s01 += v * w1;
        s02 += v * w2;
        s03 += v * w3;
        v = left[l1 + at];
        s10 += v * w0;
        s11 += v * w1;
        s12 += v * w2;
        s13 += v * w3;
        v = left[l2 + at];
        s20 += v * w0;
        s21 += v * w1;
        s22 += v * w2;
        s23 += v * w3;
      }
      store4(out, o0 + c, s00, s01, s02, s03, relu);
      store4(out, o1 + c, s10, s11, s12, s13, relu);
      store4(out, o2 + c, s20, s21, s22, s23, relu);
    }
    for (let c = blockedCols; c < cols; c++) {
      const b = start < 0 ? 0 : right[start + c];
      let s0 = b;
      let s1 = b;
      let s2 = b;
      for (let t = 0, w = rightAt + c; t < inner; t++, w += cols) {
        const wt = right[w];
        const at = t * leftInnerStride;
        s0 += left[l0 + at] * wt;
        s1 += left[l1 + at] * wt;
        s2 += left[l2 + at] * wt;
      }
      out[o0 + c] = relu && !(s0 > 0) ? 0 : s0;
      out[o1 + c] = relu && !(s1 > 0) ? 0 : s1;
      out[o2 + c] = relu && !(s2 > 0) ? 0 : s2;
    }
  }
  return blockedRows;
}

function store4(out: Float64Array, at: number, s0: number, s1: number, s2: number, s3: number, relu: boolean): void {
  if (relu) {
    out[at] = s0 > 0 ? s0 : 0;
    out[at + 1] = s1 > 0 ? s1 : 0;
    out[at + 2] = s2 > 0 ? s2 : 0;
    out[at + 3] = s3 > 0 ? s3 : 0;
  } else {
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }
}

/**
 * The fraction of values[0, length) that are not exactly 0, estimated from about 64 evenly spaced entries: it only
 * chooses between two exact ways of computing the same sums, so an estimate is enough, and a full count (or 256
 * samples, as before) cost as much as a narrow layer's products. The step is odd, so on a row-major matrix whose
 * width is a power of two the samples visit every column rather than one.
 */
export function density(values: Float64Array, length: number): number {
  if (length === 0) return 1;
  const step = Math.max(1, Math.floor(length / 64) | 1);
  let count = 0;
  let seen = 0;
  for (let i = 0; i < length; i += step, seen++) if (values[i] !== 0) count++;
  return count / seen;
}

/** At or above this fraction of nonzero factors the tiled dense product beats listing and skipping the zeros. */
export const DENSE_ENOUGH = 0.7;
