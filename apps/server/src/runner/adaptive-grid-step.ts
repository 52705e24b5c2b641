/**
 * The adaptive grid step (`lambdas.auto.adaptive`), after the grid's tasks: while some curve's lambdaMin sits at an
 * end below its limit, plan one extension curve for each such curve (adaptive-rounds.ts), store its trials and tasks,
 * count the ones a previous run already finished, and run the rest. Each round is derived from the stored rows, so a
 * resume derives the same extension curves (same task keys) again.
 */
import { mergeCurveResults, type CurveResults, type TrialPlan } from '@regsweep/sweep';
import type { SweepStore } from '../store/sweep-store';
import { curveParts, gridCurves, gridCurveState, planRound, withAdaptiveRecord } from './adaptive-rounds';
import { yieldToEventLoop } from '../store/yield-to-event-loop';
import { FINAL_TASK_STATUSES, type RunContext } from './run-context';
import { builtCurveResults } from './curve-results-builder';
import { curveResultsFromRowsInSlices } from './stored-results';
import type { TaskScheduler } from './task-scheduler';

export async function extendGrids(store: SweepStore, scheduler: TaskScheduler, context: RunContext): Promise<void> {
  const { sweepId, config } = context;
  // Each plan curve's values, read once: a curve is read only after all its tasks ran, so its rows do not change in
  // later rounds (about 16 bytes per fold row, 16 MB for the largest allowed sweep, freed when the step ends).
  const built = new Map<number, CurveResults>();
  while (!context.signal.aborted) {
    // One curve's merge and statistics at a time, the event loop served between (all 9 curves of the largest allowed
    // sweep in one go were one of its longest blocks: docs/benchmarks.md, issue 17).
    const curveStates = [];
    for (const curve of gridCurves(context.plan, context.extensions)) {
      await yieldToEventLoop();
      const results = await mergedCurveValues(store, context, curve.index, built);
      await yieldToEventLoop();
      curveStates.push({ base: curve.index, state: gridCurveState(results, curve.index, context.extensions, config) });
    }
    const round = planRound(sweepId, context.plan, curveStates);
    if (round.curves.length === 0) return;
    const plan = context.plan;
    context.plan = {
      ...plan,
      curves: [...plan.curves, ...round.curves],
      trials: [...plan.trials, ...round.trials],
      tasks: [...plan.tasks, ...round.tasks],
    };
    context.extensions.push(...round.extensions);
    const trialIds = await store.storePlan(sweepId, round.trials, round.tasks);
    for (const curve of round.curves) context.curveTrials[curve.index] = trialsOf(round.trials, curve.index, trialIds);
    const states = await store.taskStates(sweepId);
    context.done += round.tasks.filter((task) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')).length;
    await store.markSweepRunning(sweepId, context.startedAt, context.plan.tasks.length, context.done);
    scheduler.outcomes.emitProgress(context);
    await scheduler.runAll(context, round.tasks);
  }
}

/**
 * A grid curve's results merged with its extension curves', read from the stored rows, with its adaptive record:
 * the report's input (every fold fit, for the fit warnings), built in time slices.
 */
export async function mergedCurve(store: SweepStore, context: RunContext, base: number): Promise<CurveResults> {
  const parts = [];
  for (const index of curveParts(base, context.extensions)) {
    const rows = await store.curveFoldRows(context.sweepId, index);
    parts.push(await curveResultsFromRowsInSlices(context.plan.curves[index], rows, context.data.names));
  }
  // The merge and the record's statistics apart, the event loop served between (each a block of its own on a 10,000-λ curve).
  await yieldToEventLoop();
  const merged = mergeCurveResults(parts);
  await yieldToEventLoop();
  return withAdaptiveRecord(merged, base, context.extensions, context.config);
}

/**
 * What planning a round reads of a grid curve and its extensions (planRound: the folds' train and validation values
 * and the full-data path), merged; the parts built by CurveResultsBuilder, without a fit object per fold row. Each
 * round merges every curve again; `built` keeps the parts already read (docs/benchmarks.md, issue 17).
 */
async function mergedCurveValues(
  store: SweepStore,
  context: RunContext,
  base: number,
  built: Map<number, CurveResults>,
): Promise<CurveResults> {
  const parts = [];
  for (const index of curveParts(base, context.extensions)) {
    let part = built.get(index);
    if (!part) {
      part = await builtCurveResults(store, context.sweepId, context.plan.curves[index], context.data.names);
      built.set(index, part);
    }
    parts.push(part);
  }
  return mergeCurveResults(parts);
}

/** A curve's trials (id and key) in λ order. */
export function trialsOf(trials: readonly TrialPlan[], curve: number, ids: Map<string, number>) {
  return trials
    .filter((trial) => trial.curve === curve)
    .sort((a, b) => a.lambdaIndex - b.lambdaIndex)
    .map((trial) => ({ id: ids.get(trial.key) as number, key: trial.key }));
}
