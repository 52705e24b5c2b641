/**
 * Kernels over several columns of a column-major z (n rows) in one sweep over the rows. Each output element gets
 * the same operations in the same order as a loop over one column at a time would give it, so the doubles are the
 * same; what changes is that the shared row vector is read once per four columns instead of once per column, and
 * that four independent sums hide the latency of the floating-point add (a single running sum cannot).
 */

/** out[f_l] = Σ_i w_i z_if² (added in row order) for the features f_l = features[l], l < count. */
export function weightedSquareSums(
  z: Float64Array,
  n: number,
  w: Float64Array,
  features: Int32Array,
  count: number,
  out: Float64Array,
): void {
  let l = 0;
  for (; l + 4 <= count; l += 4) {
    const a = features[l] * n;
    const b = features[l + 1] * n;
    const c = features[l + 2] * n;
    const d = features[l + 3] * n;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      const weight = w[i];
      sa += weight * z[a + i] * z[a + i];
      sb += weight * z[b + i] * z[b + i];
      sc += weight * z[c + i] * z[c + i];
      sd += weight * z[d + i] * z[d + i];
    }
    out[features[l]] = sa;
    out[features[l + 1]] = sb;
    out[features[l + 2]] = sc;
    out[features[l + 3]] = sd;
  }
  for (; l < count; l++) {
    const a = features[l] * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * z[a + i] * z[a + i];
    out[features[l]] = s;
  }
}

/**
 * target[offset + i] += c_l · z_i,f_l for l = 0, 1, …, count − 1 in that order (f_l = features[l],
 * c_l = changes[l]): four columns per sweep, each element still updated column by column.
 */
export function addScaledColumns(
  target: Float64Array,
  offset: number,
  z: Float64Array,
  n: number,
  features: Int32Array,
  changes: Float64Array,
  count: number,
): void {
  let l = 0;
  for (; l + 4 <= count; l += 4) {
    const a = features[l] * n;
    const b = features[l + 1] * n;
    const c = features[l + 2] * n;
    const d = features[l + 3] * n;
    const ca = changes[l];
    const cb = changes[l + 1];
    const cc = changes[l + 2];
    const cd = changes[l + 3];
    for (let i = 0; i < n; i++) {
      target[offset + i] = target[offset + i] + ca * z[a + i] + cb * z[b + i] + cc * z[c + i] + cd * z[d + i];
    }
  }
  for (; l < count; l++) {
    const a = features[l] * n;
    const ca = changes[l];
    for (let i = 0; i < n; i++) target[offset + i] += ca * z[a + i];
  }
}
