import type { Dataset } from '@regsweep/engine';

/** A dataset copied once into SharedArrayBuffers, so every task of a sweep reads the same memory. */
export interface SharedDataset {
  readonly x: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly names: readonly string[];
}

export function shareDataset(data: Dataset): SharedDataset {
  const x = new SharedArrayBuffer(data.x.values.byteLength);
  new Float64Array(x).set(data.x.values);
  const y = new SharedArrayBuffer(data.y.byteLength);
  new Float64Array(y).set(data.y);
  return { x, y, rows: data.x.rows, cols: data.x.cols, names: data.x.names };
}
