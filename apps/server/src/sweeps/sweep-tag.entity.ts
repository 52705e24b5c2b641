import { Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '../database/references';
import { SweepEntity } from './sweep.entity';

/**
 * One tag of a sweep, as a row: `GET /api/sweeps?tag=` finds the sweeps of a tag through IDX_sweep_tag_tag instead
 * of reading every sweep's JSON list (sweep.tags keeps the list in the user's order, for display).
 */
@Entity('sweep_tag')
@Index('IDX_sweep_tag_tag', ['tag', 'sweepId'])
export class SweepTagEntity {
  @PrimaryColumn('varchar')
  sweepId!: string;

  @PrimaryColumn('varchar')
  tag!: string;

  @References(() => SweepEntity, 'sweepId', 'CASCADE')
  sweep?: SweepEntity;
}
