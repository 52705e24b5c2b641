import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TrialEntity } from './trial.entity';
import { References } from '../database/references';
import type { StoredLearningCurve } from './trial-json';

export type { StoredLearningCurve } from './trial-json';

/** A trial evaluated on one fold (fold 0 = the full-data fit, which has no validation rows). */
@Entity('fold_result')
@Unique('UQ_fold_result_trial_fold', ['trialId', 'fold'])
export class FoldResultEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer')
  trialId!: number;

  @References(() => TrialEntity, 'trialId', 'CASCADE')
  trial?: TrialEntity;

  @Column('integer')
  fold!: number;

  @Column('integer')
  trainSize!: number;

  @Column('integer')
  validationSize!: number;

  @Column('real', { nullable: true })
  train!: number | null;

  @Column('real', { nullable: true })
  validation!: number | null;

  @Column('integer')
  iterations!: number;

  @Column('boolean')
  converged!: boolean;

  @Column('varchar')
  status!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** The fit's nonzero coefficients (an mlp's nonzero weights); NULL without a fit, and on rows stored before. */
  @Column('integer', { nullable: true })
  nonzeros!: number | null;

  @Column('simple-json', { nullable: true })
  learningCurve!: StoredLearningCurve | null;
}
