/**
 * The real store for service and runner tests: an in-memory SQLite database built by the real migrations, with the
 * real SqliteSweepStore and DatasetsService on it. Nothing re-implements SQL here, so the tests cannot drift from
 * what the server stores.
 */
import type { ParsedDataset } from '@regsweep/datasets';
import type { SweepConfig } from '@regsweep/sweep';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { SqliteService } from '../src/database/sqlite.service';
import { DatasetEntity } from '../src/datasets/dataset.entity';
import { DatasetRepository } from '../src/datasets/dataset.repository';
import { DatasetsService } from '../src/datasets/datasets.service';
import { SqliteSweepStore } from '../src/store/sqlite/sqlite-sweep-store';
import { SweepEventsService } from '../src/events/sweep-events.service';
import type { RunnerOptions } from '../src/runner/runner-options';
import { SweepRunnerService } from '../src/runner/sweep-runner.service';
import { FixedClock, InThreadWorkerPool, smallDataset } from './fakes';
import { SingleProcessSweepLeases } from '../src/database/sweep-leases';

export interface TestDatabase {
  readonly dataSource: DataSource;
  readonly sqlite: SqliteService;
  readonly store: SqliteSweepStore;
  readonly datasets: DatasetsService;
  /** SQLite's leases (one process per file): every sweep is this process's to run. */
  readonly leases: SingleProcessSweepLeases;
  /** `smallDataset()` uploaded as the dataset named "small" (version 1). */
  readonly small: DatasetEntity;
  close(): Promise<void>;
}

export interface TaskRow {
  key: string;
  curve: number;
  fold: number;
  status: string;
  attempts: number;
  error: string | null;
}

/** `path`: a file instead of memory (a second connection, or a thread's, can open it). */
export async function openTestDatabase(path = ':memory:'): Promise<TestDatabase> {
  const dataSource = await new DataSource(dataSourceOptions(path)).initialize();
  const sqlite = new SqliteService(dataSource);
  const store = new SqliteSweepStore(sqlite);
  const datasets = new DatasetsService(new DatasetRepository(sqlite), new FixedClock());
  const uploaded = await datasets.upload(csvOf(smallDataset()), 'small', 'y');
  const small = await datasets.getEntity(uploaded.id);
  const leases = new SingleProcessSweepLeases(() => store.findUnfinishedSweepIds());
  return { dataSource, sqlite, store, datasets, leases, small, close: () => dataSource.destroy() };
}

/** Stores `config` as a new queued sweep on the "small" dataset, created at time 0; answers its id. */
export async function createSweepOnSmall(db: TestDatabase, config: SweepConfig): Promise<string> {
  const sweep = await db.store.createSweep({
    name: config.name,
    datasetId: db.small.id,
    datasetVersion: db.small.version,
    config,
    scheduleId: null,
    createdAt: new Date(0),
  });
  return sweep.id;
}

/** A sweep's task rows as the task table holds them, in the order they were stored. */
export function taskRows(db: TestDatabase, sweepId: string): TaskRow[] {
  return db.sqlite
    .statement('SELECT key, curve, fold, status, attempts, error FROM task WHERE sweepId = ? ORDER BY id')
    .all(sweepId) as TaskRow[];
}

/** The number of rows of `table` that belong to a sweep. */
export function countRows(db: TestDatabase, sweepId: string, table: 'trial' | 'task' | 'fold_result'): number {
  const sql =
    table === 'fold_result'
      ? 'SELECT COUNT(*) AS n FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?'
      : `SELECT COUNT(*) AS n FROM ${table} WHERE sweepId = ?`;
  return (db.sqlite.statement(sql).get(sweepId) as { n: number }).n;
}

/** The data as a CSV (target last); String(number) round-trips a double exactly. */
function csvOf(data: ParsedDataset): Buffer {
  const { rows, cols, values } = data.x;
  const lines = [[...data.names, data.target].join(',')];
  for (let i = 0; i < rows; i++) {
    const row = Array.from({ length: cols }, (_, j) => String(values[j * rows + i]));
    lines.push([...row, String(data.y[i])].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const RUNNER_OPTIONS: RunnerOptions = { poolSize: 2, taskTimeoutSeconds: 60, maxTaskAttempts: 3 };

/** A runner on `db` with an in-thread pool: one server process's runner, on a database that may outlive it. */
export function runnerOn(db: TestDatabase, pool = new InThreadWorkerPool()) {
  const runner = new SweepRunnerService(
    db.store,
    db.datasets,
    pool,
    new SweepEventsService(),
    new FixedClock(),
    db.leases,
    RUNNER_OPTIONS,
  );
  return { runner, pool };
}
