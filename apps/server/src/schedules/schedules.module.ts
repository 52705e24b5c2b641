import { Module } from '@nestjs/common';
import { SweepsModule } from '../sweeps/sweeps.module';
import { ScheduleFiringService } from './schedule-firing.service';
import { ScheduleHistoryService } from './schedule-history.service';
import { ScheduleTimerService } from './schedule-timer.service';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

/** Cron schedules (SPEC §4). Needs ScheduleModule.forRoot() once in the app (AppModule does it). */
@Module({
  imports: [SweepsModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, ScheduleHistoryService, ScheduleFiringService, ScheduleTimerService],
  exports: [SchedulesService],
})
export class SchedulesModule {}
