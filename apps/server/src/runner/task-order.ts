import type { TaskPlan } from '@regsweep/sweep';
import { foldRows, type RunContext } from './run-context';

/**
 * The order a sweep's tasks go to the pool (or, in queue mode, into the queue, whose jobs carry their place in it as
 * their priority: queued-worker-pool.ts jobPriority): longest first, so that the last tasks to finish are short ones and no thread or worker process sits idle
 * while one long task runs alone at the end (longest-processing-time-first scheduling).
 *
 * An MLP sweep's tasks differ by their curve's network and epochs (a random search draws them per trial), so they
 * are sorted by an estimate of their work: training rows × epochs × λ values × Σ_l sizes[l]·sizes[l+1] over the
 * layers [inputs, ...hidden, 1] (a forward and a backward pass both cost about that per row). The sort is stable: on
 * equal estimates, plan order. Other sweeps: the full-data paths (fold 0, all fitting rows) first, then the folds in
 * plan order.
 */
export function longestFirst(context: RunContext, tasks: readonly TaskPlan[]): TaskPlan[] {
  if (context.config.model === 'mlp') {
    const cost = new Map(tasks.map((task) => [task, mlpTaskWork(context, task)]));
    return [...tasks].sort((a, b) => cost.get(b)! - cost.get(a)!);
  }
  return [...tasks.filter((task) => task.fold === 0), ...tasks.filter((task) => task.fold !== 0)];
}

/** The estimate above, in multiply-adds up to a constant factor. */
export function mlpTaskWork(context: RunContext, task: TaskPlan): number {
  const curve = context.plan.curves[task.curve];
  const mlp = curve.mlp;
  if (!mlp) return 0;
  const sizes = [context.data.x.cols, ...mlp.network.hidden, 1];
  let perRow = 0;
  for (let l = 0; l + 1 < sizes.length; l++) perRow += sizes[l] * sizes[l + 1];
  const rows = foldRows(context.plan, task.fold).trainRows.length;
  return rows * mlp.solver.epochs * curve.lambdas.length * perRow;
}
