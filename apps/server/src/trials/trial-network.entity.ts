import { Column, Entity, PrimaryColumn } from 'typeorm';
import { References } from '../database/references';
import { TrialEntity } from './trial.entity';

/**
 * An mlp trial's full-data network (fold 0's fit, issue 12): its flat parameters, float64 little-endian, in the
 * layout's order on the standardized input scale (engine mlp/layout.ts), as the worker's trainMlp returned them. The
 * report and the export read them instead of training the chosen network again. One row per trial, only the full-data
 * fit's (never per fold): 8·P bytes for P = Σ_l (n_l + 1)·n_{l+1} parameters over the layers (inputs, ≤ 4 hidden
 * layers, outputs). A table of its own, as sweep_report: in the trial row it would push the trials' filtered and
 * sorted columns into overflow pages on SQLite.
 */
@Entity('trial_network')
export class TrialNetworkEntity {
  @PrimaryColumn('integer')
  trialId!: number;

  @Column('blob')
  parameters!: Buffer;

  @References(() => TrialEntity, 'trialId', 'CASCADE')
  trial?: TrialEntity;
}
