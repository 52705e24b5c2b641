/**
 * What the service and runner tests share besides the real store (test-database.ts): a fixed clock, a small
 * dataset, an in-thread worker pool, and a base config.
 */
import { evaluateFold, type FoldPathResult } from '@regsweep/engine';
import type { ParsedDataset } from '@regsweep/datasets';
import { planSweep, validateSweepConfig, type SweepConfig, type SweepPlan } from '@regsweep/sweep';
import { ClockService } from '../src/common/clock.service';
import type { FoldTaskMessage, PlanSweepMessage } from '../src/runner/fold-task.worker';
import type { TaskFault } from '../src/runner/task-fault';
import { WorkerPoolService, type TaskRunOptions } from '../src/runner/worker-pool.service';

export class FixedClock extends ClockService {
  constructor(public time = new Date('2026-01-02T03:04:05Z')) {
    super();
  }
  override now(): Date {
    return new Date(this.time);
  }
}

/** y = 1 + 2·a − b + small deterministic noise, 30 rows. */
export function smallDataset(): ParsedDataset {
  const n = 30;
  const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const b = Float64Array.from({ length: n }, (_, i) => Math.cos(2 * i));
  const values = new Float64Array(2 * n);
  values.set(a, 0);
  values.set(b, n);
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * a[i] - b[i] + 0.1 * Math.sin(7 * i));
  const names = ['a', 'b'];
  return { names, target: 'y', x: { rows: n, cols: 2, values, names }, y, rows: n, task: 'regression' };
}

/**
 * The pool with fold tasks run in this thread by the real engine, so a runner test can hold, release and fault
 * tasks at will. `hold` keeps every task pending until it is released or aborted (for cancel tests); `failOnFold`
 * makes that fold's tasks throw. The threaded path itself is tested through the real pool in test/.
 */
export class InThreadWorkerPool extends WorkerPoolService {
  readonly started: FoldTaskMessage[] = [];
  readonly timeouts: number[] = [];
  /** Each started task's TaskRunOptions.order, beside `started`. */
  readonly orders: (number | undefined)[] = [];
  tasksInFlight = 0;
  maxInFlight = 0;
  hold = false;
  failOnFold?: number;
  /** That fold's (default: every fold's) tasks reject with `fault`, as the real pool does, for their first `times` starts (default all). */
  faultOnFold?: { fold?: number; fault: TaskFault; times?: number };
  private readonly faultsThrown = new Map<string, number>();
  private readonly held: (() => void)[] = [];

  constructor() {
    super({ poolSize: 2, taskTimeoutSeconds: 60, maxTaskAttempts: 3 });
  }

  /** The real pool starts its threads here; this one has none. */
  override warmUp(): void {}

  /** Plans in this thread, as the worker's `plan` does. */
  override async runPlan(message: PlanSweepMessage): Promise<SweepPlan> {
    const { rows, cols, names } = message;
    const data = { x: { rows, cols, names, values: new Float64Array(message.x) }, y: new Float64Array(message.y) };
    return planSweep(message.sweepId, message.config, data);
  }

  override async runFoldTask(message: FoldTaskMessage, options: TaskRunOptions): Promise<FoldPathResult> {
    const { signal } = options;
    this.started.push(message);
    this.timeouts.push(options.timeoutMs);
    this.orders.push(options.order);
    this.tasksInFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.tasksInFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(Object.assign(new Error('The task has been aborted'), { name: 'AbortError' }));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        const finish = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        if (this.hold) this.held.push(finish);
        else setImmediate(finish);
      });
      if (message.fold.fold === this.failOnFold) throw new Error(`fold ${this.failOnFold} exploded`);
      const rule = this.faultOnFold;
      if (rule && (rule.fold === undefined || message.fold.fold === rule.fold)) {
        const key = `${message.spec.penalty.kind}:${message.fold.fold}`;
        const thrown = this.faultsThrown.get(key) ?? 0;
        if (rule.times === undefined || thrown < rule.times) {
          this.faultsThrown.set(key, thrown + 1);
          throw rule.fault;
        }
      }
      const { rows, cols, names } = message;
      const data = { x: { rows, cols, names, values: new Float64Array(message.x) }, y: new Float64Array(message.y) };
      return evaluateFold(data, message.fold, message.spec, message.metric);
    } finally {
      this.tasksInFlight--;
    }
  }

  /** Lets `count` held tasks finish. */
  release(count: number): void {
    for (let i = 0; i < count; i++) this.held.shift()?.();
  }

  get heldCount(): number {
    return this.held.length;
  }
}

export function baseConfig(overrides: Partial<SweepConfig> = {}): SweepConfig {
  return {
    name: 'unit',
    dataset: 'small',
    model: 'linear',
    penalties: ['l1'],
    l1Ratios: [0.5],
    lambdas: { values: [1, 0.1, 0.01] },
    split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
    testFraction: 0,
    search: { strategy: 'grid', trials: 60, seed: 0 },
    solver: { kind: 'cd', tolerance: 1e-10, maxIterations: 100_000 },
    standardize: true,
    metric: 'mse',
    selection: 'min',
    ...overrides,
  };
}

/** Resolves once `condition()` holds, checking after each turn of the event loop (no fixed sleeps). */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * An MLP random search on smallDataset whose networks differ in cost ([2], [12, 6], [5]): 8 trials × (3 folds + the
 * full data), 2 adam epochs; `concurrency` when given.
 */
export function mlpSearchOnSmall(concurrency?: number): SweepConfig {
  return validateSweepConfig({
    name: 'mlp order',
    dataset: 'small',
    model: 'mlp',
    network: { hidden: { choices: [[2], [12, 6], [5]] }, activation: 'relu' },
    solver: { kind: 'adam', learningRate: 0.01, epochs: 2, batchSize: 8, seed: 1 },
    penalties: ['l2'],
    lambdas: { range: { min: 1e-4, max: 1e-1, scale: 'log' } },
    split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
    search: { strategy: 'random', trials: 8, seed: 4 },
    ...(concurrency !== undefined ? { concurrency } : {}),
  });
}
