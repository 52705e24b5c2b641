import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SweepEntity } from './sweep.entity';

export type TaskStatus = 'pending' | 'running' | 'done' | 'failed';

/** A unit of work for one worker: one curve (penalty, l1Ratio) fitted as a λ path on one fold. Kept so a sweep can resume. */
@Entity('task')
@Index('IDX_task_sweepId', ['sweepId'])
export class TaskEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar')
  sweepId!: string;

  @ManyToOne(() => SweepEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sweepId' })
  sweep?: SweepEntity;

  @Column('varchar', { unique: true })
  key!: string;

  @Column('integer')
  curve!: number;

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
