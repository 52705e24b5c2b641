/** S(z, t) = sign(z)·max(|z| − t, 0): the proximal map of t·|·|, which sets small coordinates exactly to 0. */
export function softThreshold(z: number, t: number): number {
  if (z > t) return z - t;
  if (z < -t) return z + t;
  return 0;
}

/** ⟨a[aOffset .. aOffset+n), b[bOffset .. bOffset+n)⟩, unrolled by 4 (the hot loop of every solver). */
export function dot(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  const end4 = n - (n % 4);
  for (; i < end4; i += 4) {
    s0 += a[aOffset + i] * b[bOffset + i];
    s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
    s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
    s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
  }
  for (; i < n; i++) s0 += a[aOffset + i] * b[bOffset + i];
  return s0 + s1 + (s2 + s3);
}

/** y[yOffset + i] += alpha · x[xOffset + i] for i < n. */
export function axpy(
  alpha: number,
  x: Float64Array,
  xOffset: number,
  y: Float64Array,
  yOffset: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) y[yOffset + i] += alpha * x[xOffset + i];
}
