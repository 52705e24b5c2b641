/**
 * The gather step of the cross products: rows start … start + length − 1 of A = [x − c, y − c_y, 1] (through `rows`
 * when given) into a kernel's block, column j's row r at block[columnStart[j] + r·rowStep].
 *
 * Each loop is in a function of its own: with the pair loop and a one-column loop in one function, V8 compiled the
 * hot pair loop on its own (on-stack replacement) before the other loop had ever run, then left that code at the
 * other loop's first test on every call (a deoptimization per block, "insufficient type feedback"; 5000×100: the
 * gather at 0.8 ms where these loops take 0.4).
 */
import type { Dataset } from '../types';
import type { BlockLayout } from './lower-triangle-kernel';

export function gatherBlock(
  data: Dataset,
  rows: Int32Array | null,
  start: number,
  length: number,
  centre: Float64Array,
  responseCentre: number,
  layout: BlockLayout,
): void {
  const { rows: n, cols: p, values: x } = data.x;
  const { columnStart } = layout;
  let j = 0;
  // Columns j and j + 1 side by side (the WebAssembly layout): written together, each cache line of the block is
  // filled in one pass instead of two.
  if (layout.rowStep === 2)
    for (; j + 1 < p && columnStart[j + 1] === columnStart[j] + 1; j += 2)
      gatherPair(x, j * n, n, rows, start, length, centre[j], centre[j + 1], layout.block, columnStart[j]);
  for (; j < p; j++) gatherColumn(x, j * n, rows, start, length, centre[j], layout, columnStart[j]);
  gatherColumn(data.y, 0, rows, start, length, responseCentre, layout, columnStart[p]);
  const { block, rowStep } = layout;
  for (let r = 0, at = columnStart[p + 1]; r < length; r++, at += rowStep) block[at] = 1;
}

/** Columns at x[first …] and x[first + n …], less their shifts, into block[at + 2r] and block[at + 2r + 1]. */
function gatherPair(
  x: Float64Array,
  first: number,
  n: number,
  rows: Int32Array | null,
  start: number,
  length: number,
  shift: number,
  nextShift: number,
  block: Float64Array,
  at: number,
): void {
  if (rows)
    for (let r = start, end = start + length; r < end; r++, at += 2) {
      const row = rows[r];
      block[at] = x[first + row] - shift;
      block[at + 1] = x[first + n + row] - nextShift;
    }
  else
    for (let i = first + start, end = i + length; i < end; i++, at += 2) {
      block[at] = x[i] - shift;
      block[at + 1] = x[i + n] - nextShift;
    }
}

/** The column at values[first …], less its shift, into block[at + r·rowStep]. */
function gatherColumn(
  values: Float64Array,
  first: number,
  rows: Int32Array | null,
  start: number,
  length: number,
  shift: number,
  { block, rowStep }: BlockLayout,
  at: number,
): void {
  if (rows)
    for (let r = start, end = start + length; r < end; r++, at += rowStep) block[at] = values[first + rows[r]] - shift;
  else for (let i = first + start, end = i + length; i < end; i++, at += rowStep) block[at] = values[i] - shift;
}
