import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '../database/references';
import { SweepEntity } from './sweep.entity';

/**
 * The leading columns of the rows a sweep's plan makes (task, trial): their sweep, deleted with it, a deterministic
 * unique key, and the curve (penalty, l1Ratio) they belong to. Each table has these columns of its own.
 */
export abstract class SweepKeyedRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar')
  sweepId!: string;

  @References(() => SweepEntity, 'sweepId', 'CASCADE')
  sweep?: SweepEntity;

  /** Hash of the sweep id and the parameters: storing the same row twice is impossible. */
  @Column('varchar', { unique: true })
  key!: string;

  @Column('integer')
  curve!: number;
}
