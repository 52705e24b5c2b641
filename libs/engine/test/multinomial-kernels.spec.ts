/**
 * The multinomial solver's row-sweep kernels against the one-column loops they replace: the four-column kernels
 * (column-blocks.ts) must give exactly the same doubles; the fused residual sweep (residual-sweeps.ts) must give
 * exactly the residual of r −= Δ·v∘z_q done first, and ⟨z_j, r⟩ and Σ v z_j² within the rounding of a sum taken
 * in another order.
 * n = 1003 leaves a remainder after the unrolled rows, and 7 features a remainder after the blocks of four.
 */
import { addScaledColumns, weightedSquareSums } from '../src/multinomial/column-blocks';
import { sweepResidual } from '../src/multinomial/residual-sweeps';
import { normalSource } from './helpers/synthetic';

const n = 1003;
const p = 7;
const normal = normalSource(16);
const z = Float64Array.from({ length: n * p }, () => normal());
const w = Float64Array.from({ length: n }, () => Math.abs(normal()) / n);
const features = Int32Array.of(6, 0, 3, 5, 1, 2, 4);

describe('four columns per sweep over the rows', () => {
  it('weightedSquareSums: Σ_i w_i z_ij², the same doubles as one column at a time', () => {
    const out = new Float64Array(p);
    weightedSquareSums(z, n, w, features, p, out);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * z[j * n + i] * z[j * n + i];
      expect(out[j]).toBe(s);
    }
  });

  it('addScaledColumns: target += Σ_l c_l z_f_l in order, the same doubles as one column at a time', () => {
    const changes = Float64Array.from({ length: p }, () => normal());
    const start = Float64Array.from({ length: n + 5 }, () => normal());
    const blocked = start.slice();
    addScaledColumns(blocked, 5, z, n, features, changes, p);
    const oneByOne = start.slice();
    for (let l = 0; l < p; l++) {
      for (let i = 0; i < n; i++) oneByOne[5 + i] += changes[l] * z[features[l] * n + i];
    }
    expect(Array.from(blocked)).toEqual(Array.from(oneByOne));
  });
});

describe('sweepResidual: the pending residual update, ⟨z_j, r⟩ and xv_j in one sweep', () => {
  const j = 2;
  const q = 5;
  const delta = 0.37;
  const r0 = Float64Array.from({ length: n }, () => normal() / n);

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('with a pending update %s, with xv_j %s', (pending, squares) => {
    const r = r0.slice();
    const out = { gradient: NaN, squares: NaN };
    sweepResidual(z, n, j, r, w, pending ? q : -1, delta, squares, out);
    const expected = r0.slice();
    if (pending) for (let i = 0; i < n; i++) expected[i] -= delta * w[i] * z[q * n + i];
    expect(Array.from(r)).toEqual(Array.from(expected));
    // A sum of n products in another order differs by at most about n·ε·Σ|terms|.
    let gradient = 0;
    let magnitude = 0;
    let xv = 0;
    for (let i = 0; i < n; i++) {
      gradient += z[j * n + i] * expected[i];
      magnitude += Math.abs(z[j * n + i] * expected[i]);
      xv += w[i] * z[j * n + i] * z[j * n + i];
    }
    expect(Math.abs(out.gradient - gradient)).toBeLessThanOrEqual(n * Number.EPSILON * magnitude);
    if (squares) expect(Math.abs(out.squares - xv)).toBeLessThanOrEqual(n * Number.EPSILON * xv);
  });
});
