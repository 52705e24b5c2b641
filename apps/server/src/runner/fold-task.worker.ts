/**
 * Runs in a Piscina worker thread: one task = one curve's λ path fitted on one fold (the default export), or a piece
 * of the cross products computed once per sweep across the pool (sweep-cross-products.ts): AᵀA over a chunk of rows
 * (`rowsCrossProducts`), or a range of entries of their sum (`sumCrossProducts`).
 * The dataset arrives as SharedArrayBuffers (shared with the main thread, not copied); only the fold's row indices
 * and the path spec travel with each message. Workers never touch the database.
 */
import { addCrossProducts, crossProducts, evaluateFold, FoldWorkspace } from '@regsweep/engine';
import type { SweepConfig } from '@regsweep/sweep';
// The plan alone, not the package index: its config validation (class-validator, ~320 modules) is the server's job.
import { planSweep } from '@regsweep/sweep/plan';
import type {
  CrossProducts,
  Dataset,
  FoldCrossProducts,
  FoldRows,
  MetricName,
  PathSpec,
  SplitSpec,
} from '@regsweep/engine';
import { isMainThread, workerData } from 'node:worker_threads';
import { warmUpEngine } from './engine-warm-up';
import { packPlan, type PackedPlan } from './packed-plan';
import { packFoldResult, type PackedFoldResult } from './packed-result';
import type { SharedDataset } from './shared-dataset';
import { lowerThisThreadPriority } from './thread-priority';

/**
 * The dataset as shared memory (shareDataset's SharedDataset); `key` may be absent (the warm-up's synthetic data),
 * it is the same for every task on the same shared memory, so the thread's cached whole-data sums are found
 * without hashing it.
 */
export type SharedDatasetMessage = Omit<SharedDataset, 'key'> & { readonly key?: string };

/** The centre (cols float64, and the response's) all the sweep's cross products are taken around. */
export interface SharedCentre {
  readonly centre: SharedArrayBuffer;
  readonly responseCentre: number;
}

/** A fold's cross products ((cols+2)² float64 each, engine FoldCrossProducts) as shared memory. */
export interface SharedCrossProducts extends SharedCentre {
  readonly full: SharedArrayBuffer;
  readonly validation: SharedArrayBuffer | null;
  readonly others: SharedArrayBuffer | null;
}

/** The pool's workerData (WorkerPoolService). */
export interface WorkerSettings {
  /** Int32 flag: 1 = warm the engine up as the thread starts (engine-warm-up.ts). */
  readonly engineWarmUp: SharedArrayBuffer;
  /** This thread's nice value (thread-priority.ts). */
  readonly nice?: number;
}

/** A sweep's split as its config states it (makeSplitPlan's arguments besides the row count). */
export interface SweepSplit {
  readonly spec: SplitSpec;
  readonly testFraction: number;
}

export interface TaskLabel {
  readonly sweepName: string;
  readonly curve: number;
  /** 1 for the first start of the task. */
  readonly attempt: number;
}

export interface FoldTaskMessage extends SharedDatasetMessage {
  readonly fold: FoldRows;
  readonly spec: PathSpec;
  readonly metric: MetricName;
  /** Computed once for the sweep (sweep-cross-products.ts): the task fits from these instead of summing rows. */
  readonly crossProducts?: SharedCrossProducts;
  /** Which task, and which start of it, this is: for a worker file that wraps this one (the tests' fault injection). */
  readonly task?: TaskLabel;
  /**
   * Queue mode (queue/): the stored dataset this task's data came from, which a worker elsewhere fetches, and the
   * sweep's split, from which that worker sums the sweep's cross products as the embedded runner does.
   */
  readonly source?: {
    readonly sweepId: string;
    readonly datasetId: string;
    readonly target?: string;
    readonly split?: SweepSplit;
  };
}

export interface RowsCrossProductsMessage extends SharedDatasetMessage, SharedCentre {
  /** The row indices to sum over. */
  readonly chunk: Int32Array;
  /** (cols+2)² float64 for the result, allocated by the main thread (see rowsCrossProducts). */
  readonly target: SharedArrayBuffer;
}

/** A sweep to plan (prepare-run.ts): planning a large random search is seconds of work, kept off the main thread. */
export interface PlanSweepMessage extends SharedDatasetMessage {
  readonly sweepId: string;
  readonly config: SweepConfig;
}

/** Terms added into `target` over the entries [from, to) (sweep-cross-products.ts). */
export interface SumCrossProductsMessage {
  /** Added in this order, whatever thread runs which entries: the sum does not depend on the pool. */
  readonly terms: readonly SharedArrayBuffer[];
  /** (cols+2)² float64, allocated by the main thread. */
  readonly target: SharedArrayBuffer;
  readonly from: number;
  readonly to: number;
}

/** This thread's memory from task to task: the whole dataset's sums, scratch blocks, the solver's Gram columns. */
const workspace = new FoldWorkspace();

export default function runFoldTask(message: FoldTaskMessage): PackedFoldResult {
  const data = datasetOf(message);
  const given = message.crossProducts ? foldCrossProducts(message.crossProducts, data.x.cols + 2) : undefined;
  return packFoldResult(evaluateFold(data, message.fold, message.spec, message.metric, undefined, given, workspace));
}

/** The sweep's plan (planSweep) on the shared data, packed for the trip back (packed-plan.ts). */
export function plan(message: PlanSweepMessage): PackedPlan {
  return packPlan(planSweep(message.sweepId, message.config, datasetOf(message)));
}

/**
 * AᵀA over the rows of `chunk`, written into `target`: shared memory the main thread allocated, so this thread does
 * not pay for a fresh multi-MB allocation (slow here, and slower still with two threads at once) nor a copy.
 */
export function rowsCrossProducts(message: RowsCrossProductsMessage): void {
  const { centre, responseCentre, chunk, target } = message;
  const values = new Float64Array(target);
  crossProducts(datasetOf(message), chunk, new Float64Array(centre), responseCentre, values, workspace.crossProducts);
}

/** target[i] = ((terms[0][i] + terms[1][i]) + …) for i in [from, to). */
export function sumCrossProducts({ terms, target, from, to }: SumCrossProductsMessage): void {
  const entries = (values: SharedArrayBuffer) => new Float64Array(values, from * 8, to - from);
  // addCrossProducts reads only `values` here; the views are not whole matrices (size 0).
  addCrossProducts(
    terms.map((values) => ({ size: 0, values: entries(values) })),
    entries(target),
  );
}

/** Whether this thread warmed the engine up as it started (below). */
let engineWarmedUp = false;

/**
 * WorkerPoolService.warmUp runs it to start a thread (which loads this file and, for a large sweep, warms the engine
 * up) before a sweep needs it. Answers whether the thread warmed the engine up.
 */
export function warmUp(): boolean {
  return engineWarmedUp;
}

function foldCrossProducts(shared: SharedCrossProducts, size: number): FoldCrossProducts {
  const view = (values: SharedArrayBuffer | null): CrossProducts | null =>
    values ? { size, values: new Float64Array(values) } : null;
  return {
    full: {
      size,
      values: new Float64Array(shared.full),
      centre: new Float64Array(shared.centre),
      responseCentre: shared.responseCentre,
    },
    validation: view(shared.validation),
    others: view(shared.others),
  };
}

function datasetOf(message: SharedDatasetMessage): Dataset {
  const { rows, cols, names, key, classes } = message;
  const x = { rows, cols, names, values: new Float64Array(message.x) };
  return { x, y: new Float64Array(message.y), key, ...(classes ? { classes } : {}) };
}

// A pool thread runs the fits below the main thread's priority: requests are answered while every core fits.
if (!isMainThread) lowerThisThreadPriority((workerData as Partial<WorkerSettings> | undefined)?.nice ?? 0);

// On a pool thread started for a large sweep, once, before its first task: V8 optimizes the engine now rather than
// inside the first tasks (engine-warm-up.ts). A failure here only loses that head start.
if (!isMainThread && engineWarmUpWanted(workerData)) {
  try {
    warmUpEngine({ runFoldTask, rowsCrossProducts });
    engineWarmedUp = true;
  } catch {
    // the tasks compile what they need themselves
  }
}

function engineWarmUpWanted(settings: unknown): boolean {
  const flag = (settings as Partial<WorkerSettings> | undefined)?.engineWarmUp;
  return flag instanceof SharedArrayBuffer && Atomics.load(new Int32Array(flag), 0) === 1;
}
