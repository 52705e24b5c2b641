import type { PenaltyKind } from '@regsweep/engine';
import { Column, Entity, Index } from 'typeorm';
import { SweepKeyedRow } from '../sweeps/sweep-keyed-row';
import type { TrialStatus } from './trial-json';

export type { TrialStatus } from './trial-json';

/**
 * One point of the search space (penalty, l1Ratio, λ) of a sweep. The fit fields come from the full-data path (fold 0),
 * the means from the folds. Metrics that are not finite are stored as NULL, with the status/reason saying why.
 */
@Entity('trial')
@Index('IDX_trial_sweep_lambda', ['sweepId', 'lambda'])
@Index('IDX_trial_sweep_validationMean', ['sweepId', 'validationMean'])
@Index('IDX_trial_sweep_trainMean', ['sweepId', 'trainMean'])
@Index('IDX_trial_sweep_gap', ['sweepId', 'gap'])
@Index('IDX_trial_sweep_nonzeros', ['sweepId', 'nonzeros'])
@Index('IDX_trial_sweep_penalty', ['sweepId', 'penalty'])
@Index('IDX_trial_sweep_curve', ['sweepId', 'curve', 'lambdaIndex'])
export class TrialEntity extends SweepKeyedRow {
  /** Position on the curve's decreasing λ grid. */
  @Column('integer')
  lambdaIndex!: number;

  @Column('varchar')
  penalty!: PenaltyKind;

  @Column('real')
  l1Ratio!: number;

  @Column('real')
  lambda!: number;

  @Column('varchar')
  status!: TrialStatus;

  /** A pruned trial: the step (folds finished; gd, mlp: fold 1's epoch) and the value (running CV mean; fold 1's validation loss). */
  @Column('integer', { nullable: true })
  prunedStep!: number | null;

  @Column('real', { nullable: true })
  prunedValue!: number | null;

  @Column('real', { nullable: true })
  trainMean!: number | null;

  @Column('real', { nullable: true })
  validationMean!: number | null;

  @Column('real', { nullable: true })
  validationSd!: number | null;

  @Column('real', { nullable: true })
  gap!: number | null;

  @Column('integer', { nullable: true })
  nonzeros!: number | null;

  @Column('real', { nullable: true })
  intercept!: number | null;

  /** Full-data fit, original feature scale, keyed by feature name. */
  @Column('simple-json', { nullable: true })
  coefficients!: Record<string, number> | null;

  /** A multinomial trial's full-data intercepts {class: value} (its coefficients are then {class: {feature: value}}). */
  @Column('simple-json', { nullable: true })
  intercepts!: Record<string, number> | null;

  @Column('integer', { nullable: true })
  iterations!: number | null;

  @Column('boolean', { nullable: true })
  converged!: boolean | null;

  @Column('text', { nullable: true })
  reason!: string | null;
}
