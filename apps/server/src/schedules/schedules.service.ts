import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { InvalidInputError } from '@regsweep/datasets';
import type { SweepConfig } from '@regsweep/sweep';
import { APP_OPTIONS, AppOptions } from '../common/app-options';
import { ClockService } from '../common/clock.service';
import { Page } from '../common/page';
import { SweepsService } from '../sweeps/sweeps.service';
import { DEFAULT_TIMEZONE, NEVER_FIRES, nextCronTick } from './cron-expression';
import { ScheduleChanges, ScheduleFields, underSweep } from './schedule-body.pipe';
import { ScheduleFiringService, STOPPED_REASON } from './schedule-firing.service';
import { ScheduleTimerService } from './schedule-timer.service';
import { ScheduleEntity, ScheduleOverlap } from './schedule.entity';
import { ScheduleRepository } from './schedule.repository';

export interface ScheduleJson {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  overlap: ScheduleOverlap;
  sweep: SweepConfig;
  createdAt: Date;
  updatedAt: Date;
  /** The next tick; null while paused (or for a stored expression that never fires). */
  nextRunAt: Date | null;
}

/**
 * Schedules: stored in SQLite, each enabled one armed as a cron job (ScheduleTimerService) whose ticks go to
 * ScheduleFiringService. Every change re-arms the job at once, and at start-up every enabled schedule is armed again.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulesService.name);

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly sweeps: SweepsService,
    private readonly timer: ScheduleTimerService,
    private readonly firing: ScheduleFiringService,
    private readonly clock: ClockService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  /** Re-arms the stored schedules (unless this process runs without a scheduler, e.g. a CLI command). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.options.scheduler === false) return;
    await this.schedules.skipQueuedFirings(STOPPED_REASON); // queues left by a process that was killed
    const enabled = await this.schedules.findEnabledTimers();
    let armed = 0;
    for (const schedule of enabled) {
      try {
        this.armStored(schedule);
        armed++;
      } catch (error) {
        await this.disableUnarmable(schedule.id, error instanceof Error ? error.message : String(error));
      }
    }
    if (armed > 0) this.logger.log(`armed ${armed} schedule(s)`);
  }

  /**
   * A stored schedule that cannot be armed (written before its expression was checked, or edited in the database)
   * is paused and the reason kept as a `failed` firing (GET /api/schedules/:id/firings) and logged: no row may stop
   * the server from starting.
   */
  private async disableUnarmable(id: string, problem: string): Promise<void> {
    const now = this.clock.now();
    const reason = `disabled at start-up: ${problem.split('\n')[0].trim()}`;
    this.logger.warn(`schedule ${id}: ${reason}`);
    await this.schedules.disable(id, now);
    await this.schedules.recordFiring({ scheduleId: id, firedAt: now, outcome: 'failed', reason });
  }

  /** Stores a schedule whose sweep config has passed the same data checks as POST /api/sweeps, then arms it. */
  async create(fields: ScheduleFields): Promise<ScheduleJson> {
    await this.checkSweepAgainstData(fields.sweep);
    const now = this.clock.now();
    const schedule = await this.schedules.create({
      name: fields.name,
      cron: fields.cron,
      timezone: fields.timezone ?? DEFAULT_TIMEZONE,
      enabled: fields.enabled ?? true,
      overlap: fields.overlap ?? 'skip',
      sweep: fields.sweep,
      createdAt: now,
      updatedAt: now,
    });
    this.arm(schedule);
    return toScheduleJson(schedule);
  }

  async list(page: number, pageSize: number): Promise<Page<ScheduleJson>> {
    const { items, total } = await this.schedules.list(page, pageSize);
    return { items: items.map(toScheduleJson), total, page, pageSize };
  }

  async get(id: string): Promise<ScheduleJson> {
    return toScheduleJson(await this.getEntity(id));
  }

  /** Pause/resume, a new expression, zone, overlap or sweep: stored, then the job is re-armed (or stopped) at once. */
  async update(id: string, changes: ScheduleChanges): Promise<ScheduleJson> {
    const schedule = await this.getEntity(id);
    if (changes.sweep) await this.checkSweepAgainstData(changes.sweep);
    const [cron, timezone] = [changes.cron ?? schedule.cron, changes.timezone ?? schedule.timezone];
    if ((changes.enabled ?? schedule.enabled) && nextCronTick(cron, timezone) === null) {
      // Checked before anything is saved: an enabled schedule that never fires would fail at every start.
      throw new InvalidInputError([{ path: 'cron', message: NEVER_FIRES }]);
    }
    Object.assign(schedule, changes, { updatedAt: this.clock.now() });
    const saved = await this.schedules.save(schedule);
    this.arm(saved);
    return toScheduleJson(saved);
  }

  /** Stops the job and deletes the schedule and its firings; the sweeps it started stay, unlinked (scheduleId null). */
  async remove(id: string): Promise<void> {
    await this.getEntity(id);
    this.timer.stop(id);
    await this.schedules.delete(id);
  }

  async getEntity(id: string): Promise<ScheduleEntity> {
    const schedule = await this.schedules.findById(id);
    if (!schedule) throw new NotFoundException(`schedule ${id} not found`);
    return schedule;
  }

  /** An enabled schedule gets a (fresh) cron job; a paused one has none. */
  private arm(schedule: ScheduleEntity): void {
    if (this.options.scheduler === false) return;
    if (!schedule.enabled) {
      this.timer.stop(schedule.id);
      return;
    }
    this.armStored(schedule);
  }

  /** Starts the cron job of an enabled schedule; throws when the cron package cannot (no tick, unknown zone). */
  private armStored(schedule: Pick<ScheduleEntity, 'id' | 'cron' | 'timezone' | 'overlap'>): void {
    if (this.options.scheduler === false) return;
    const { id, overlap } = schedule;
    this.timer.start(id, schedule.cron, schedule.timezone, () => void this.firing.fire(id, overlap));
  }

  /** A bad config is refused when the schedule is saved, not at its first tick; paths under `sweep.`. */
  private async checkSweepAgainstData(config: SweepConfig): Promise<void> {
    try {
      await this.sweeps.checkAgainstData(config);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InvalidInputError(error.errors.map(underSweep));
      throw error;
    }
  }
}

export function toScheduleJson(schedule: ScheduleEntity): ScheduleJson {
  const { id, name, cron, timezone, enabled, overlap, sweep, createdAt, updatedAt } = schedule;
  const nextRunAt = enabled ? nextCronTick(cron, timezone) : null;
  return { id, name, cron, timezone, enabled, overlap, sweep, createdAt, updatedAt, nextRunAt };
}
