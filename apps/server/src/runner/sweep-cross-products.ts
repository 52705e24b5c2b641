/**
 * The cross products a sweep's fold tasks fit from (engine gram-fold.ts), summed ONCE per sweep and spread over the
 * worker pool, instead of every thread summing all n rows itself (n·p²/2 multiply-adds per thread, the same on
 * every thread: what kept 2 threads from being twice as fast as 1) and every fold task its validation rows again.
 *
 * The rows fall into disjoint blocks: the test rows T, each fold's validation rows V_1..V_K, and the fit rows in no
 * validation fold R (a holdout's training rows). Sums over disjoint rows add, so one pass over the data gives every
 * block's AᵀA, and the whole dataset's is their sum:
 *     full = S(T) + Σ_k S(V_k) + S(R);   fold k trains on full − S(V_k) − S(T);   fold 0 on full − S(T).
 * Each block is summed in chunks of at most n/CHUNKS_PER_DATASET rows, one pool task per chunk; the chunks and
 * blocks are added in a fixed order, also on the pool (sumOnPool), so the result does not depend on the number of
 * threads. The centre (from a sample of rows) is the only arithmetic on the main thread.
 */
import { sampleCentre } from '@regsweep/engine';
import type { SplitPlan } from '@regsweep/engine';
import type { SharedCrossProducts } from './fold-task.worker';
import type { SharedDataset } from './shared-dataset';
import type { TaskRunOptions, WorkerPoolService } from './worker-pool.service';

/** A block of 1/CHUNKS_PER_DATASET of the rows or more is split, so no single task holds up the others. */
const CHUNKS_PER_DATASET = 8;

/** Every block's cross products, for the fold tasks. */
export interface SweepCrossProducts {
  /** The products a fold task gets: full, its validation rows' and its other rows' (the test rows'). */
  forFold(fold: number): SharedCrossProducts;
}

/** Runs work in one of the sweep's `concurrency` slots. */
export type Slot = <T>(work: () => Promise<T>) => Promise<T>;

export async function sweepCrossProducts(
  shared: SharedDataset,
  split: SplitPlan,
  pool: WorkerPoolService,
  slot: Slot,
  options: TaskRunOptions,
): Promise<SweepCrossProducts> {
  const { rows, cols, names } = shared;
  const data = { x: { rows, cols, names, values: new Float64Array(shared.x) }, y: new Float64Array(shared.y) };
  const { centre, responseCentre } = sampleCentre(data); // O(1024·p): fine on this thread
  const sharedCentre = new SharedArrayBuffer(centre.byteLength);
  new Float64Array(sharedCentre).set(centre);
  const size = cols + 2;

  const validationFolds = split.folds.filter((fold) => fold.fold > 0);
  const blocks = [split.testRows, ...validationFolds.map((fold) => fold.validationRows), restRows(split)];
  const chunkRows = Math.max(1, Math.ceil(rows / CHUNKS_PER_DATASET));
  const sum = (terms: SharedArrayBuffer[], target: SharedArrayBuffer) =>
    sumOnPool(terms, target, size * size, pool, slot, options);
  const blockValues = await Promise.all(
    blocks.map(async (blockRows) => {
      if (blockRows.length === 0) return null;
      const chunks = await Promise.all(
        chunksOf(blockRows, chunkRows).map((chunk) =>
          slot(async () => {
            const target = new SharedArrayBuffer(size * size * 8); // here: the worker then allocates nothing
            await pool.runRowsCrossProducts(
              { ...shared, centre: sharedCentre, responseCentre, chunk, target },
              options,
            );
            return target;
          }),
        ),
      );
      if (chunks.length > 1) await sum(chunks, chunks[0]); // into the first chunk's memory
      return chunks[0];
    }),
  );
  const full = new SharedArrayBuffer(size * size * 8); // the blocks' sum: every row
  await sum(
    blockValues.filter((values) => values !== null),
    full,
  );

  const [test] = blockValues;
  const validationOf = new Map(validationFolds.map((fold, k) => [fold.fold, blockValues[k + 1]]));
  return {
    forFold: (fold) => ({
      full,
      centre: sharedCentre,
      responseCentre,
      // Fold 0 validates on the test rows and leaves nothing else out; fold k validates on V_k and leaves T out.
      validation: fold === 0 ? test : (validationOf.get(fold) ?? null),
      others: fold === 0 ? null : test,
    }),
  };
}

/**
 * Σ terms entrywise into target, in the terms' order, on the pool: a task per thread, a range of entries each. Not
 * on this thread: p² additions per term, and this thread's first ones run before V8 has optimized them, while a worker
 * waits for this thread to hand it its next chunk (docs/benchmarks.md).
 */
async function sumOnPool(
  terms: SharedArrayBuffer[],
  target: SharedArrayBuffer,
  entries: number,
  pool: WorkerPoolService,
  slot: Slot,
  options: TaskRunOptions,
): Promise<void> {
  const step = Math.ceil(entries / Math.max(1, pool.size));
  const ranges: Array<[number, number]> = [];
  for (let from = 0; from < entries; from += step) ranges.push([from, Math.min(entries, from + step)]);
  await Promise.all(
    ranges.map(([from, to]) => slot(() => pool.runSumCrossProducts({ terms, target, from, to }, options))),
  );
}

/** The fit rows in no validation fold (a holdout's training rows; none for k-fold and fold ids). */
function restRows(split: SplitPlan): Int32Array {
  const inFold = new Uint8Array(split.fitRows.length === 0 ? 0 : split.fitRows[split.fitRows.length - 1] + 1);
  for (const fold of split.folds) if (fold.fold > 0) for (const row of fold.validationRows) inFold[row] = 1;
  return split.fitRows.filter((row) => inFold[row] === 0);
}

function chunksOf(rows: Int32Array, chunkRows: number): Int32Array[] {
  const chunks: Int32Array[] = [];
  // slice, not subarray: a posted view would carry its whole buffer.
  for (let start = 0; start < rows.length; start += chunkRows) chunks.push(rows.slice(start, start + chunkRows));
  return chunks;
}
