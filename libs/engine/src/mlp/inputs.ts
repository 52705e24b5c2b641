import { computeScaling } from '../data/standardize';
import type { Dataset, FoldRows } from '../types';

/** Rows of a dataset as one contiguous row-major block (row i at i·p), the layout the network's loops walk. */
export interface RowMajorRows {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Per-feature centre and scale applied to the inputs: x′ = (x − centre)/scale. */
export interface InputScaling {
  readonly centres: Float64Array;
  readonly scales: Float64Array;
}

/**
 * The scaling learned on the training rows only (SPEC §1): with `standardize`, centre = mean and scale = the
 * population sd; a constant column gets scale 1 after centring, so it enters as zeros. Without it, the identity.
 */
export function inputScaling(data: Dataset, trainRows: Int32Array, standardize: boolean): InputScaling {
  const p = data.x.cols;
  if (!standardize) return { centres: new Float64Array(p), scales: new Float64Array(p).fill(1) };
  const { means, scales } = computeScaling(data.x, trainRows, true);
  return { centres: means, scales: scales.map((s) => (s === 0 ? 1 : s)) };
}

/** The given rows, scaled, as a row-major block (the column-major design matrix is transposed once). */
export function scaledRows(data: Dataset, rows: Int32Array, scaling: InputScaling): RowMajorRows {
  const n = rows.length;
  const p = data.x.cols;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  const { values, rows: stride } = data.x;
  for (let j = 0; j < p; j++) {
    const column = j * stride;
    const centre = scaling.centres[j];
    const scale = scaling.scales[j];
    for (let i = 0; i < n; i++) x[i * p + j] = (values[column + rows[i]] - centre) / scale;
  }
  for (let i = 0; i < n; i++) y[i] = data.y[rows[i]];
  return { x, y, rows: n, cols: p };
}

/** A fold's inputs as the network trains on them: the scaling learned on its training rows, both row sets scaled. */
export interface ScaledFold {
  readonly scaling: InputScaling;
  readonly train: RowMajorRows;
  readonly validation: RowMajorRows;
}

export function scaledFold(data: Dataset, fold: FoldRows, standardize: boolean): ScaledFold {
  const scaling = inputScaling(data, fold.trainRows, standardize);
  const train = scaledRows(data, fold.trainRows, scaling);
  return { scaling, train, validation: scaledRows(data, fold.validationRows, scaling) };
}
