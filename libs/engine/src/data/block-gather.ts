/**
 * The gather step of the cross products: rows start … start + length − 1 of A = [x − c, y − c_y, 1] (through `rows`
 * when given) into a kernel's block, column j's row r at block[columnStart[j] + r·rowStep].
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
  { block, columnStart, rowStep: step }: BlockLayout,
): void {
  const { rows: n, cols: p, values: x } = data.x;
  let j = 0;
  // Columns j and j + 1 side by side (the WebAssembly layout): written together, each cache line of the block is
  // filled in one pass instead of two.
  if (step === 2)
    for (; j + 1 < p && columnStart[j + 1] === columnStart[j] + 1; j += 2) {
      const first = j * n;
      const second = first + n;
      const at = columnStart[j];
      const shift = centre[j];
      const nextShift = centre[j + 1];
      if (rows)
        for (let r = 0; r < length; r++) {
          const row = rows[start + r];
          block[at + 2 * r] = x[first + row] - shift;
          block[at + 2 * r + 1] = x[second + row] - nextShift;
        }
      else
        for (let r = 0; r < length; r++) {
          block[at + 2 * r] = x[first + start + r] - shift;
          block[at + 2 * r + 1] = x[second + start + r] - nextShift;
        }
    }
  for (; j < p; j++) {
    const source = j * n;
    const at = columnStart[j];
    const shift = centre[j];
    if (rows) for (let r = 0; r < length; r++) block[at + r * step] = x[source + rows[start + r]] - shift;
    else for (let r = 0; r < length; r++) block[at + r * step] = x[source + start + r] - shift;
  }
  const yAt = columnStart[p];
  for (let r = 0; r < length; r++) block[yAt + r * step] = data.y[rows ? rows[start + r] : start + r] - responseCentre;
  const oneAt = columnStart[p + 1];
  for (let r = 0; r < length; r++) block[oneAt + r * step] = 1;
}
