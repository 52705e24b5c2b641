/**
 * The kernel of the cross products (cross-products.ts): sums[j·q + k] += Σ_r block_j[r]·block_k[r] for k ≤ j, over
 * one column-major block of `length` rows (column j at block[j·stride, j·stride + length)). This loop is the cost of
 * a Gram matrix, n·q²/2 multiply-adds.
 *
 * Tiled: columns j of one tile against columns k of an earlier or the same tile, so that two tiles of the block
 * (2 × 32 × 256 × 8 B = 128 KB) stay in a core's L2 cache. Untiled, a 1000-column block (2 MB) is re-read from the
 * shared L3 cache for every column j, which two threads at once contend for (docs/benchmarks.md).
 *
 * Within a tile, four columns j against four columns k at a time (sixteen sums in registers): each row of the block
 * loads eight values for sixteen multiply-adds, where one j against four k loads five for four. V8 bounds-checks every
 * typed-array load, so loads, not multiplies, set the pace. Every sum still runs over r in order from 0 and is then
 * added to sums, so the result is the same bit for bit however the pairs are grouped.
 */
const TILE_COLUMNS = 32;

export function accumulateLowerTriangle(
  block: Float64Array,
  stride: number,
  q: number,
  length: number,
  sums: Float64Array,
): void {
  for (let jTile = 0; jTile < q; jTile += TILE_COLUMNS) {
    const jEnd = Math.min(q, jTile + TILE_COLUMNS);
    for (let kTile = 0; kTile <= jTile; kTile += TILE_COLUMNS) {
      const kTileLast = kTile + TILE_COLUMNS - 1;
      let j = jTile;
      for (; j + 3 < jEnd; j += 4) {
        // Columns k ≤ j serve all of j … j + 3; each then has its own last k.
        const k = quadAgainstQuads(block, stride, q, length, sums, j, kTile, Math.min(kTileLast, j));
        for (let i = 0; i < 4; i++) columnAgainst(block, stride, q, length, sums, j + i, k, Math.min(kTileLast, j + i));
      }
      for (; j < jEnd; j++) columnAgainst(block, stride, q, length, sums, j, kTile, Math.min(kTileLast, j));
    }
  }
}

/** Columns j … j + 3 against k = kFirst, kFirst + 4, … in quads while the quad ends by kLast; returns the next k. */
function quadAgainstQuads(
  block: Float64Array,
  stride: number,
  q: number,
  length: number,
  sums: Float64Array,
  j: number,
  kFirst: number,
  kLast: number,
): number {
  const oj0 = j * stride;
  const oj1 = oj0 + stride;
  const oj2 = oj1 + stride;
  const oj3 = oj2 + stride;
  let k = kFirst;
  for (; k + 3 <= kLast; k += 4) {
    const o0 = k * stride;
    const o1 = o0 + stride;
    const o2 = o1 + stride;
    const o3 = o2 + stride;
    // s<j offset><k offset>
    let s00 = 0,
      s01 = 0,
      s02 = 0,
      s03 = 0;
    let s10 = 0,
      s11 = 0,
      s12 = 0,
      s13 = 0;
    let s20 = 0,
      s21 = 0,
      s22 = 0,
      s23 = 0;
    let s30 = 0,
      s31 = 0,
      s32 = 0,
      s33 = 0;
    for (let r = 0; r < length; r++) {
      const b0 = block[o0 + r];
      const b1 = block[o1 + r];
      const b2 = block[o2 + r];
      const b3 = block[o3 + r];
      let v = block[oj0 + r];
      s00 += b0 * v;
      s01 += b1 * v;
      s02 += b2 * v;
      s03 += b3 * v;
      v = block[oj1 + r];
      s10 += b0 * v;
      s11 += b1 * v;
      s12 += b2 * v;
      s13 += b3 * v;
      v = block[oj2 + r];
      s20 += b0 * v;
      s21 += b1 * v;
      s22 += b2 * v;
      s23 += b3 * v;
      v = block[oj3 + r];
      s30 += b0 * v;
      s31 += b1 * v;
      s32 += b2 * v;
      s33 += b3 * v;
    }
    let row = j * q + k;
    sums[row] += s00;
    sums[row + 1] += s01;
    sums[row + 2] += s02;
    sums[row + 3] += s03;
    row += q;
    sums[row] += s10;
    sums[row + 1] += s11;
    sums[row + 2] += s12;
    sums[row + 3] += s13;
    row += q;
    sums[row] += s20;
    sums[row + 1] += s21;
    sums[row + 2] += s22;
    sums[row + 3] += s23;
    row += q;
    sums[row] += s30;
    sums[row + 1] += s31;
    sums[row + 2] += s32;
    sums[row + 3] += s33;
  }
  return k;
}

/** Column j against k = kFirst … kLast: four at a time (column j read once per four sums), then one at a time. */
function columnAgainst(
  block: Float64Array,
  stride: number,
  q: number,
  length: number,
  sums: Float64Array,
  j: number,
  kFirst: number,
  kLast: number,
): void {
  const oj = j * stride;
  let k = kFirst;
  for (; k + 3 <= kLast; k += 4) {
    const o0 = k * stride;
    const o1 = o0 + stride;
    const o2 = o1 + stride;
    const o3 = o2 + stride;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let r = 0; r < length; r++) {
      const v = block[oj + r];
      s0 += block[o0 + r] * v;
      s1 += block[o1 + r] * v;
      s2 += block[o2 + r] * v;
      s3 += block[o3 + r] * v;
    }
    const row = j * q + k;
    sums[row] += s0;
    sums[row + 1] += s1;
    sums[row + 2] += s2;
    sums[row + 3] += s3;
  }
  for (; k <= kLast; k++) {
    const ok = k * stride;
    let s = 0;
    for (let r = 0; r < length; r++) s += block[ok + r] * block[oj + r];
    sums[j * q + k] += s;
  }
}
