import type { Dataset } from '@regsweep/engine';
import { randomUUID } from 'node:crypto';

/** A dataset in SharedArrayBuffers, so every task of a sweep reads the same memory. */
export interface SharedDataset {
  readonly x: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly names: readonly string[];
  /** Class labels in index order, when y holds label indices (a multiclass target). */
  readonly classes?: readonly string[];
  /** Names this memory for the workers' per-dataset caches (engine `Dataset.key`): new for every shareDataset call. */
  readonly key: string;
}

/**
 * The dataset's values as SharedArrayBuffers: a vector that already is a whole SharedArrayBuffer (as
 * DatasetRepository.loadValues returns them) is used as it is; anything else is copied once.
 */
export function shareDataset(data: Dataset): SharedDataset {
  const { rows, cols, names } = data.x;
  const classes = data.classes ? { classes: data.classes } : {};
  return { x: share(data.x.values), y: share(data.y), rows, cols, names, ...classes, key: randomUUID() };
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
