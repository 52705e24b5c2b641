import type { DesignMatrix } from '../types';

/** Builds a column-major design matrix from row-major input (one array of p numbers per row). */
export function designMatrixFromRows(names: string[], rows: ArrayLike<ArrayLike<number>>): DesignMatrix {
  const n = rows.length;
  const p = names.length;
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== p) throw new RangeError(`row ${i} has ${row.length} values, expected ${p}`);
    for (let j = 0; j < p; j++) values[j * n + i] = row[j];
  }
  return { rows: n, cols: p, values, names: [...names] };
}

/** Column j as a view into the matrix (no copy). */
export function column(x: DesignMatrix, j: number): Float64Array {
  return x.values.subarray(j * x.rows, (j + 1) * x.rows);
}
