/**
 * max_j |⟨z_j, y − ȳ⟩| over `rows` (λ_max times n·max(r, 1e-3); see lambda-grid.ts), z_j = (x_j − m_j)/s_j with
 * columnScaling's m_j and s_j. Every sum is the one columnScaling and a plain inner product take, term for term in row
 * order, so the result is the same bits; but four columns run side by side and a column's squares and its inner
 * product share one loop. A sum in row order waits for its previous add (a chain of n dependent adds); eight
 * independent chains keep the adder busy instead. When `rows` are every row in order, the columns are read in place,
 * not copied.
 */
import { CONSTANT_RELATIVE_SD } from '../data/standardize';
import { isEveryRow } from '../data/every-row';
import type { Dataset } from '../types';

export function largestInnerProduct(data: Dataset, rows: Int32Array, standardize: boolean): number {
  const n = rows.length;
  if (n === 0) return 0;
  const { rows: stride, cols: p, values: x } = data.x;
  const centred = new Float64Array(n);
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += data.y[rows[i]];
  yMean /= n;
  for (let i = 0; i < n; i++) centred[i] = data.y[rows[i]] - yMean;
  // The columns' values: x itself when rows are 0 … n − 1, else four columns at a time gathered into `gathered`.
  const inPlace = isEveryRow(rows, stride);
  const gathered = inPlace ? x : new Float64Array(4 * n);
  const at = (j: number, slot: number): number => {
    if (inPlace) return j * stride;
    const from = j * stride;
    const to = slot * n;
    for (let i = 0; i < n; i++) gathered[to + i] = x[from + rows[i]];
    return to;
  };
  let largest = 0;
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const a = at(j, 0);
    const b = at(j + 1, 1);
    const c = at(j + 2, 2);
    const d = at(j + 3, 3);
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      sa += gathered[a + i];
      sb += gathered[b + i];
      sc += gathered[c + i];
      sd += gathered[d + i];
    }
    const ma = sa / n;
    const mb = sb / n;
    const mc = sc / n;
    const md = sd / n;
    let qa = 0;
    let qb = 0;
    let qc = 0;
    let qd = 0;
    let ia = 0;
    let ib = 0;
    let ic = 0;
    let id = 0;
    for (let i = 0; i < n; i++) {
      const r = centred[i];
      const da = gathered[a + i] - ma;
      const db = gathered[b + i] - mb;
      const dc = gathered[c + i] - mc;
      const dd = gathered[d + i] - md;
      qa += da * da;
      qb += db * db;
      qc += dc * dc;
      qd += dd * dd;
      ia += da * r;
      ib += db * r;
      ic += dc * r;
      id += dd * r;
    }
    largest = Math.max(largest, scaled(ia, qa, ma, n, standardize));
    largest = Math.max(largest, scaled(ib, qb, mb, n, standardize));
    largest = Math.max(largest, scaled(ic, qc, mc, n, standardize));
    largest = Math.max(largest, scaled(id, qd, md, n, standardize));
  }
  for (; j < p; j++) {
    const a = at(j, 0);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += gathered[a + i];
    const mean = sum / n;
    let squares = 0;
    let inner = 0;
    for (let i = 0; i < n; i++) {
      const delta = gathered[a + i] - mean;
      squares += delta * delta;
      inner += delta * centred[i];
    }
    largest = Math.max(largest, scaled(inner, squares, mean, n, standardize));
  }
  return largest;
}

/**
 * |inner / s_j|, s_j as columnScaling computes it from the column's Σ(x − m)² and mean (sd, or 1 when not
 * standardizing); 0 for a constant column, which has z_j = 0 and no say in λ_max.
 */
function scaled(inner: number, squares: number, mean: number, n: number, standardize: boolean): number {
  const sd = Math.sqrt(squares / n);
  if (!(sd > CONSTANT_RELATIVE_SD * Math.abs(mean))) return 0;
  return Math.abs(inner / (standardize ? sd : 1));
}
