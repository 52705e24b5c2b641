/**
 * The CLI's one way into the server (apps/server/src): every command reaches the server's services, defaults and
 * start-up through here, never through the server's folders. Only the defaults and types are imported at the top;
 * Nest, TypeORM and the services load when a command asks for them, so `--help` and `fit` start without them.
 */
import type { ApiTokensService } from '../../server/src/auth/api-tokens.service';
import type { AppOptions } from '../../server/src/common/app-options';
import type { CheckedAppOptions } from '../../server/src/common/check-environment';
import type { DatasetJson } from '../../server/src/datasets/dataset-json';
import type { DatasetsService } from '../../server/src/datasets/datasets.service';
import type { ModelsService } from '../../server/src/models/models.service';
import type { SweepEventsService } from '../../server/src/events/sweep-events.service';
import type { SweepRunnerService } from '../../server/src/runner/sweep-runner.service';
import type { ScheduleJson, SchedulesService } from '../../server/src/schedules/schedules.service';
import type { SweepsService } from '../../server/src/sweeps/sweeps.service';

export { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT } from '../../server/src/common/server-defaults';
export { checkedPostgresUrl } from '../../server/src/database/database-location';
import { isPostgresUrl } from '../../server/src/database/database-location';
export { redactedUrl } from '../../server/src/common/url-text';
export { checkedRedisUrl } from '../../server/src/queue/queue-connection';
export { hostNameOrAddress, wholeFromEnv, wholeNumber } from '../../server/src/common/env-settings';
import { booleanFromEnv } from '../../server/src/common/env-settings';
export type { ApiTokenInfo, ApiTokensService } from '../../server/src/auth/api-tokens.service';
export type { SweepEventsService } from '../../server/src/events/sweep-events.service';

/** The server's services on a database, without HTTP; `close` ends the worker pool and the connection. */
export interface ServerSession {
  readonly datasets: DatasetsService;
  readonly sweeps: SweepsService;
  readonly runner: SweepRunnerService;
  readonly events: SweepEventsService;
  readonly schedules: SchedulesService;
  readonly models: ModelsService;
  close(): Promise<void>;
}

/** What `regsweep sweep` uses of a session: the services a sweep runs through. */
export type SweepSession = Pick<ServerSession, 'datasets' | 'sweeps' | 'runner' | 'events' | 'close'>;

/**
 * The session a CLI sweep runs in. On a SQLite file whose schema is current, without a queue, the same services
 * built without Nest or TypeORM (light-sweep-session.ts: a fraction of the modules to load); otherwise, or with
 * REGSWEEP_CLI_NEST=1 (the tests compare both), the server's modules as openServer starts them. The variables are
 * checked once, before either path opens anything: both take the CheckedAppOptions.
 */
export async function openSweepSession(
  location: string,
  extra: Partial<AppOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<SweepSession> {
  const options = await checkedServerOptions(location, extra);
  if (!booleanFromEnv(env, 'REGSWEEP_CLI_NEST') && !extra.queueUrl && !isPostgresUrl(location)) {
    const { openLightSweepSession } = await import('../../server/src/sweeps/light-sweep-session');
    const light = await openLightSweepSession(options);
    if (light) return light;
  }
  return startServer(options);
}

/**
 * A CLI process's AppOptions: no dashboard, no scheduler, and resumeSweeps false (a CLI run leaves the server's
 * unfinished sweeps to the server).
 */
function serverOptions(dbPath: string, extra: Partial<AppOptions>): AppOptions {
  return { dbPath, dashboard: false, scheduler: false, resumeSweeps: false, ...extra };
}

/** serverOptions with the variables checked (the checker loads here, with the server's modules). */
async function checkedServerOptions(dbPath: string, extra: Partial<AppOptions>): Promise<CheckedAppOptions> {
  const { checkEnvironment } = await import('../../server/src/common/check-environment');
  return checkEnvironment(serverOptions(dbPath, extra));
}

/** The server's modules without HTTP; Nest logs only errors (to stderr) so stdout stays the report. */
export function openServer(dbPath: string, extra: Partial<AppOptions> = {}): Promise<ServerSession> {
  return startServer(serverOptions(dbPath, extra));
}

/** openServer on options, CheckedAppOptions ones not checked again (AppModule.forRoot). */
async function startServer(options: AppOptions | CheckedAppOptions): Promise<ServerSession> {
  const [{ NestFactory }, { AppModule }, datasets, sweeps, runner, events, schedules, models] = await Promise.all([
    import('@nestjs/core'),
    import('../../server/src/app.module'),
    import('../../server/src/datasets/datasets.service'),
    import('../../server/src/sweeps/sweeps.service'),
    import('../../server/src/runner/sweep-runner.service'),
    import('../../server/src/events/sweep-events.service'),
    import('../../server/src/schedules/schedules.service'),
    import('../../server/src/models/models.service'),
  ]);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: ['error'] });
  return {
    datasets: app.get(datasets.DatasetsService),
    sweeps: app.get(sweeps.SweepsService),
    runner: app.get(runner.SweepRunnerService),
    events: app.get(events.SweepEventsService),
    schedules: app.get(schedules.SchedulesService),
    models: app.get(models.ModelsService),
    close: () => app.close(),
  };
}

/**
 * The datasets a database holds, built-ins included (`regsweep datasets`). A SQLite file whose schema is current and
 * whose built-ins are stored is read with one query (stored-datasets.ts); any other opens the server, which migrates
 * it and stores the built-ins first. The server's variables are checked on both paths, so whether a malformed one
 * is refused does not depend on the state of the file.
 */
export async function listDatasets(dbPath: string, limit: number): Promise<DatasetJson[]> {
  const [{ readStoredDatasets }, options] = await Promise.all([
    import('../../server/src/datasets/stored-datasets'),
    checkedServerOptions(dbPath, {}),
  ]);
  const stored = readStoredDatasets(dbPath, limit);
  if (stored) return stored;
  return withServer(options, async (server) => (await server.datasets.list(1, limit)).items);
}

/** The stored cron schedules with their next run time (`regsweep schedules`), through a server session. */
export function listSchedules(dbPath: string, limit: number): Promise<ScheduleJson[]> {
  return withServer(serverOptions(dbPath, {}), async (server) => (await server.schedules.list(1, limit)).items);
}

async function withServer<T>(
  options: AppOptions | CheckedAppOptions,
  work: (server: ServerSession) => Promise<T>,
): Promise<T> {
  const server = await startServer(options);
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

/** `regsweep serve`: the API, the dashboard and the scheduler, until a signal stops them. */
export async function serve(options: {
  port: number;
  host: string;
  dbPath: string;
  allowedHosts?: string[];
  /** Queue mode: the BullMQ queue's redis:// URL, and threads of this server that take its jobs too. */
  queueUrl?: string;
  localWorkers?: number;
}): Promise<void> {
  const { bootstrap } = await import('../../server/src/main');
  await bootstrap(options);
}

/**
 * The API tokens on the SQLite file directly (a plain TypeORM DataSource, migrations run), so no server or worker
 * pool starts.
 */
export async function withTokens(dbPath: string, work: (service: ApiTokensService) => Promise<void>): Promise<void> {
  const [
    { DataSource },
    { ApiTokenEntity },
    { ApiTokenRepository },
    tokens,
    { ClockService },
    { startupDataSourceOptions },
  ] = await Promise.all([
    import('typeorm'),
    import('../../server/src/auth/api-token.entity'),
    import('../../server/src/auth/api-token.repository'),
    import('../../server/src/auth/api-tokens.service'),
    import('../../server/src/common/clock.service'),
    import('../../server/src/database/data-source-options'),
  ]);
  if (isPostgresUrl(dbPath)) {
    // PostgreSQL (--database): its own migrations and token repository, the same service on top.
    const [{ openPostgres }, { PgApiTokenRepository }] = await Promise.all([
      import('../../server/src/store/postgres/postgres-connection'),
      import('../../server/src/store/postgres/pg-api-token-repository'),
    ]);
    const postgres = await openPostgres(dbPath);
    try {
      // The same public methods as ApiTokenRepository (DatabaseModule provides it under that token too).
      const repository = new PgApiTokenRepository(postgres) as unknown as InstanceType<typeof ApiTokenRepository>;
      await work(new tokens.ApiTokensService(repository, new ClockService()));
    } finally {
      await postgres.destroy();
    }
    return;
  }
  const dataSource = new DataSource(startupDataSourceOptions(dbPath));
  await dataSource.initialize(); // runs the migrations unless the schema is current, so a new file gets its tables
  try {
    const repository = new ApiTokenRepository(dataSource.getRepository(ApiTokenEntity));
    await work(new tokens.ApiTokensService(repository, new ClockService()));
  } finally {
    await dataSource.destroy();
  }
}

/**
 * `regsweep worker`: fold-task jobs from the queue, run on `threads` threads of this process against the database
 * (for the datasets). Resolves with `close`, which stops taking jobs and lets the running ones finish.
 */
export async function startQueueWorker(options: {
  database: string;
  queue: string;
  threads: number;
}): Promise<{ close(): Promise<void> }> {
  const [{ NestFactory }, { AppModule }, datasets, pool, { FoldTaskConsumer }, { parseQueueUrl }, { queueLockMs }] =
    await Promise.all([
      import('@nestjs/core'),
      import('../../server/src/app.module'),
      import('../../server/src/datasets/datasets.service'),
      import('../../server/src/runner/worker-pool.service'),
      import('../../server/src/queue/fold-task-consumer'),
      import('../../server/src/queue/queue-connection'),
      import('../../server/src/queue/queue-options'),
    ]);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      dbPath: options.database,
      poolSize: options.threads,
      warmWorkers: true,
      dashboard: false,
      scheduler: false,
      resumeSweeps: false,
    }),
    { logger: ['error'] },
  );
  const consumer = new FoldTaskConsumer(
    app.get(datasets.DatasetsService),
    app.get(pool.WorkerPoolService),
    parseQueueUrl(options.queue),
    { concurrency: options.threads, lockMs: queueLockMs() },
  );
  await consumer.start();
  return {
    close: async () => {
      await consumer.close();
      await app.close();
    },
  };
}
