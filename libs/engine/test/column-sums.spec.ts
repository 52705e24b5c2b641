/**
 * The column sums that run four columns side by side (path/largest-inner-product.ts, datasetCentre) against the same
 * sums taken one column at a time, plainly: equal bit for bit, since every sum keeps its terms and their row order.
 */
import { datasetCentre } from '../src/data/cross-products';
import { columnScaling } from '../src/data/standardize';
import { largestInnerProduct } from '../src/path/largest-inner-product';
import type { Dataset } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';

/** max_j |⟨z_j, y − ȳ⟩| one column at a time, as lambda-grid.ts computed it before. */
function plainLargestInnerProduct(data: Dataset, rows: Int32Array, standardize: boolean): number {
  const n = rows.length;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += data.y[rows[i]];
  yMean /= n;
  let largest = 0;
  const column = new Float64Array(n);
  for (let j = 0; j < data.x.cols; j++) {
    for (let i = 0; i < n; i++) column[i] = data.x.values[j * data.x.rows + rows[i]];
    const { mean, scale } = columnScaling(column, 0, n, standardize);
    if (scale === 0) continue;
    let inner = 0;
    for (let i = 0; i < n; i++) inner += (column[i] - mean) * (data.y[rows[i]] - yMean);
    largest = Math.max(largest, Math.abs(inner / scale));
  }
  return largest;
}

/** Column `constant` of x set to 2.5 on every row (a column that never enters). */
function withConstantColumn(data: Dataset, constant: number): Dataset {
  const values = Float64Array.from(data.x.values);
  values.fill(2.5, constant * data.x.rows, (constant + 1) * data.x.rows);
  return { ...data, x: { ...data.x, values } };
}

describe('column sums four columns at a time', () => {
  it.each([1, 3, 4, 5, 9, 23])('largestInnerProduct equals the plain sums bit for bit, %i features', (p) => {
    const rows = 257;
    const data = syntheticDataset({ rows, cols: p, model: 'linear', seed: 11 + p, rho: 0.3, signals: 1 });
    const every = Int32Array.from({ length: rows }, (_, i) => i);
    const subset = every.filter((i) => i % 3 !== 1);
    // A constant column has no say: both must skip it (its sd is rounding noise).
    const constant = withConstantColumn(data, p - 1);
    for (const set of [data, constant])
      for (const chosen of [every, subset])
        for (const standardize of [true, false])
          expect(largestInnerProduct(set, chosen, standardize)).toBe(plainLargestInnerProduct(set, chosen, standardize));
  });

  it.each([1, 4, 6, 23])('datasetCentre equals the plain column means bit for bit, %i features', (p) => {
    const rows = 301;
    const data = syntheticDataset({ rows, cols: p, model: 'linear', seed: p, signals: 1 });
    const { centre, responseCentre } = datasetCentre(data);
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += data.x.values[j * rows + i];
      expect(centre[j]).toBe(sum / rows);
    }
    let ySum = 0;
    for (let i = 0; i < rows; i++) ySum += data.y[i];
    expect(responseCentre).toBe(ySum / rows);
  });
});
