import { AddNullableColumnsMigration } from './nullable-columns';

/**
 * Pruned trials (issue 13): a trial stopped by a pruner keeps status `pruned` with the step (folds finished) and the
 * intermediate value (the running CV mean) that pruned it.
 */
export class PrunedTrials1764410000000 extends AddNullableColumnsMigration {
  name = 'PrunedTrials1764410000000';
  protected columns = [
    { table: 'trial', column: 'prunedStep', type: 'integer' },
    { table: 'trial', column: 'prunedValue', type: 'real' },
  ];
}
