/**
 * Small in-memory stand-ins for the server's side-effect classes (repositories, datasets, pool, clock), so the
 * services can be tested without SQLite or worker threads. They record what was asked of them.
 */
import { evaluateFold, type FoldPathResult } from '@regsweep/engine';
import { InvalidInputError, type ParsedDataset } from '@regsweep/datasets';
import type { SweepConfig, TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { DatasetEntity } from '../src/datasets/dataset.entity';
import type { FoldTaskMessage } from '../src/runner/fold-task.worker';
import type { TaskFault } from '../src/runner/task-fault';
import type { TaskRunOptions } from '../src/runner/worker-pool.service';
import type { SweepEntity } from '../src/sweeps/sweep.entity';
import { bestSummary, type BestSummary, type NewSweep, type SweepEnd } from '../src/sweeps/sweep.repository';
import type { TaskStatus } from '../src/sweeps/task.entity';
import type { FailedTask, FinishedTask, StoredFoldRow } from '../src/trials/trial.repository';

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
  /** Task rows by key, as the task table would hold them. */
  readonly taskRows = new Map<string, { plan: TaskPlan; status: TaskStatus; attempts: number; error: string | null }>();
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
  async findSummaryById(id: string): Promise<{ sweep: SweepEntity; best: BestSummary | null } | null> {
    const sweep = await this.findById(id);
    return sweep ? { sweep: { ...sweep, report: null }, best: bestSummary(sweep.report?.best ?? null) } : null;
  }
  createTasks(_sweepId: string, tasks: readonly TaskPlan[]): void {
    for (const plan of tasks) {
      if (this.taskRows.has(plan.key)) continue; // INSERT OR IGNORE
      this.tasks.push(plan);
      this.taskRows.set(plan.key, { plan, status: 'pending', attempts: 0, error: null });
    }
  }
  async markRunning(id: string, startedAt: Date, progressTotal: number, progressDone = 0): Promise<void> {
    Object.assign(this.sweeps.get(id)!, { status: 'running', startedAt, progressTotal, progressDone });
  }
  async requeue(id: string): Promise<void> {
    Object.assign(this.sweeps.get(id)!, { status: 'queued', error: null });
  }
  async findUnfinishedIds(): Promise<string[]> {
    return [...this.sweeps.values()].filter((s) => s.status === 'queued' || s.status === 'running').map((s) => s.id);
  }
  taskStates(): Map<string, { status: TaskStatus; attempts: number }> {
    return new Map([...this.taskRows].map(([key, row]) => [key, { status: row.status, attempts: row.attempts }]));
  }
  resetRunningTasks(_sweepId: string, options: { uncount: boolean }): void {
    for (const row of this.taskRows.values()) {
      if (row.status !== 'running') continue;
      row.status = 'pending';
      if (options.uncount) row.attempts = Math.max(row.attempts - 1, 0);
    }
  }
  markTaskStarted(key: string): number {
    const row = this.taskRows.get(key)!;
    row.status = 'running';
    return ++row.attempts;
  }
  markTaskForRetry(key: string, error: string): void {
    Object.assign(this.taskRows.get(key)!, { status: 'pending', error });
  }
  taskFailures(): { curve: number; fold: number; attempts: number; error: string }[] {
    return [...this.taskRows.values()]
      .filter((row) => row.status === 'failed')
      .map((row) => ({ curve: row.plan.curve, fold: row.plan.fold, attempts: row.attempts, error: row.error ?? '' }));
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

/**
 * Records the trial writes and answers `storedFoldRows` from them, as the fold_result and trial tables would (one
 * row per trial and fold; fold-0 fits on the trial; non-finite values as null).
 */
export class FakeTrialRepository {
  readonly pending: TrialPlan[] = [];
  readonly finishedTasks: FinishedTask[] = [];
  readonly failedTasks: FailedTask[] = [];
  readonly statistics: { trialIds: readonly number[]; validationMean: number[] }[] = [];
  /** The task tables the runner marks done/failed in the same transaction (wired by the test setup). */
  sweepRepository?: FakeSweepRepository;

  createPending(_sweepId: string, trials: readonly TrialPlan[]): Map<string, number> {
    for (const trial of trials) if (!this.pending.some((p) => p.key === trial.key)) this.pending.push(trial);
    return new Map(this.pending.map((trial, i) => [trial.key, i + 1]));
  }
  saveFinishedTask(task: FinishedTask): void {
    this.finishedTasks.push(task);
    const row = this.sweepRepository?.taskRows.get(task.taskKey);
    if (row) Object.assign(row, { status: 'done', error: null });
    const sweep = this.sweepRepository?.sweeps.get(task.sweepId);
    if (sweep) sweep.progressDone = task.progressDone;
  }
  saveFailedTask(task: FailedTask): void {
    this.failedTasks.push(task);
    const row = this.sweepRepository?.taskRows.get(task.taskKey);
    if (row) Object.assign(row, { status: 'failed', error: task.reason });
    const sweep = this.sweepRepository?.sweeps.get(task.sweepId);
    if (sweep) sweep.progressDone = task.progressDone;
  }
  storedFoldRows(): StoredFoldRow[] {
    const trialOf = (id: number) => this.pending[id - 1];
    const fullFits = new Map<number, FinishedTask['result']['fits'][number]>();
    for (const task of this.finishedTasks) {
      if (task.result.fold === 0) task.trialIds.forEach((id, j) => fullFits.set(id, task.result.fits[j]));
    }
    const nullable = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
    const trialFields = (id: number) => {
      const fit = fullFits.get(id);
      const names = this.finishedTasks[0]?.featureNames ?? [];
      return {
        curve: trialOf(id).curve,
        lambdaIndex: trialOf(id).lambdaIndex,
        lambda: trialOf(id).lambda,
        intercept: nullable(fit?.intercept),
        nonzeros: fit?.nonzeros ?? null,
        coefficients: fit ? JSON.stringify(Object.fromEntries(names.map((n, j) => [n, fit.coefficients[j]]))) : null,
      };
    };
    const finished = this.finishedTasks.flatMap((task) =>
      task.trialIds.map((id, j) => {
        const fit = task.result.fits[j];
        return {
          ...trialFields(id),
          fold: task.result.fold,
          trainSize: task.result.trainSize,
          validationSize: task.result.validationSize,
          train: nullable(task.result.train[j]),
          validation: nullable(task.result.validation[j]),
          iterations: fit?.iterations ?? 0,
          converged: fit?.converged ? 1 : 0,
          status: fit ? fit.status : 'failed',
          reason: fit ? (fit.reason ?? null) : 'the path stopped before this λ',
        };
      }),
    );
    const failed = this.failedTasks.flatMap((task) =>
      task.trialIds.map((id) => ({
        ...trialFields(id),
        fold: task.fold,
        trainSize: task.trainSize,
        validationSize: task.validationSize,
        train: null,
        validation: null,
        iterations: 0,
        converged: 0,
        status: 'failed',
        reason: task.reason,
      })),
    );
    return [...finished, ...failed];
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
  readonly timeouts: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  hold = false;
  failOnFold?: number;
  /** That fold's (default: every fold's) tasks reject with `fault`, as the real pool does, for their first `times` starts (default all). */
  faultOnFold?: { fold?: number; fault: TaskFault; times?: number };
  private readonly faultsThrown = new Map<string, number>();
  private readonly held: (() => void)[] = [];

  /** The real pool starts its threads here; this one has none. */
  warmUp(): void {}

  async runFoldTask(message: FoldTaskMessage, options: TaskRunOptions): Promise<FoldPathResult> {
    const { signal } = options;
    this.started.push(message);
    this.timeouts.push(options.timeoutMs);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
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
