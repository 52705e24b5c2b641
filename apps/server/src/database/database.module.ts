import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetRepository } from '../datasets/dataset.repository';
import { ScheduleRepository } from '../schedules/schedule.repository';
import { SqliteSweepStore } from '../store/sqlite/sqlite-sweep-store';
import { SweepStore } from '../store/sweep-store';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { SqliteService } from './sqlite.service';

const REPOSITORIES = [
  SqliteService,
  DatasetRepository,
  ScheduleRepository,
  { provide: SweepStore, useClass: SqliteSweepStore },
];

/**
 * The SQLite database: TypeORM (migrations run at start), the synchronous batch-writing connection, the sweep
 * store (sweeps, tasks, trials, fold results) and one repository per other aggregate. Global, so feature modules only hold services and controllers.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(dbPath: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(dbPath), retryAttempts: 1 }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
