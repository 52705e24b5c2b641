import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasetRepository } from '../datasets/dataset.repository';
import { ScheduleRepository } from '../schedules/schedule.repository';
import { SweepRepository } from '../sweeps/sweep.repository';
import { TrialRepository } from '../trials/trial.repository';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { SqliteService } from './sqlite.service';

const REPOSITORIES = [SqliteService, DatasetRepository, SweepRepository, TrialRepository, ScheduleRepository];

/**
 * The SQLite database: TypeORM (migrations run at start), the synchronous batch-writing connection, and one
 * repository per aggregate. Global, so feature modules only hold services and controllers.
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
