import type { SweepConfig } from '@regsweep/sweep';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a firing does while the schedule's previous run is still queued or running. */
export type ScheduleOverlap = 'skip' | 'queue';
export const SCHEDULE_OVERLAPS: readonly ScheduleOverlap[] = ['skip', 'queue'];

/** A cron schedule that submits its sweep config at every tick (SPEC §4). */
@Entity('schedule')
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('varchar')
  name!: string;

  /** A cron expression: 5 fields, or 6 with seconds first. */
  @Column('varchar')
  cron!: string;

  /** The IANA time zone the expression is read in. */
  @Column('varchar')
  timezone!: string;

  @Column('boolean')
  enabled!: boolean;

  @Column('varchar')
  overlap!: ScheduleOverlap;

  /**
   * The validated sweep config, defaults applied. `dataset` is kept as written: a name is resolved to its newest
   * version at every run, an id pins one version.
   */
  @Column('simple-json')
  sweep!: SweepConfig;

  @Column('datetime')
  createdAt!: Date;

  @Column('datetime')
  updatedAt!: Date;
}
