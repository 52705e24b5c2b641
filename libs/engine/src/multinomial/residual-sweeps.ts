/**
 * The ungrouped solver's coordinate step in one sweep over the rows: the previous step's residual update
 * r −= Δ·v∘z_q (when there is one, q ≥ 0) and the next feature's ⟨z_j, r⟩, so r is read once instead of twice;
 * with `squares`, also xv_j = Σ_i v_i z_ij², whose rows (v, z_j) the sweep reads anyway. Four partial sums each
 * (rows i ≡ 0, 1, 2, 3 mod 4), added as (s0 + s1) + (s2 + s3), as solver/soft-threshold.ts's dot().
 */

/** The sweep's output: ⟨z_j, r⟩ and, when asked for, xv_j. */
export interface ResidualSweep {
  gradient: number;
  squares: number;
}

export function sweepResidual(
  z: Float64Array,
  n: number,
  j: number,
  r: Float64Array,
  w: Float64Array,
  q: number,
  delta: number,
  squares: boolean,
  out: ResidualSweep,
): void {
  const a = j * n;
  const b = q * n;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let i = 0;
  const end4 = n - (n % 4);
  if (q >= 0 && squares) {
    for (; i < end4; i += 4) {
      s0 += z[a + i] * (r[i] -= delta * w[i] * z[b + i]);
      s1 += z[a + i + 1] * (r[i + 1] -= delta * w[i + 1] * z[b + i + 1]);
      s2 += z[a + i + 2] * (r[i + 2] -= delta * w[i + 2] * z[b + i + 2]);
      s3 += z[a + i + 3] * (r[i + 3] -= delta * w[i + 3] * z[b + i + 3]);
      t0 += w[i] * z[a + i] * z[a + i];
      t1 += w[i + 1] * z[a + i + 1] * z[a + i + 1];
      t2 += w[i + 2] * z[a + i + 2] * z[a + i + 2];
      t3 += w[i + 3] * z[a + i + 3] * z[a + i + 3];
    }
    for (; i < n; i++) {
      s0 += z[a + i] * (r[i] -= delta * w[i] * z[b + i]);
      t0 += w[i] * z[a + i] * z[a + i];
    }
  } else if (q >= 0) {
    for (; i < end4; i += 4) {
      s0 += z[a + i] * (r[i] -= delta * w[i] * z[b + i]);
      s1 += z[a + i + 1] * (r[i + 1] -= delta * w[i + 1] * z[b + i + 1]);
      s2 += z[a + i + 2] * (r[i + 2] -= delta * w[i + 2] * z[b + i + 2]);
      s3 += z[a + i + 3] * (r[i + 3] -= delta * w[i + 3] * z[b + i + 3]);
    }
    for (; i < n; i++) s0 += z[a + i] * (r[i] -= delta * w[i] * z[b + i]);
  } else if (squares) {
    for (; i < end4; i += 4) {
      s0 += z[a + i] * r[i];
      s1 += z[a + i + 1] * r[i + 1];
      s2 += z[a + i + 2] * r[i + 2];
      s3 += z[a + i + 3] * r[i + 3];
      t0 += w[i] * z[a + i] * z[a + i];
      t1 += w[i + 1] * z[a + i + 1] * z[a + i + 1];
      t2 += w[i + 2] * z[a + i + 2] * z[a + i + 2];
      t3 += w[i + 3] * z[a + i + 3] * z[a + i + 3];
    }
    for (; i < n; i++) {
      s0 += z[a + i] * r[i];
      t0 += w[i] * z[a + i] * z[a + i];
    }
  } else {
    for (; i < end4; i += 4) {
      s0 += z[a + i] * r[i];
      s1 += z[a + i + 1] * r[i + 1];
      s2 += z[a + i + 2] * r[i + 2];
      s3 += z[a + i + 3] * r[i + 3];
    }
    for (; i < n; i++) s0 += z[a + i] * r[i];
  }
  out.gradient = s0 + s1 + (s2 + s3);
  out.squares = t0 + t1 + (t2 + t3);
}
