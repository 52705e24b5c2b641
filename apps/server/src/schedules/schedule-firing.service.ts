import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { errorMessage } from '@regsweep/errors';
import { ClockService } from '../common/clock.service';
import { ScheduleTickClaims } from '../database/schedule-tick-claims';
import { SweepsService } from '../sweeps/sweeps.service';
import { NewFiring, ScheduleRepository } from './schedule.repository';
import type { ScheduleOverlap } from './schedule.entity';

/** The run of a schedule in progress in this process, and whether a queued run waits behind it. */
interface RunSlot {
  active?: Promise<void>;
  waiting: boolean;
}

export const STOPPED_REASON = 'the process stopped before the queued run could start';
const STILL_RUNNING_REASON = 'the previous run is still queued or running';
/** How often a tick queued behind another server's run asks the database whether that run has ended. */
const REMOTE_RUN_POLL_MS = 1000;

/**
 * What happens at a cron tick: submit the schedule's sweep (its dataset name resolved to the newest version by the
 * sweeps service), or — while the previous run is still queued or running — skip the tick (`overlap: skip`) or queue
 * one run behind it (`overlap: queue`; a tick that finds a run already waiting is skipped, since both would run the
 * same config on the same data). Every tick is recorded as a schedule_firing row.
 *
 * "Still running" is known from this process's memory first. With several servers on PostgreSQL the previous tick
 * may have been fired by another server, so a tick that finds no run in memory also asks the database
 * (ScheduleTickClaims.runInDatabase); on SQLite the memory is the whole truth (a sweep left `running` by a killed
 * process must not block its schedule forever).
 */
@Injectable()
export class ScheduleFiringService implements OnModuleDestroy {
  private readonly logger = new Logger(ScheduleFiringService.name);
  private readonly slots = new Map<string, RunSlot>();
  private closing = false;

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly sweeps: SweepsService,
    private readonly clock: ClockService,
    private readonly claims: ScheduleTickClaims,
  ) {}

  /**
   * One tick. Whether a run is active is decided synchronously, before any await, so two ticks can never both
   * start a run. Settles when this tick's own work is recorded (a started run is not waited for).
   */
  async fire(scheduleId: string, overlap: ScheduleOverlap): Promise<void> {
    if (this.closing) return;
    const firedAt = this.clock.now();
    const slot = this.slot(scheduleId);
    if (!slot.active) {
      this.track(slot, Promise.resolve(), () => this.startUnlessRunningElsewhere(scheduleId, firedAt, overlap, slot));
      return;
    }
    if (overlap === 'queue' && !slot.waiting) {
      slot.waiting = true;
      const firingId = this.record({ scheduleId, firedAt, outcome: 'queued' });
      this.track(slot, slot.active, async () => {
        slot.waiting = false;
        await this.startRun(scheduleId, firedAt, await firingId);
      });
      await firingId;
      return;
    }
    const reason = slot.waiting ? 'a queued run is already waiting for the previous run' : STILL_RUNNING_REASON;
    await this.record({ scheduleId, firedAt, outcome: 'skipped', reason });
  }

  /** Whether a run of this schedule is active in this process (tests and the timer use it). */
  isActive(scheduleId: string): boolean {
    return this.slots.get(scheduleId)?.active !== undefined;
  }

  /** The active run's end (resolves at once when there is none). */
  async idle(scheduleId: string): Promise<void> {
    while (this.slots.get(scheduleId)?.active) await this.slots.get(scheduleId)?.active;
  }

  /** No tick starts anything from now on; queued firings are recorded as skipped. Runs before the runner stops. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.schedules.skipQueuedFirings(STOPPED_REASON);
  }

  /**
   * The tick's run when this process has none: another server's run of the schedule (PostgreSQL) is overlapped
   * as the schedule says — skipped, or queued behind it until the database shows it ended.
   */
  private async startUnlessRunningElsewhere(
    scheduleId: string,
    firedAt: Date,
    overlap: ScheduleOverlap,
    slot: RunSlot,
  ): Promise<void> {
    if (!(await this.claims.runInDatabase(scheduleId))) return this.startRun(scheduleId, firedAt);
    if (overlap === 'skip') {
      await this.record({
        scheduleId,
        firedAt,
        outcome: 'skipped',
        reason: `${STILL_RUNNING_REASON} (started by another server)`,
      });
      return;
    }
    slot.waiting = true;
    const firingId = await this.record({ scheduleId, firedAt, outcome: 'queued' });
    while (!this.closing && (await this.claims.runInDatabase(scheduleId))) {
      await new Promise((resolve) => setTimeout(resolve, REMOTE_RUN_POLL_MS));
    }
    slot.waiting = false;
    await this.startRun(scheduleId, firedAt, firingId);
  }

  /**
   * Reads the schedule afresh (a PATCH or DELETE since the tick counts), submits its sweep, records the firing, and
   * settles when the sweep has finished. Never rejects: a sweep that cannot be submitted is a `failed` firing.
   */
  private async startRun(scheduleId: string, firedAt: Date, queuedFiringId?: number): Promise<void> {
    if (this.closing) return;
    const schedule = await this.schedules.findById(scheduleId);
    if (!schedule) return; // deleted: its firings went with it
    const outcome = async (firing: Omit<NewFiring, 'scheduleId' | 'firedAt'>) => {
      if (queuedFiringId === undefined) await this.record({ scheduleId, firedAt, ...firing });
      else await this.schedules.updateFiring(queuedFiringId, firing).catch((error) => this.logError(scheduleId, error));
    };
    if (!schedule.enabled) return outcome({ outcome: 'skipped', reason: 'the schedule is paused' });

    let submitted;
    try {
      submitted = await this.sweeps.submit(schedule.sweep, { scheduleId });
    } catch (error) {
      return outcome({ outcome: 'failed', reason: errorMessage(error) });
    }
    await outcome({ outcome: 'started', sweepId: submitted.id });
    await submitted.finished;
  }

  /** Runs `work` after `after` as the slot's active run; the slot is freed when the last chained run ends. */
  private track(slot: RunSlot, after: Promise<void>, work: () => Promise<void>): void {
    const run: Promise<void> = after
      .then(work)
      .catch((error: unknown) => this.logger.error(`schedule run: ${errorMessage(error)}`))
      .then(() => {
        if (slot.active === run) slot.active = undefined;
      });
    slot.active = run;
  }

  private slot(scheduleId: string): RunSlot {
    let slot = this.slots.get(scheduleId);
    if (!slot) {
      slot = { waiting: false };
      this.slots.set(scheduleId, slot);
    }
    return slot;
  }

  /** Stores a firing; a failure (the schedule was deleted meanwhile, the database is closing) is only logged. */
  private async record(firing: NewFiring): Promise<number | undefined> {
    try {
      return await this.schedules.recordFiring(firing);
    } catch (error) {
      this.logError(firing.scheduleId, error);
      return undefined;
    }
  }

  private logError(scheduleId: string, error: unknown): void {
    this.logger.warn(`schedule ${scheduleId}: could not record a firing: ${errorMessage(error)}`);
  }
}
