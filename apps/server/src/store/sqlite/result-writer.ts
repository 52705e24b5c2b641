import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { packageRoot } from '../../common/package-root';
import { packedOf, type PackedFoldResult } from '../../runner/packed-result';
import type { TaskPlan, TrialPlan } from '@regsweep/sweep';
import type { CurveRowsOptions, CurveStatisticsRows, FailedTask, FinishedTask } from '../store-types';
import { packTrials, type PackedFoldRows, type PackedTrials } from './packed-rows';

/** The compiled worker: like the fold-task pool, even under ts-jest the thread runs the build in dist/. */
export function resultWriterWorkerFile(): string {
  return join(packageRoot(), 'dist', 'apps', 'server', 'src', 'store', 'sqlite', 'result-writer.worker.js');
}

export interface WriterData {
  readonly dbPath: string;
}

/** A finished task as it crosses to the thread: its result packed (no fit objects), its trial ids one block. */
export type PackedFinishedTask = Omit<FinishedTask, 'result' | 'trialIds'> & {
  readonly result: PackedFoldResult;
  readonly trialIds: Float64Array;
};

export type WriterRequest =
  | { kind: 'started'; id: number; key: string }
  | { kind: 'retry'; id: number; key: string; error: string }
  | { kind: 'finished'; id: number; task: PackedFinishedTask }
  | { kind: 'failed'; id: number; task: FailedTask }
  | { kind: 'plan'; id: number; sweepId: string; trials: PackedTrials; tasks: readonly TaskPlan[] }
  | { kind: 'statistics'; id: number; trialIds: Float64Array; statistics: CurveStatisticsRows }
  | { kind: 'curveRows'; id: number; sweepId: string; curve: number; options: CurveRowsOptions }
  | { kind: 'close' };

/** From the thread: `ready` once its connection is open, `failed` if it could not open it, `done` per request. */
export type WriterAnswer =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; id: number; value?: unknown; error?: string };

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The running phase's writes on a thread of their own (result-writer.worker.ts), so the server's main thread does not
 * spend its time on them: a task's fold rows (990,000 for the largest sweep, about 10 s of the main thread's CPU in
 * time slices, docs/benchmarks.md issue 17), its `done` mark and progress, and its start and retry marks. The marks go
 * through the thread too: written on the main connection they would wait for the thread's write lock in SQLite's busy
 * handler, which blocks the event loop. Each promise resolves once the thread has committed, so a task is still done
 * only when its rows are. A file database only; if the thread cannot start or dies, its pending writes reject (the
 * sweep fails, as on any failed write) and later writes run on the main connection again (SqliteSweepStore).
 */
@Injectable()
export class ResultWriterThread implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ResultWriterThread.name);
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly dataSource: DataSource) {}

  /** Whether writes go to the thread now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  onModuleInit(): void {
    const dbPath = this.dataSource.options.database;
    const filename = resultWriterWorkerFile();
    if (typeof dbPath !== 'string' || dbPath === ':memory:' || !existsSync(filename)) return;
    this.start(filename, dbPath);
  }

  /** Starts the thread on the file `dbPath` (onModuleInit; tests start one on a file of their own). */
  start(filename: string, dbPath: string): void {
    const worker = new Worker(filename, { workerData: { dbPath } satisfies WriterData });
    worker.unref(); // referenced only while a write is pending (request)
    worker.on('message', (answer: WriterAnswer) => {
      if (answer.kind === 'failed') this.stopped(worker, `result writer thread stopped: ${answer.message}`);
      if (answer.kind !== 'done') return;
      const pending = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (answer.error === undefined) pending?.resolve(answer.value);
      else pending?.reject(new Error(answer.error));
    });
    worker.on('error', (error) => this.stopped(worker, `result writer thread failed: ${String(error)}`));
    worker.on('exit', (code) => this.stopped(worker, `result writer thread exited (code ${code})`));
    this.worker = worker;
  }

  /** The plan's trials and tasks (SqliteSweepStore.storePlan on the thread); the trials' ids in their order. */
  async storePlan(sweepId: string, trials: readonly TrialPlan[], tasks: readonly TaskPlan[]): Promise<Float64Array> {
    const request = { kind: 'plan', id: this.nextId++, sweepId, trials: packTrials(trials), tasks } as const;
    return (await this.request(request)) as Float64Array;
  }

  async saveCurveStatistics(trialIds: readonly number[], statistics: CurveStatisticsRows): Promise<void> {
    const columns = (['trainMean', 'validationMean', 'validationSd', 'gap'] as const).map((name) => [
      name,
      Float64Array.from(statistics[name]),
    ]);
    await this.request({
      kind: 'statistics',
      id: this.nextId++,
      trialIds: Float64Array.from(trialIds),
      statistics: Object.fromEntries(columns) as CurveStatisticsRows,
    });
  }

  /** A curve's fold rows read on the thread's connection (SqliteSweepStore.curveFoldRows there), as columns. */
  async curveFoldRows(sweepId: string, curve: number, options: CurveRowsOptions): Promise<PackedFoldRows> {
    const request = { kind: 'curveRows', id: this.nextId++, sweepId, curve, options } as const;
    return (await this.request(request)) as PackedFoldRows;
  }

  markTaskStarted(key: string): Promise<number> {
    return this.request({ kind: 'started', id: this.nextId++, key }) as Promise<number>;
  }

  async markTaskForRetry(key: string, error: string): Promise<void> {
    await this.request({ kind: 'retry', id: this.nextId++, key, error });
  }

  async saveFinishedTask(task: FinishedTask): Promise<void> {
    const packed = { ...task, result: packedOf(task.result), trialIds: Float64Array.from(task.trialIds) };
    await this.request({ kind: 'finished', id: this.nextId++, task: packed });
  }

  async saveFailedTask(task: FailedTask): Promise<void> {
    await this.request({ kind: 'failed', id: this.nextId++, task });
  }

  /** After the runner has stopped its sweeps: the thread finishes what it was asked, then closes its connection. */
  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref(); // see WalCheckpointer: an unreferenced thread would not keep a closing CLI process waiting for it
    worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await exited;
  }

  private request(request: Exclude<WriterRequest, { kind: 'close' }>): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the result writer thread is not running'));
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** The thread is gone: its pending writes fail (their transactions rolled back or never began). */
  private stopped(worker: Worker, reason: string): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.logger.warn(reason);
    }
    const error = new Error(reason);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    void worker.terminate();
  }
}
