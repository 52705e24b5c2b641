import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { SecurityModule } from './auth/security.module';
import { AppOptions } from './common/app-options';
import { checkEnvironment, type CheckedAppOptions } from './common/check-environment';
import { CommonModule } from './common/common.module';
import { CompareModule } from './compare/compare.module';
import { InvalidInputFilter } from './common/invalid-input.filter';
import { createValidationPipe } from './common/validation';
import type { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DatasetsModule } from './datasets/datasets.module';
import { HealthModule } from './health/health.module';
import { ModelsModule } from './models/models.module';
import { SchedulesModule } from './schedules/schedules.module';
import { SweepsModule } from './sweeps/sweeps.module';
import { TrialsModule } from './trials/trials.module';

@Module({})
export class AppModule {
  /**
   * The whole server. `dashboard: false` leaves out the static files (CLI application contexts have no HTTP). Plain
   * options are checked here (a malformed variable stops the start before any module opens the database or a
   * queue); CheckedAppOptions were checked by their maker.
   */
  static forRoot(given: AppOptions | CheckedAppOptions): DynamicModule {
    const { options } = checkEnvironment(given);
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(options),
        DatabaseModule.forRoot(options.dbPath),
        SecurityModule,
        DatasetsModule,
        SweepsModule,
        CompareModule,
        ModelsModule,
        TrialsModule,
        HealthModule,
        ScheduleModule.forRoot(), // the one SchedulerRegistry; schedules add their cron jobs to it
        SchedulesModule,
        ...(options.dashboard === false ? [] : [dashboardModule()]),
      ],
      providers: [
        { provide: APP_FILTER, useClass: InvalidInputFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}

/** serve-static and the dashboard's files load only when served (a relative lazy require, see queue-options.ts). */
function dashboardModule(): typeof DashboardModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./dashboard/dashboard.module') as { DashboardModule: typeof DashboardModule }).DashboardModule;
}
