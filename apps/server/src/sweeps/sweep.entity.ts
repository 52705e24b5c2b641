import type { ConcurrencyChoice, SweepConfig, SweepReport } from '@regsweep/sweep';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DatasetEntity } from '../datasets/dataset.entity';
import { ScheduleEntity } from '../schedules/schedule.entity';
import { References } from '../database/references';
import type { SweepStatus } from './sweep-status';

export { FINISHED_STATUSES, type SweepStatus } from './sweep-status';

@Entity('sweep')
@Index('IDX_sweep_createdAt', ['createdAt'])
@Index('IDX_sweep_status', ['status'])
@Index('IDX_sweep_datasetId', ['datasetId'])
@Index('IDX_sweep_scheduleId', ['scheduleId'])
@Index('IDX_sweep_model', ['model'])
@Index('IDX_sweep_name', ['name'])
@Index('IDX_sweep_bestValidation', ['bestValidation'])
export class SweepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('varchar')
  name!: string;

  @Column('varchar')
  datasetId!: string;

  @References(() => DatasetEntity, 'datasetId', 'RESTRICT')
  dataset?: DatasetEntity;

  @Column('integer')
  datasetVersion!: number;

  /** The validated config, every default applied. */
  @Column('simple-json')
  config!: SweepConfig;

  @Column('varchar')
  status!: SweepStatus;

  /** Finished tasks (one task = one curve on one fold). */
  @Column('integer', { default: 0 })
  progressDone!: number;

  @Column('integer', { default: 0 })
  progressTotal!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  /**
   * Starts of the conclude step (statistics and report) that did not end: a process that dies while concluding (out
   * of memory) leaves it counted, so a resume can tell a conclusion that cannot finish from a crash that happened
   * to fall there.
   */
  @Column('integer', { default: 0 })
  concludeAttempts!: number;

  /**
   * Provenance: sha256 of the dataset's values as the sweep ran on them (recorded when its run first loads them;
   * null before), and the regsweep version the sweep was submitted to (null for sweeps older than the column).
   */
  @Column('varchar', { nullable: true })
  datasetChecksum!: string | null;

  @Column('varchar', { nullable: true })
  regsweepVersion!: string | null;

  /** The threads its run chose and why (chooseConcurrency), recorded once it has planned; null before. */
  @Column('simple-json', { nullable: true })
  concurrency!: ConcurrencyChoice | null;

  /** The schedule that started this sweep; null when submitted directly (or its schedule was deleted). */
  @Column('varchar', { nullable: true })
  scheduleId!: string | null;

  @References(() => ScheduleEntity, 'scheduleId', 'SET NULL')
  schedule?: ScheduleEntity;

  @Column('datetime')
  createdAt!: Date;

  @Column('datetime', { nullable: true })
  startedAt!: Date | null;

  @Column('datetime', { nullable: true })
  finishedAt!: Date | null;

  /**
   * Tracking (issue 15, "Find"): the user's tags (a JSON list, in the order given) and free-text notes, set by
   * `PATCH /api/sweeps/:id`. NULL (older rows) reads as no tags and empty notes. The tags are also rows of
   * `sweep_tag`, which the list's filter reads through its index.
   */
  @Column('simple-json', { nullable: true })
  tags!: string[] | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  /** `config.model`, copied out of the JSON config so the list can filter on a column (NULL only before it existed). */
  @Column('varchar', { nullable: true })
  model!: string | null;

  /** The report's best model's validation mean (the `best` column's), so the list can sort by it. Not loaded. */
  @Column('real', { nullable: true, select: false })
  bestValidation?: number | null;

  /**
   * Not a column: the report is a row of `sweep_report` (SweepReportEntity), read by store.findReport; a sweep read
   * from the store carries null here.
   */
  report!: SweepReport | null;

  /** The report's `best` as JSON text, written with the report: lists read it without reading the report. Not loaded. */
  @Column('text', { nullable: true, select: false })
  best?: string | null;
}
