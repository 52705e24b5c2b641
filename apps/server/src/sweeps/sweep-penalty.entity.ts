import { Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '../database/references';
import { SweepEntity } from './sweep.entity';

/**
 * One penalty kind a sweep's config sweeps (`config.penalties`), as a row, written with the sweep: `GET
 * /api/sweeps?penalty=` reads these instead of parsing every sweep's JSON config.
 */
@Entity('sweep_penalty')
@Index('IDX_sweep_penalty_penalty', ['penalty', 'sweepId'])
export class SweepPenaltyEntity {
  @PrimaryColumn('varchar')
  sweepId!: string;

  @PrimaryColumn('varchar')
  penalty!: string;

  @References(() => SweepEntity, 'sweepId', 'CASCADE')
  sweep?: SweepEntity;
}
