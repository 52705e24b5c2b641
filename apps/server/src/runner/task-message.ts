import type { TaskPlan } from '@regsweep/sweep';
import type { FoldTaskMessage } from './fold-task.worker';
import { foldRows, pathSpec, type RunContext } from './run-context';

/**
 * The message a fold task sends to a worker thread: the shared dataset (SharedArrayBuffers, not copied), the fold's
 * rows, the λ path to fit, the metric, and the fold's shared cross products when the sweep computed them.
 * A new task kind is a new builder here and a new export in fold-task.worker.ts.
 */
export function foldTaskMessage(context: RunContext, task: TaskPlan, attempt: number): FoldTaskMessage {
  const { config, shared, crossProducts } = context;
  return {
    ...shared,
    fold: foldRows(context.plan, task.fold),
    spec: pathSpec(context, task),
    metric: config.metric,
    ...(crossProducts ? { crossProducts: crossProducts.forFold(task.fold) } : {}),
    task: { sweepName: config.name, curve: task.curve, attempt },
    source: {
      sweepId: context.sweepId,
      datasetId: context.datasetId,
      target: config.target,
      split: { spec: config.split, testFraction: config.testFraction },
    },
  };
}
