/**
 * The services a CLI sweep uses (SweepsService, SweepRunnerService, DatasetsService, SweepEventsService) built by
 * hand on a SQLite file whose schema is current: no Nest application, no TypeORM, no controllers or other modules.
 * The same classes, constructed with the same arguments and started and stopped in the order Nest runs their
 * lifecycle hooks, so a sweep stores the same rows and prints the same report either way
 * (test/cli-light-sweep.e2e-spec.ts). A file that is not current (new, or older than the newest migration) gets
 * undefined: the caller opens the full application, which migrates it.
 */
import { Logger } from '@nestjs/common';
import type { AppOptions } from '../common/app-options';
import { checkEnvironment, type CheckedAppOptions } from '../common/check-environment';
import { ClockService } from '../common/clock.service';
import { openCurrentSqlite } from '../database/current-sqlite';
import { SqliteStatements, connectionPragmas } from '../database/sqlite-statements';
import { SingleProcessSweepLeases } from '../database/sweep-leases';
import { DatasetRepository } from '../datasets/dataset.repository';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepEventsService } from '../events/sweep-events.service';
import { resolveRunnerOptions } from '../runner/runner-options';
import { SweepRunnerService } from '../runner/sweep-runner.service';
import { WorkerPoolService } from '../runner/worker-pool.service';
import { SqliteSweepStore } from '../store/sqlite/sqlite-sweep-store';
import { SweepsService } from './sweeps.service';

export interface LightSweepSession {
  readonly datasets: DatasetsService;
  readonly sweeps: SweepsService;
  readonly runner: SweepRunnerService;
  readonly events: SweepEventsService;
  /** Stops running sweeps, then the threads, then closes the file (Nest's onModuleDestroy → shutdown order). */
  close(): Promise<void>;
}

/**
 * `given` as the CLI passes them to AppModule.forRoot (the threads' warm-up, the pool's size and limits), checked
 * first as there unless they are CheckedAppOptions: a caller that falls back to AppModule.forRoot on undefined passes
 * those to both. Only the process's own thread pool: with a queue (or a PostgreSQL URL, which is no file) the answer
 * is undefined too.
 */
export async function openLightSweepSession(
  given: AppOptions | CheckedAppOptions,
): Promise<LightSweepSession | undefined> {
  const { options } = checkEnvironment(given); // before the file is opened
  if (options.queueUrl) return undefined;
  const db = openCurrentSqlite(options.dbPath);
  if (!db) return undefined;
  connectionPragmas(db);
  // As NestFactory's `logger: ['error']` in the full path: stdout stays the report.
  Logger.overrideLogger(['error']);

  const sqlite = new SqliteStatements(() => db);
  const store = new SqliteSweepStore(sqlite);
  const clock = new ClockService();
  const datasets = new DatasetsService(new DatasetRepository(sqlite), clock);
  const events = new SweepEventsService();
  const runnerOptions = resolveRunnerOptions(options);
  const pool = new WorkerPoolService(runnerOptions);
  // DatabaseModule's SQLite leases: one process per file.
  const leases = new SingleProcessSweepLeases(() => store.findUnfinishedSweepIds());
  const runner = new SweepRunnerService(store, datasets, pool, events, clock, leases, runnerOptions);
  const sweeps = new SweepsService(store, datasets, runner, events, clock);

  // The lifecycle hooks the full path runs for these services: onModuleInit, then onApplicationBootstrap.
  pool.onModuleInit();
  try {
    await datasets.onApplicationBootstrap();
  } catch (error) {
    await pool.beforeApplicationShutdown();
    db.close();
    throw error;
  }
  return {
    datasets,
    sweeps,
    runner,
    events,
    close: async () => {
      try {
        await runner.onModuleDestroy();
        await pool.beforeApplicationShutdown();
      } finally {
        db.close();
      }
    },
  };
}
