import { datasetChecksum } from '@regsweep/models';
import { chooseConcurrency, threadsBeforePlan, usesEveryPoolThread } from '@regsweep/sweep';
import type { ClockService } from '../common/clock.service';
import type { DatasetsService } from '../datasets/datasets.service';
import type { SweepEventsService } from '../events/sweep-events.service';
import type { SweepStore } from '../store/sweep-store';
import { eachInTimeSlices } from '../common/in-time-slices';
import { yieldToEventLoop } from '../store/yield-to-event-loop';
import { abandonedConclusion, MAX_CONCLUDE_ATTEMPTS } from './conclude-sweep';
import { isLargeData } from './data-size';
import {
  FINAL_TASK_STATUSES,
  multinomialClasses,
  reservedRefitTasks,
  type RunContext,
  type RunState,
} from './run-context';
import type { RunnerOptions } from './runner-options';
import { shareDataset } from './shared-dataset';
import type { WorkerPoolService } from './worker-pool.service';

export interface PrepareDependencies {
  readonly store: SweepStore;
  readonly datasets: DatasetsService;
  readonly pool: WorkerPoolService;
  readonly events: SweepEventsService;
  readonly clock: ClockService;
  readonly options: RunnerOptions;
}

/**
 * The prepare step: loads the data, plans, stores the trials and tasks (once: a resume finds them stored), puts
 * back to pending the tasks a killed process left running, marks the sweep running with the progress it already
 * has. Undefined if the run was stopped meanwhile.
 */
export async function prepareRun(
  deps: PrepareDependencies,
  sweepId: string,
  state: RunState,
): Promise<RunContext | undefined> {
  const { store, datasets, pool, events } = deps;
  const { signal } = state.controller;
  const sweep = await store.findSweep(sweepId);
  if (!sweep) throw new Error(`sweep ${sweepId} not found`);
  // No crash loop: a conclusion that killed the process at every start is not started again.
  if (sweep.concludeAttempts >= MAX_CONCLUDE_ATTEMPTS) throw new Error(abandonedConclusion(sweep.concludeAttempts));
  const config = sweep.config;
  const dataset = await datasets.getEntity(sweep.datasetId);
  // The threads start while the data is loaded and the plan stored (one, unless the sweep is surely large enough for
  // more: threadsBeforePlan); for large data they warm the engine up.
  const engine = isLargeData(dataset.rows, dataset.features.length);
  const features = dataset.features.length;
  const inlineAllowed = deps.options.inlineSmallSweeps === true;
  const threadsFirst = usesEveryPoolThread(config)
    ? pool.size
    : threadsBeforePlan(dataset.rows, features, config.concurrency, pool.size, inlineAllowed);
  pool.warmUp({ engine, threads: threadsFirst, dataset: { id: dataset.id, target: config.target } });
  const data = await datasets.loadForSweep(dataset, config.target);
  if (signal.aborted) return undefined;
  if (sweep.datasetChecksum === null) await store.recordDatasetChecksum(sweepId, datasetChecksum(data, data.target));

  // The plan is a function of the sweep id, the config and the data: a resume gets the same keys. It is computed on
  // a pool thread: for a large random search it is seconds of work the server would not answer during. Inline only
  // where the sweep may run inline and its data is tiny (threadsBeforePlan started no thread).
  // The sweep's taskTimeoutSeconds is for its fold tasks; planning gets the server's limit.
  const shared = shareDataset(data);
  const planTimeoutMs = deps.options.taskTimeoutSeconds * 1000;
  const inline = inlineAllowed && threadsFirst === 0;
  const plan = await pool.runPlan({ ...shared, sweepId, config }, { signal, timeoutMs: planTimeoutMs, inline });
  const classes = config.model === 'multinomial' ? multinomialClasses(data).length : 1;
  const concurrency = chooseConcurrency({ config, plan, features, classes, poolSize: pool.size, inline });
  await store.recordConcurrency(sweepId, concurrency);
  pool.warmUp({ engine, threads: concurrency.threads });
  const trialIds = await store.storePlan(sweepId, plan.trials, plan.tasks);
  await store.resetRunningTasks(sweepId, { uncount: false }); // left running by a killed process: run again
  const states = await store.taskStates(sweepId);
  const done = plan.tasks.filter((task) => FINAL_TASK_STATUSES.has(states.get(task.key)?.status ?? '')).length;
  const startedAt = sweep.startedAt ?? deps.clock.now();
  // An mlp sweep that refits the chosen trials after its cross-validation counts that round's tasks (refit-step.ts).
  const reserved = reservedRefitTasks({ config });
  const total = plan.tasks.length + reserved;
  await store.markSweepRunning(sweepId, startedAt, total, done);
  events.emit(sweepId, { type: 'status', data: { status: 'running' } });
  events.emit(sweepId, { type: 'progress', data: { done, total } });

  // One pass over the trials in time slices (a filter per curve would be curves × trials), then each curve sorted.
  const byCurve = plan.curves.map(() => [] as { id: number; key: string; lambdaIndex: number }[]);
  await eachInTimeSlices(plan.trials, (trial) =>
    byCurve[trial.curve].push({
      id: trialIds.get(trial.key) as number,
      key: trial.key,
      lambdaIndex: trial.lambdaIndex,
    }),
  );
  const curveTrials: { id: number; key: string }[][] = [];
  for (const trials of byCurve) {
    await yieldToEventLoop();
    curveTrials.push(trials.sort((a, b) => a.lambdaIndex - b.lambdaIndex).map(({ id, key }) => ({ id, key })));
  }
  const timeoutSeconds = config.taskTimeoutSeconds ?? deps.options.taskTimeoutSeconds;
  return {
    sweepId,
    datasetId: dataset.id,
    config,
    data,
    plan,
    extensions: [],
    pruned: [],
    startedAt,
    shared,
    curveTrials,
    state,
    signal,
    timeoutMs: timeoutSeconds * 1000,
    concurrency,
    done,
    ...(reserved > 0 ? { total } : {}),
  };
}
