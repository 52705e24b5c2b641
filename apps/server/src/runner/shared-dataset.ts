import type { Dataset } from '@regsweep/engine';

/** A dataset in SharedArrayBuffers, so every task of a sweep reads the same memory. */
export interface SharedDataset {
  readonly x: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly names: readonly string[];
}

/**
 * The dataset's values as SharedArrayBuffers: a vector that already is a whole SharedArrayBuffer (as
 * DatasetRepository.loadValues returns them) is used as it is; anything else is copied once.
 */
export function shareDataset(data: Dataset): SharedDataset {
  return { x: share(data.x.values), y: share(data.y), rows: data.x.rows, cols: data.x.cols, names: data.x.names };
}

function share(values: Float64Array): SharedArrayBuffer {
  const { buffer } = values;
  if (buffer instanceof SharedArrayBuffer && values.byteOffset === 0 && values.byteLength === buffer.byteLength) {
    return buffer;
  }
  const shared = new SharedArrayBuffer(values.byteLength);
  new Float64Array(shared).set(values);
  return shared;
}
