/**
 * Cross products of the augmented design A = [x − c, y − c_y, 1] over a set of rows, where c (c_y) are the column
 * (response) means of the whole dataset:
 *     S = AᵀA,  a (p+2)×(p+2) symmetric matrix, stored full and row-major (S[j·q + k], q = p + 2).
 * It holds every sufficient statistic of a least-squares fit on those rows: Σ x̃_j x̃_k, Σ x̃_j ỹ, Σ ỹ², Σ x̃_j, Σ ỹ and
 * the row count. Sums over disjoint row sets add, so the training rows of a fold are "all rows minus the others":
 * one pass over the data for the whole dataset (kept in a CrossProductsWorkspace), plus one small pass per fold.
 * Centring by the dataset's means first keeps the subtraction free of cancellation (the fold means differ from c
 * by about sd/√n).
 */
import type { Dataset } from '../types';
import { gatherBlock } from './block-gather';
import { BLOCK_ROWS, JsLowerTriangle, type LowerTriangleKernel } from './lower-triangle-kernel';
import { createWasmLowerTriangle, type WasmLowerTriangle } from './wasm/wasm-lower-triangle';

export interface CrossProducts {
  /** p + 2: the features, the response, the constant. */
  readonly size: number;
  /** The (p+2)² entries of AᵀA. */
  readonly values: Float64Array;
}

export interface DatasetCrossProducts extends CrossProducts {
  /** c: the feature means over all rows, and c_y the response mean. */
  readonly centre: Float64Array;
  readonly responseCentre: number;
}

/**
 * Memory a caller keeps from one cross-products computation to the next (a worker thread keeps one for its life):
 * the kernel with the block the rows are gathered into and its sums, and the last dataset's whole-data cross
 * products. A fresh multi-MB typed array costs page faults on first touch, which two threads at once pay far more
 * slowly than one (docs/benchmarks.md); and the folds of a sweep need the same whole-data sums, so a thread computes
 * them once.
 *
 * The kernel is chosen here, once: WebAssembly SIMD where the runtime has it, else JavaScript (`kernel` forces one;
 * both give the same bits), and JavaScript for blocks too wide for WebAssembly's 4 GB memory.
 */
export class CrossProductsWorkspace {
  private readonly wasm: WasmLowerTriangle | undefined;
  private js: JsLowerTriangle | undefined;
  private dataset: { fingerprint: string; products: DatasetCrossProducts } | undefined;

  constructor(kernel?: 'wasm' | 'js') {
    this.wasm = kernel === 'js' ? undefined : createWasmLowerTriangle();
    if (kernel === 'wasm' && !this.wasm) throw new Error('This runtime has no WebAssembly SIMD (f64x2).');
  }

  /** The kernel for q-column blocks. */
  kernel(q: number): LowerTriangleKernel {
    if (this.wasm?.canHold(q)) return this.wasm;
    return (this.js ??= new JsLowerTriangle());
  }

  /** The whole-data cross products kept for `fingerprint`, if they are the last ones computed here. */
  datasetProducts(fingerprint: string): DatasetCrossProducts | undefined {
    return this.dataset?.fingerprint === fingerprint ? this.dataset.products : undefined;
  }

  keepDatasetProducts(fingerprint: string, products: DatasetCrossProducts): void {
    this.dataset = { fingerprint, products };
  }
}

/**
 * AᵀA over `rows` (all rows of the dataset when null), with the given centre; written into `target` ((p+2)²
 * entries, overwritten) when one is given, else into a new array. The rows are gathered in `workspace`'s kernel.
 */
export function crossProducts(
  data: Dataset,
  rows: Int32Array | null,
  centre: Float64Array,
  responseCentre: number,
  target?: Float64Array,
  workspace: CrossProductsWorkspace = new CrossProductsWorkspace(),
): CrossProducts {
  const q = data.x.cols + 2;
  const count = rows ? rows.length : data.x.rows;
  const sums = target ?? new Float64Array(q * q);
  const kernel = workspace.kernel(q);
  const layout = kernel.start(q);
  for (let start = 0; start < count; start += BLOCK_ROWS) {
    const length = Math.min(BLOCK_ROWS, count - start);
    gatherBlock(data, rows, start, length, centre, responseCentre, layout);
    kernel.accumulate(length);
  }
  kernel.readLowerTriangle(sums);
  // Mirror the lower triangle into the upper one.
  for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) sums[k * q + j] = sums[j * q + k];
  return { size: q, values: sums };
}

/**
 * a − b − c entrywise (b, c optional): the cross products of the rows in a but not in b or c. Into `target` when
 * given (it may not be a, b or c), else a new array.
 */
export function subtractCrossProducts(
  a: CrossProducts,
  b: CrossProducts | null,
  c: CrossProducts | null,
  target?: Float64Array,
): CrossProducts {
  const values = target ?? new Float64Array(a.values.length);
  const bValues = b?.values;
  const cValues = c?.values;
  for (let i = 0; i < values.length; i++)
    values[i] = a.values[i] - ((bValues ? bValues[i] : 0) + (cValues ? cValues[i] : 0));
  return { size: a.size, values };
}

/**
 * c and c_y: the feature and response means over every row of the dataset. Each column's sum is taken in row order;
 * four columns run side by side so that four chains of dependent adds overlap (a single chain waits on the adder's
 * latency at every row), the same bits as one column at a time.
 */
export function datasetCentre(data: Dataset): { centre: Float64Array; responseCentre: number } {
  const { rows: n, cols: p, values: x } = data.x;
  const centre = new Float64Array(p);
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const a = j * n;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      sa += x[a + i];
      sb += x[a + n + i];
      sc += x[a + 2 * n + i];
      sd += x[a + 3 * n + i];
    }
    if (n > 0) {
      centre[j] = sa / n;
      centre[j + 1] = sb / n;
      centre[j + 2] = sc / n;
      centre[j + 3] = sd / n;
    }
  }
  for (; j < p; j++) {
    let sum = 0;
    for (let i = j * n; i < (j + 1) * n; i++) sum += x[i];
    centre[j] = n > 0 ? sum / n : 0;
  }
  let ySum = 0;
  for (let i = 0; i < n; i++) ySum += data.y[i];
  return { centre, responseCentre: n > 0 ? ySum / n : 0 };
}

/**
 * A centre for cross products computed in pieces, from at most `sampleRows` evenly spaced rows: any fixed centre
 * gives the same sums up to rounding (gram-training-set.ts shifts by the rows' own means), and one within a few
 * sd/√sampleRows of the means keeps them as free of cancellation as the exact means, at O(sampleRows·p).
 */
export function sampleCentre(data: Dataset, sampleRows = 1024): { centre: Float64Array; responseCentre: number } {
  const { rows: n, cols: p, values: x } = data.x;
  const count = Math.min(n, sampleRows);
  const rowAt = (s: number) => Math.floor((s * n) / count);
  const centre = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let s = 0; s < count; s++) sum += x[j * n + rowAt(s)];
    centre[j] = count > 0 ? sum / count : 0;
  }
  let ySum = 0;
  for (let s = 0; s < count; s++) ySum += data.y[rowAt(s)];
  return { centre, responseCentre: count > 0 ? ySum / count : 0 };
}

/** Σ of the parts entrywise, added in order into `target` (which may be the first part's values). */
export function addCrossProducts(parts: readonly CrossProducts[], target: Float64Array): CrossProducts {
  if (target !== parts[0].values) target.set(parts[0].values);
  for (let part = 1; part < parts.length; part++) {
    const values = parts[part].values;
    for (let i = 0; i < target.length; i++) target[i] += values[i];
  }
  return { size: parts[0].size, values: target };
}
