import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiTokenRepository } from '../auth/api-token.repository';
import { DatasetRepository } from '../datasets/dataset.repository';
import { ScheduleRepository } from '../schedules/schedule.repository';
import { PgApiTokenRepository } from '../store/postgres/pg-api-token-repository';
import { PgDatasetRepository } from '../store/postgres/pg-dataset-repository';
import { PgScheduleRepository } from '../store/postgres/pg-schedule-repository';
import { PgScheduleTickClaims } from '../store/postgres/pg-schedule-tick-claims';
import { PgSweepLeases } from '../store/postgres/pg-sweep-leases';
import { migrateOnce, postgresDataSourceOptions } from '../store/postgres/postgres-connection';
import { PostgresSweepStore } from '../store/postgres/postgres-sweep-store';
import { ResultWriterThread } from '../store/sqlite/result-writer';
import { RESULT_WRITER_THREAD, SqliteSweepStore } from '../store/sqlite/sqlite-sweep-store';
import { SweepStore } from '../store/sweep-store';
import { startupDataSourceOptions } from './data-source-options';
import { isPostgresUrl } from './database-location';
import { ENTITIES } from './entities';
import { ScheduleTickClaims, SingleProcessTickClaims } from './schedule-tick-claims';
import { SqlitePlannerStatistics } from './sqlite-planner-statistics';
import { SqliteStatements } from './sqlite-statements';
import { SqliteService } from './sqlite.service';
import { WalCheckpointer } from './wal-checkpointer';
import { SingleProcessSweepLeases, SweepLeases } from './sweep-leases';

const SQLITE_PROVIDERS: Provider[] = [
  SqliteService,
  // The stores ask for the plain class (sqlite-statements.ts); here it is TypeORM's connection.
  { provide: SqliteStatements, useExisting: SqliteService },
  SqlitePlannerStatistics,
  WalCheckpointer,
  ResultWriterThread,
  { provide: RESULT_WRITER_THREAD, useExisting: ResultWriterThread },
  DatasetRepository,
  ScheduleRepository,
  ApiTokenRepository,
  { provide: SweepStore, useClass: SqliteSweepStore },
  { provide: ScheduleTickClaims, useClass: SingleProcessTickClaims },
  {
    provide: SweepLeases,
    useFactory: (store: SweepStore) => new SingleProcessSweepLeases(() => store.findUnfinishedSweepIds()),
    inject: [SweepStore],
  },
];

// The same tokens, PostgreSQL's classes: the services above them do not know which driver they run on.
const POSTGRES_PROVIDERS: Provider[] = [
  { provide: DatasetRepository, useClass: PgDatasetRepository },
  { provide: ScheduleRepository, useClass: PgScheduleRepository },
  { provide: ApiTokenRepository, useClass: PgApiTokenRepository },
  { provide: ScheduleTickClaims, useClass: PgScheduleTickClaims },
  { provide: SweepLeases, useClass: PgSweepLeases },
  {
    provide: SweepStore,
    useFactory: (dataSource: DataSource) => new PostgresSweepStore(dataSource),
    inject: [DataSource],
  },
];

const EXPORTED_TOKENS = [
  DatasetRepository,
  ScheduleRepository,
  ApiTokenRepository,
  SweepStore,
  ScheduleTickClaims,
  SweepLeases,
];

/**
 * The database: SQLite (a file path; TypeORM with migrations run at start unless the schema is current, the
 * synchronous batch-writing connection) or PostgreSQL (a postgres:// URL; migrations run under an advisory lock, see
 * migrateOnce), with the sweep store (sweeps, tasks, trials, fold results) and one repository per other aggregate
 * for that driver. Global, so feature modules only hold services and controllers.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(location: string): DynamicModule {
    if (isPostgresUrl(location)) return DatabaseModule.postgres(location);
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...startupDataSourceOptions(location), retryAttempts: 1 }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: SQLITE_PROVIDERS,
      exports: [SqliteService, ...EXPORTED_TOKENS],
    };
  }

  private static postgres(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...postgresDataSourceOptions(url), retryAttempts: 1 }),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrateOnce(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: POSTGRES_PROVIDERS,
      exports: EXPORTED_TOKENS,
    };
  }
}
