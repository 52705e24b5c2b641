import { Logger } from '@nestjs/common';
import { gramFoldApplies } from '@regsweep/engine';
import type { TaskPlan } from '@regsweep/sweep';
import { isLargeData } from './data-size';
import { foldRows, pathSpec, type RunContext } from './run-context';
import { sweepCrossProducts, type Slot, type SweepCrossProducts } from './sweep-cross-products';
import { TaskFault } from './task-fault';
import type { WorkerPoolService } from './worker-pool.service';

const logger = new Logger('SweepRunnerService');

/**
 * When some of the tasks fit from cross products (gram-fold.ts) and the data is large (data-size.ts), every row
 * block's AᵀA is summed once for the sweep on the pool (sweep-cross-products.ts), `concurrency` pieces at a time like
 * the fold tasks. A failed piece only costs that speed-up: undefined, and each task sums its own.
 */
export async function shareCrossProducts(
  context: RunContext,
  todo: readonly TaskPlan[],
  pool: WorkerPoolService,
  slot: Slot,
): Promise<SweepCrossProducts | undefined> {
  const { shared, plan } = context;
  if (!isLargeData(shared.rows, shared.cols)) return undefined;
  const needed = todo.some((task) => gramFoldApplies(context.data, foldRows(plan, task.fold), pathSpec(context, task)));
  if (!needed) return undefined;
  const options = { signal: context.signal, timeoutMs: context.timeoutMs };
  try {
    return await sweepCrossProducts(shared, plan.split, pool, slot, options);
  } catch (error) {
    if (context.signal.aborted || !(error instanceof TaskFault)) throw error;
    logger.warn(`sweep ${context.sweepId}: shared cross products failed (${error.message}); each task sums its own`);
    return undefined;
  }
}
