import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ScheduleTickClaims } from '../database/schedule-tick-claims';

const JOB_PREFIX = 'schedule:';

/**
 * The clock side of schedules: one `cron` CronJob per enabled schedule, kept in @nestjs/schedule's SchedulerRegistry
 * under `schedule:<id>`. Behind this class so the schedules service never touches timers itself.
 */
@Injectable()
export class ScheduleTimerService implements OnModuleDestroy {
  private readonly logger = new Logger(ScheduleTimerService.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly claims: ScheduleTickClaims,
  ) {}

  /** Starts (or restarts, replacing the old job) the job of schedule `id`; `onTick` runs at every tick. */
  start(id: string, cron: string, timeZone: string, onTick: () => void): void {
    this.stop(id);
    // The instant each tick is due, as the expression names it (the same on every server, unlike the moment a
    // timer wakes): what the tick is claimed by, so that with several servers only one of them fires it.
    let due: Date | undefined;
    const claimedTick = () => {
      const tickAt = due;
      due = job.nextDate().toJSDate();
      if (!tickAt) return;
      this.claims.claim(id, tickAt).then(
        (won) => won && onTick(),
        (error: unknown) => this.logger.error(`schedule ${id}: could not claim its tick: ${String(error)}`),
      );
    };
    const job = CronJob.from({
      cronTime: cron,
      timeZone,
      onTick: claimedTick,
      start: false,
      name: JOB_PREFIX + id,
      errorHandler: (error) => this.logger.error(`schedule ${id}: ${String(error)}`),
    });
    this.registry.addCronJob(JOB_PREFIX + id, job);
    job.start();
    due = job.nextDate().toJSDate();
  }

  /** Stops and forgets the job of schedule `id` (nothing when there is none). */
  stop(id: string): void {
    if (this.registry.doesExist('cron', JOB_PREFIX + id)) this.registry.deleteCronJob(JOB_PREFIX + id);
  }

  isStarted(id: string): boolean {
    return this.registry.doesExist('cron', JOB_PREFIX + id);
  }

  /** Stops every schedule's job first thing on shutdown, so no tick submits a sweep while the app closes. */
  onModuleDestroy(): void {
    for (const name of this.registry.getCronJobs().keys()) {
      if (name.startsWith(JOB_PREFIX)) this.registry.deleteCronJob(name);
    }
  }
}
