/**
 * The adaptive search step (search.strategy tpe, tpe-sampler.ts), in place of the planned tasks: trials are asked one
 * at a time, each run as a one-λ curve appended to the plan, with an optional pruner (search.pruner) stopping losing
 * trials by their running CV mean over folds (cd), or between the epochs of fold 1 (gd, mlp).
 */
import { cvStatistics, isLossMetric, keptEpochs, rungStopOnCurve } from '@regsweep/engine';
import {
  createAdaptiveSampler,
  createPruner,
  IntermediateValues,
  mlpCurveOf,
  plannedFolds,
  samplerOutcomes,
  searchSpace,
  stopsAfterFold,
  taskKey,
  trainingEpochs,
  trialKey,
  visibleOutcomes,
  type CurvePlan,
  type Pruner,
  type SearchPoint,
  type TaskPlan,
  type TrialOutcome,
  type TrialPlan,
} from '@regsweep/sweep';
import type { SweepStore } from '../store/sweep-store';
import { trialsOf } from './adaptive-grid-step';
import { FINAL_TASK_STATUSES, reservedRefitTasks, type RunContext } from './run-context';
import { Semaphore } from './semaphore';
import { curveResultsFromRows } from './stored-results';
import { PoolClosedError } from './task-fault';
import type { TaskScheduler } from './task-scheduler';
import { markedInSlot } from './task-slots';

/** A search trial's outcome as the sampler sees it (TrialOutcome without the trial's number and point). */
type SearchTrialOutcome = { state: 'complete' | 'pruned'; value: number; step?: number };

/**
 * An adaptive search (tpe-sampler.ts): trial n is asked once trials 0 … n − c have finished (c = concurrency), from
 * their outcomes only (visibleOutcomes), so the same seed and concurrency ask the same trials whatever order the
 * running ones finish in, and c trials are in flight. A trial is one point: a one-λ curve appended to the plan, its
 * tasks (folds 1..K and the full-data fold 0; an mlp's fold 0 waits for the refit round, refit-step.ts, under
 * search.refit chosen) run as a grid's, and its outcome is its CV validation mean (negated for scores: TPE minimises). A point asked twice (possible with lambdas.values) reuses the first one's outcome.
 */
export async function runAdaptiveSearch(
  store: SweepStore,
  scheduler: TaskScheduler,
  context: RunContext,
): Promise<void> {
  const { config, sweepId } = context;
  const sampler = createAdaptiveSampler(config);
  const space = searchSpace(config, context.data, context.plan.split.fitRows);
  const inFlight = scheduler.concurrency(context);
  const semaphore = new Semaphore(inFlight);
  const perTrial = plannedFolds(config, context.plan.split.folds).length;
  const planned = sampler.trials * perTrial + reservedRefitTasks(context);
  await store.markSweepRunning(sweepId, context.startedAt, planned, context.done);
  scheduler.outcomes.emitProgress(context, planned);
  // A resumed search asks the same trials again (same seed, same stored outcomes) and skips their finished tasks.
  const states = await store.taskStates(sweepId);
  const isFinal = (task: TaskPlan) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '');
  const finished: TrialOutcome[] = [];
  // values: fold 1's epochs (gd, mlp) or the folds (cd); folds: an epoch-trained trial's running means past fold 1.
  const pruning = {
    pruner: createPruner(config.search.pruner, config.search.seed),
    values: new IntermediateValues(),
    folds: new IntermediateValues(),
  };
  const outcomeOfKey = new Map<string, Promise<SearchTrialOutcome>>();
  const running = new Set<Promise<void>>();
  let firstError: unknown;
  for (let number = 0; number < sampler.trials && !context.signal.aborted; number++) {
    while (finished.filter((t) => t.number <= number - inFlight).length < Math.max(0, number - inFlight + 1)) {
      if (running.size === 0) break; // the trial waited for failed: the sweep is being aborted
      await Promise.race(running);
      if (context.signal.aborted) break;
    }
    if (context.signal.aborted) break;
    // Under Hyperband the sampler fits on the asking trial's bracket only (as Optuna's TPESampler does), the bracket
    // known from trials 0 … number − inFlight like the rest: the same whatever ran beside it.
    const visible = visibleOutcomes(finished, number, inFlight);
    const seen = samplerOutcomes(visible, pruning.pruner, pruning.values.upTo(number - inFlight), number);
    const point = sampler.ask(space, number, seen);
    const params = config.model === 'mlp' ? mlpCurveOf(config, point, 0).params : undefined;
    const key = trialKey(sweepId, point.penalty, point.l1Ratio, point.lambda, params);
    let outcome = outcomeOfKey.get(key);
    if (!outcome) {
      const trial = { number, point, key, inFlight };
      outcome = runSearchTrial(store, scheduler, context, trial, semaphore, isFinal, pruning);
      outcomeOfKey.set(key, outcome);
    } else {
      // A repeated point runs no tasks of its own: they leave the progress total.
      const total = (context.total ?? 0) - perTrial;
      await store.markSweepRunning(sweepId, context.startedAt, total, context.done);
      scheduler.outcomes.emitProgress(context, total);
    }
    const done: Promise<void> = outcome
      .then((result) => void finished.push({ number, point, ...result }))
      .catch((error: unknown) => {
        if (context.signal.aborted) return;
        if (error instanceof PoolClosedError) context.state.stopReason ??= 'shutdown';
        else firstError ??= error;
        context.state.controller.abort();
      })
      .finally(() => running.delete(done));
    running.add(done);
  }
  await Promise.all(running);
  if (firstError !== undefined) throw firstError;
}

/**
 * One search trial: its one-λ curve, trial and tasks stored and run; its outcome (a loss) from the stored rows.
 * With a pruner, a trial trained by epochs (gd, mlp) is judged on fold 1's epochs, then (asha, hyperband) on the
 * running CV mean after each later fold but the last (step k · epochs); otherwise the folds run one after another,
 * and after fold k the running CV mean over folds 1..k (step k) is reported. A trial the
 * pruner stops is stored `pruned` with that step and value, and its other folds (and the full-data fit) never run.
 */
async function runSearchTrial(
  store: SweepStore,
  scheduler: TaskScheduler,
  context: RunContext,
  { number, point, key, inFlight }: { number: number; point: SearchPoint; key: string; inFlight: number },
  semaphore: Semaphore,
  isFinal: (task: TaskPlan) => boolean,
  { pruner, values, folds }: { pruner: Pruner; values: IntermediateValues; folds: IntermediateValues },
): Promise<SearchTrialOutcome> {
  const { sweepId, config } = context;
  const plan = context.plan;
  const { penalty, l1Ratio, lambda } = point;
  const index = plan.curves.length;
  const planned: CurvePlan =
    config.model === 'mlp'
      ? mlpCurveOf(config, point, index)
      : { index, penalty, l1Ratio, lambdas: Float64Array.of(lambda) };
  const epochs = pruner.kind === 'none' ? undefined : trainingEpochs(config, planned);
  // Fold 1's limits come from trials 0 … number − inFlight only, all finished by now: the same whatever ran beside it.
  // None at the last epoch: stopping there saves nothing.
  const epochRungs =
    epochs === undefined
      ? undefined
      : pruner.epochRungs(values.upTo(number - inFlight), epochs - 1, keptEpochs(epochs), number);
  const curve: CurvePlan = epochRungs ? { ...planned, epochRungs } : planned;
  const trial: TrialPlan = {
    key,
    curve: index,
    lambdaIndex: 0,
    penalty,
    l1Ratio,
    lambda,
    ...(curve.params ? { params: curve.params } : {}),
  };
  const tasks = plannedFolds(config, plan.split.folds).map(({ fold }) => ({
    key: taskKey(sweepId, curve.index, fold),
    curve: curve.index,
    fold,
  }));
  context.plan = {
    ...plan,
    curves: [...plan.curves, curve],
    trials: [...plan.trials, trial],
    tasks: [...plan.tasks, ...tasks],
  };
  const ids = await store.storePlan(sweepId, [trial], tasks);
  context.curveTrials[curve.index] = trialsOf([trial], curve.index, ids);
  const sign = isLossMetric(config.metric) ? 1 : -1;
  // The CV mean over folds 1 … lastFold (a resumed trial may hold later folds already).
  const runningMean = async (lastFold = Infinity) => {
    const rows = await store.curveFoldRows(sweepId, curve.index);
    const results = curveResultsFromRows(curve, rows, context.data.names);
    const done = results.folds.filter((f) => f.fold <= lastFold);
    return cvStatistics(done, curve.lambdas, config.metric).validationMean[0];
  };
  const run = async (task: TaskPlan) => {
    if (isFinal(task)) context.done++;
    else await scheduler.run(context, task, markedInSlot((work) => semaphore.run(work)));
    context.signal.throwIfAborted();
  };
  const prune = async (step: number, value: number, tasksRun: number): Promise<SearchTrialOutcome> => {
    values.finish(number, 'pruned');
    await store.markTrialPruned(context.curveTrials[curve.index][0].id, step, value);
    context.pruned.push({ curve: curve.index, step, value });
    // Its other folds and the full-data fit will not run: they leave the progress total.
    const total = (context.total ?? 0) - (tasks.length - tasksRun);
    await store.markSweepRunning(sweepId, context.startedAt, total, context.done);
    scheduler.outcomes.emitProgress(context, total);
    return { state: 'pruned', value, step };
  };
  const complete = async (): Promise<SearchTrialOutcome> => {
    values.finish(number, 'complete');
    return { state: 'complete', value: sign * (await runningMean()) };
  };
  if (pruner.kind === 'none') {
    await Promise.all(tasks.map(run));
    return complete();
  }
  if (epochs !== undefined) {
    // Fold 1 trains first, stopping at the first rung it loses; its validation losses per kept epoch are this
    // trial's reports (values in the curve's loss: mse or logloss), replayed from the stored curve.
    const first = tasks.find((task) => task.fold === 1)!;
    await run(first);
    const rows = await store.curveFoldRows(sweepId, curve.index, { learningCurves: true });
    const fit = curveResultsFromRows(curve, rows, context.data.names).folds.find((f) => f.fold === 1)?.fits[0];
    const learning = fit?.learningCurve;
    learning?.epochs.forEach((epoch, i) => values.report(number, epoch, learning.validation[i]));
    const stop = epochRungs && learning ? rungStopOnCurve(epochRungs, learning) : undefined;
    if (stop) return prune(stop.epoch, stop.value, 1);
    // Past fold 1's epochs (a pruner with foldLimit: asha, hyperband), folds 2 … K run one after another and after
    // fold k < K the running CV mean over folds 1..k is judged against trials 0 … number − inFlight's at fold k
    // (stopsAfterFold): like the rungs, the same whatever ran beside it. The last fold and the full-data fit run together.
    const cvTasks = tasks.filter((task) => task.fold > 0).sort((a, b) => a.fold - b.fold);
    const ran = new Set([first]);
    for (let k = 1; pruner.foldLimit && k < cvTasks.length; k++) {
      if (k > 1) await run(cvTasks[k - 1]).then(() => ran.add(cvTasks[k - 1]));
      const mean = await runningMean(k);
      folds.report(number, k, sign * mean);
      if (stopsAfterFold(pruner, folds.upTo(number - inFlight), k, sign * mean)) {
        const outcome = await prune(k * epochs, mean, k);
        return { ...outcome, value: sign * mean };
      }
    }
    await Promise.all(tasks.filter((task) => !ran.has(task)).map(run));
    return complete();
  }
  const cvTasks = tasks.filter((task) => task.fold > 0);
  for (let step = 1; step <= cvTasks.length; step++) {
    await run(cvTasks[step - 1]);
    const mean = await runningMean();
    values.report(number, step, sign * mean);
    if (step < cvTasks.length && pruner.shouldPrune(values, number, step)) {
      const outcome = await prune(step, mean, step);
      return { ...outcome, value: sign * mean };
    }
  }
  await run(tasks.find((task) => task.fold === 0)!);
  return complete();
}
