/**
 * The refit round of an mlp sweep with search.refit chosen (issue 12), after the cross-validation tasks: the trials
 * the report reads a full-data network of (refitCurves: the best curve's lambdaMin and lambda1se trials) get their
 * fold 0 task, trained on every fitting row through the same pool as the others (Piscina threads or the queue), as
 * scikit-learn's GridSearchCV refits the best candidate after its search. The picks are a function of the stored
 * fold rows, so a sweep resumed during the round derives the same tasks (same keys) and runs only those not done.
 * Pruned trials are never picked: they are not among the report's curves.
 */
import {
  prepareComparison,
  refitCurves,
  refitsChosen,
  reportedCurveCount,
  taskKey,
  type CurveResults,
  type TaskPlan,
} from '@regsweep/sweep';
import type { SweepStore } from '../store/sweep-store';
import { yieldToEventLoop } from '../store/yield-to-event-loop';
import { reportCurves } from './conclude-sweep';
import { builtCurveResults } from './curve-results-builder';
import { FINAL_TASK_STATUSES, reservedRefitTasks, type RunContext } from './run-context';
import type { TaskScheduler } from './task-scheduler';

export async function refitChosenTrials(
  store: SweepStore,
  scheduler: TaskScheduler,
  context: RunContext,
): Promise<void> {
  if (!refitsChosen(context.config) || context.signal.aborted) return;
  const { sweepId } = context;
  const results: CurveResults[] = [];
  for (const { parts } of reportCurves(context)) {
    await yieldToEventLoop();
    results.push(await builtCurveResults(store, sweepId, context.plan.curves[parts[0]], context.data.names));
  }
  const tasks: TaskPlan[] = refitCurves(results, context.config).map((curve) => ({
    key: taskKey(sweepId, curve, 0),
    curve,
    fold: 0,
  }));
  const cvTasks = context.total ?? context.plan.tasks.length;
  context.plan = { ...context.plan, tasks: [...context.plan.tasks, ...tasks] };
  await store.storePlan(sweepId, [], tasks);
  const states = await store.taskStates(sweepId);
  context.done += tasks.filter((task) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')).length;
  // The total held reservedRefitTasks in place of the round's tasks, now known.
  const total = cvTasks - reservedRefitTasks(context) + tasks.length;
  await store.markSweepRunning(sweepId, context.startedAt, total, context.done);
  scheduler.outcomes.emitProgress(context, total);
  // The report's pairwise comparison loads its t CDF (comparison.ts) on first use, and V8 compiles its functions on
  // their first calls: in the conclusion after the last task, while every thread is idle. The round has one or two
  // tasks, so a pool of more threads than that has one idle while they run: loading and first calling it then
  // (prepareComparison) takes that off the sweep's serial end. Only when the report will compare (two curves or more).
  const compares = reportedCurveCount(results, context.config) > 1;
  await scheduler.runAll(context, tasks, compares ? prepareComparison : undefined);
}
