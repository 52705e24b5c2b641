import { Logger } from '@nestjs/common';
import { gramFoldApplies, makeSplitPlan, type Dataset } from '@regsweep/engine';
import { isLargeData } from '../runner/data-size';
import type { SharedCrossProducts } from '../runner/fold-task.worker';
import type { SharedDataset } from '../runner/shared-dataset';
import { sweepCrossProducts, type SweepCrossProducts } from '../runner/sweep-cross-products';
import type { WorkerPoolService } from '../runner/worker-pool.service';
import type { FoldTaskJob } from './fold-task-job';

/** Sweeps whose cross products a worker keeps: (p+2)² float64 per block, a block per fold and the test rows. */
const CACHED_SWEEPS = 2;

/**
 * A queue worker's share of the embedded runner's cross-products step (runner/cross-products-step.ts): on large
 * data, the first task of a sweep that fits from cross products has this worker sum every row block's AᵀA once, on
 * its own threads, with sweepCrossProducts itself; that sweep's later tasks on this worker reuse them. The split
 * comes with the job, so the blocks, and the order they are added in, are the embedded runner's: a queued task fits
 * from the same bits as an embedded one, and the report is the same byte for byte. Without this every task summed its
 * own (its fold's rows on each thread), in another order and several times over.
 */
export class WorkerCrossProducts {
  private readonly logger = new Logger(WorkerCrossProducts.name);
  private readonly sweeps = new Map<string, Promise<SweepCrossProducts | undefined>>();

  constructor(private readonly pool: WorkerPoolService) {}

  /** The fold's cross products, or undefined when the task fits from its rows (or summing them failed). */
  async forTask(task: FoldTaskJob, shared: SharedDataset, checksum: string): Promise<SharedCrossProducts | undefined> {
    const { split } = task;
    if (!split || !isLargeData(shared.rows, shared.cols) || !gramFoldApplies(datasetOf(shared), task.fold, task.spec))
      return undefined;
    const key = `${checksum}\n${JSON.stringify(split)}`;
    let summing = this.sweeps.get(key);
    if (!summing) {
      summing = this.sum(task, shared).catch((error: unknown) => {
        this.sweeps.delete(key); // the next task tries again
        this.logger.warn(`sweep ${task.sweepId}: cross products not shared (${String(error)}); the task sums its own`);
        return undefined;
      });
      if (this.sweeps.size >= CACHED_SWEEPS) this.sweeps.delete(this.sweeps.keys().next().value as string);
      this.sweeps.set(key, summing);
    }
    return (await summing)?.forFold(task.fold.fold);
  }

  private async sum(task: FoldTaskJob, shared: SharedDataset): Promise<SweepCrossProducts | undefined> {
    const plan = makeSplitPlan(shared.rows, task.split!.spec, task.split!.testFraction);
    const planned = plan.folds.find((fold) => fold.fold === task.fold.fold);
    // The job's own rows must be the plan's: otherwise the split does not describe this data, and nothing is shared.
    if (!planned || !sameRows(planned.validationRows, task.fold.validationRows)) return undefined;
    // Not tied to the first task's signal: the sums serve every task of the sweep on this worker.
    const options = { signal: new AbortController().signal, timeoutMs: task.timeoutMs };
    return sweepCrossProducts(shared, plan, this.pool, (work) => work(), options);
  }
}

function datasetOf(shared: SharedDataset): Dataset {
  const { rows, cols, names } = shared;
  return { x: { rows, cols, names, values: new Float64Array(shared.x) }, y: new Float64Array(shared.y) };
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}
