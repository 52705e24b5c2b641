import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SweepReport } from '@regsweep/sweep';
import { Repository } from 'typeorm';
import { findPage } from '../database/find-page';
import { SweepEntity } from '../sweeps/sweep.entity';
import { FiringOutcome, ScheduleFiringEntity } from './schedule-firing.entity';
import { ScheduleEntity } from './schedule.entity';
import type { PageRows } from '../common/page';

export type NewSchedule = Omit<ScheduleEntity, 'id'>;

export interface NewFiring {
  scheduleId: string;
  firedAt: Date;
  outcome: FiringOutcome;
  sweepId?: string | null;
  reason?: string | null;
}

/** A sweep a schedule started, with its best model and the best λ of the run before it (for the drift). */
export interface ScheduleRunRow {
  sweep: SweepEntity;
  best: SweepReport['best'];
  /** The best λ of the newest earlier run of the same schedule that has a best model; null when there is none. */
  previousLambda: number | null;
}

const RUN_COLUMNS: (keyof SweepEntity)[] = [
  'id',
  'status',
  'datasetId',
  'datasetVersion',
  'error',
  'createdAt',
  'startedAt',
  'finishedAt',
];

/** Schedules, their firings, and the sweeps they started (read only). */
@Injectable()
export class ScheduleRepository {
  constructor(
    @InjectRepository(ScheduleEntity) private readonly schedules: Repository<ScheduleEntity>,
    @InjectRepository(ScheduleFiringEntity) private readonly firings: Repository<ScheduleFiringEntity>,
    @InjectRepository(SweepEntity) private readonly sweeps: Repository<SweepEntity>,
  ) {}

  create(schedule: NewSchedule): Promise<ScheduleEntity> {
    return this.schedules.save(this.schedules.create(schedule));
  }

  save(schedule: ScheduleEntity): Promise<ScheduleEntity> {
    return this.schedules.save(schedule);
  }

  findById(id: string): Promise<ScheduleEntity | null> {
    return this.schedules.findOneBy({ id });
  }

  findEnabled(): Promise<ScheduleEntity[]> {
    return this.schedules.find({ where: { enabled: true }, order: { createdAt: 'ASC' } });
  }

  /**
   * What arming the enabled schedules needs, without the stored sweep config: a row whose config no longer parses
   * must not keep the others (or the server) from starting. The config is read at each tick.
   */
  findEnabledTimers(): Promise<Pick<ScheduleEntity, 'id' | 'cron' | 'timezone' | 'overlap'>[]> {
    return this.schedules.find({
      select: { id: true, cron: true, timezone: true, overlap: true },
      where: { enabled: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Pauses a schedule that cannot run (its cron never fires, its zone is unknown), keeping everything else. */
  async disable(id: string, at: Date): Promise<void> {
    await this.schedules.update({ id }, { enabled: false, updatedAt: at });
  }

  /** Newest first. */
  list(page: number, pageSize: number): Promise<PageRows<ScheduleEntity>> {
    return findPage(this.schedules, { order: { createdAt: 'DESC', id: 'DESC' } }, page, pageSize);
  }

  /** Its firings go with it (CASCADE); its sweeps stay, their scheduleId set to NULL (SET NULL). */
  async delete(id: string): Promise<void> {
    await this.schedules.delete({ id });
  }

  async recordFiring(firing: NewFiring): Promise<number> {
    const saved = await this.firings.save(
      this.firings.create({ ...firing, sweepId: firing.sweepId ?? null, reason: firing.reason ?? null }),
    );
    return saved.id;
  }

  async updateFiring(id: number, change: Pick<NewFiring, 'outcome' | 'sweepId' | 'reason'>): Promise<void> {
    await this.firings.update(
      { id },
      { outcome: change.outcome, sweepId: change.sweepId ?? null, reason: change.reason ?? null },
    );
  }

  /** Firings still waiting in a queue that no longer exists (the process stopped) become skipped. */
  async skipQueuedFirings(reason: string): Promise<void> {
    await this.firings.update({ outcome: 'queued' }, { outcome: 'skipped', reason });
  }

  /** Newest first. */
  listFirings(scheduleId: string, page: number, pageSize: number) {
    return findPage(this.firings, { where: { scheduleId }, order: { firedAt: 'DESC', id: 'DESC' } }, page, pageSize);
  }

  countFirings(scheduleId: string, outcome: FiringOutcome): Promise<number> {
    return this.firings.countBy({ scheduleId, outcome });
  }

  /**
   * A page of the sweeps a schedule started, newest first, each with its best model (the `best` column stored with
   * the report, so reports are not read) and the previous run's best λ, found by a correlated subquery so the
   * drift of a page's oldest run is right even when the run before it is on the next page.
   */
  async listRuns(scheduleId: string, page: number, pageSize: number): Promise<PageRows<ScheduleRunRow>> {
    const previousLambda =
      "(SELECT json_extract(previous.best, '$.lambda') FROM sweep previous" +
      " WHERE previous.scheduleId = run.scheduleId AND json_extract(previous.best, '$.lambda') IS NOT NULL" +
      ' AND (previous.createdAt < run.createdAt OR (previous.createdAt = run.createdAt AND previous.id < run.id))' +
      ' ORDER BY previous.createdAt DESC, previous.id DESC LIMIT 1)';
    const builder = this.sweeps
      .createQueryBuilder('run')
      .select(RUN_COLUMNS.map((column) => `run.${column}`))
      .addSelect('run.best', 'best')
      .addSelect(previousLambda, 'previousLambda')
      .where('run.scheduleId = :scheduleId', { scheduleId });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('run.createdAt', 'DESC')
      .addOrderBy('run.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawAndEntities<{ best: string | null; previousLambda: number | null }>();
    const items = entities.map((sweep, i) => ({
      sweep,
      best: raw[i]?.best ? (JSON.parse(raw[i].best as string) as SweepReport['best']) : null,
      previousLambda: raw[i]?.previousLambda ?? null,
    }));
    return { items, total };
  }
}
