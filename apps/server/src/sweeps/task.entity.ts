import { Column, Entity, Index } from 'typeorm';
import { SweepKeyedRow } from './sweep-keyed-row';

export type TaskStatus = 'pending' | 'running' | 'done' | 'failed';

/** A unit of work for one worker: one curve (penalty, l1Ratio) fitted as a λ path on one fold. Kept so a sweep can resume. */
@Entity('task')
@Index('IDX_task_sweepId', ['sweepId'])
export class TaskEntity extends SweepKeyedRow {
  /** 1-based fold number; 0 is the full-data path. */
  @Column('integer')
  fold!: number;

  @Column('varchar')
  status!: TaskStatus;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  error!: string | null;
}
