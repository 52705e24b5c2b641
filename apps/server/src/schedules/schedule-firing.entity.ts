import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SweepEntity } from '../sweeps/sweep.entity';
import { ScheduleEntity } from './schedule.entity';
import { References } from '../database/references';

/**
 * What a tick did: `started` a sweep; `skipped` (the previous run was still going, the schedule was paused, or the
 * process stopped first); `queued` behind the previous run (becomes `started` when it runs); `failed` when the sweep
 * could not be submitted (e.g. a new dataset version no longer fits the config).
 */
export type FiringOutcome = 'started' | 'skipped' | 'queued' | 'failed';

/** One tick of a schedule's cron job. Deleted with its schedule. */
@Entity('schedule_firing')
@Index('IDX_schedule_firing_schedule_firedAt', ['scheduleId', 'firedAt'])
export class ScheduleFiringEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar')
  scheduleId!: string;

  @References(() => ScheduleEntity, 'scheduleId', 'CASCADE')
  schedule?: ScheduleEntity;

  /** When the tick was handled (the cron job's timer fired). */
  @Column('datetime')
  firedAt!: Date;

  @Column('varchar')
  outcome!: FiringOutcome;

  @Column('varchar', { nullable: true })
  sweepId!: string | null;

  @References(() => SweepEntity, 'sweepId', 'SET NULL')
  sweep?: SweepEntity;

  /** Why a firing was skipped or failed. */
  @Column('text', { nullable: true })
  reason!: string | null;
}
