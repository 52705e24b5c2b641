/**
 * Small in-memory stand-ins for the server's side-effect classes (repositories, datasets, pool, clock), so the
 * services can be tested without SQLite or worker threads. They record what was asked of them.
 */
import { evaluateFold, type FoldPathResult } from '@regsweep/engine';
import { InvalidInputError, type ParsedDataset } from '@regsweep/datasets';
import type { SweepConfig, TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { DatasetEntity } from '../src/datasets/dataset.entity';
import type { FoldTaskMessage } from '../src/runner/fold-task.worker';
import type { SweepEntity } from '../src/sweeps/sweep.entity';
import type { NewSweep, SweepEnd } from '../src/sweeps/sweep.repository';
import type { FinishedTask } from '../src/trials/trial.repository';

export class FixedClock {
  constructor(public time = new Date('2026-01-02T03:04:05Z')) {}
  now(): Date {
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

export function datasetEntity(data: ParsedDataset, overrides: Partial<DatasetEntity> = {}): DatasetEntity {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'small',
    version: 3,
    target: data.target,
    task: data.task,
    rows: data.rows,
    features: [...data.names],
    builtin: false,
    source: null,
    createdAt: new Date(0),
    ...overrides,
  };
}

export class FakeDatasetsService {
  constructor(
    readonly entity: DatasetEntity,
    readonly data: ParsedDataset,
  ) {}
  async resolve(reference: string): Promise<DatasetEntity> {
    if (reference !== this.entity.name && reference !== this.entity.id) {
      throw new InvalidInputError([{ path: 'dataset', message: `no dataset named or with id "${reference}"` }]);
    }
    return this.entity;
  }
  async getEntity(): Promise<DatasetEntity> {
    return this.entity;
  }
  async loadForSweep(_dataset: DatasetEntity, target?: string): Promise<ParsedDataset> {
    if (target && target !== this.data.target) {
      // The fake's other columns are continuous, so any other target is a regression target.
      return { ...this.data, target, task: 'regression' };
    }
    return this.data;
  }
}

export class FakeSweepRepository {
  readonly sweeps = new Map<string, SweepEntity>();
  readonly tasks: TaskPlan[] = [];
  readonly failedTasks: string[] = [];
  readonly ends: SweepEnd[] = [];
  private nextId = 1;

  async create(sweep: NewSweep): Promise<SweepEntity> {
    const id = `sweep-${this.nextId++}`;
    const entity: SweepEntity = {
      ...sweep,
      id,
      status: 'queued',
      progressDone: 0,
      progressTotal: 0,
      error: null,
      startedAt: null,
      finishedAt: null,
      report: null,
    };
    this.sweeps.set(id, entity);
    return { ...entity };
  }
  async findById(id: string): Promise<SweepEntity | null> {
    const sweep = this.sweeps.get(id);
    return sweep ? { ...sweep } : null;
  }
  createTasks(_sweepId: string, tasks: readonly TaskPlan[]): void {
    this.tasks.push(...tasks);
  }
  async markRunning(id: string, startedAt: Date, progressTotal: number): Promise<void> {
    Object.assign(this.sweeps.get(id)!, { status: 'running', startedAt, progressTotal });
  }
  async markTaskFailed(key: string): Promise<void> {
    this.failedTasks.push(key);
  }
  async finish(id: string, end: SweepEnd): Promise<void> {
    this.ends.push(end);
    Object.assign(this.sweeps.get(id)!, {
      status: end.status,
      finishedAt: end.finishedAt,
      error: end.error ?? null,
      report: end.report ?? null,
    });
  }
}

export class FakeTrialRepository {
  readonly pending: TrialPlan[] = [];
  readonly finishedTasks: FinishedTask[] = [];
  readonly statistics: { trialIds: readonly number[]; validationMean: number[] }[] = [];

  createPending(_sweepId: string, trials: readonly TrialPlan[]): Map<string, number> {
    this.pending.push(...trials);
    return new Map(trials.map((trial, i) => [trial.key, i + 1]));
  }
  saveFinishedTask(task: FinishedTask): void {
    this.finishedTasks.push(task);
  }
  saveCurveStatistics(trialIds: readonly number[], statistics: { validationMean: Float64Array }): void {
    this.statistics.push({ trialIds, validationMean: Array.from(statistics.validationMean) });
  }
}

/**
 * Runs fold tasks in this thread with the real engine. `hold` keeps every task pending until it is released or
 * aborted (for cancel tests); `failOnFold` makes that fold's tasks throw.
 */
export class FakeWorkerPool {
  readonly size = 2;
  readonly started: FoldTaskMessage[] = [];
  inFlight = 0;
  maxInFlight = 0;
  hold = false;
  failOnFold?: number;
  private readonly held: (() => void)[] = [];

  async runFoldTask(message: FoldTaskMessage, signal: AbortSignal): Promise<FoldPathResult> {
    this.started.push(message);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(Object.assign(new Error('The task has been aborted'), { name: 'AbortError' }));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        if (this.hold) this.held.push(resolve);
        else setImmediate(resolve);
      });
      if (message.fold.fold === this.failOnFold) throw new Error(`fold ${this.failOnFold} exploded`);
      const { rows, cols, names } = message;
      const data = { x: { rows, cols, names, values: new Float64Array(message.x) }, y: new Float64Array(message.y) };
      return evaluateFold(data, message.fold, message.spec, message.metric);
    } finally {
      this.inFlight--;
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
