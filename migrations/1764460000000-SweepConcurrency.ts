import { AddNullableColumnsMigration, NullableColumn } from './nullable-columns';

/**
 * The threads a sweep ran with and why (issue 18: chooseConcurrency), as JSON {threads, reason,
 * estimatedMultiplyAdds?}, recorded when its run has planned. Older sweeps keep NULL. PostgreSQL's migration adds the
 * same column.
 */
export const SWEEP_CONCURRENCY_COLUMNS: readonly NullableColumn[] = [
  { table: 'sweep', column: 'concurrency', type: 'text' },
];

export class SweepConcurrency1764460000000 extends AddNullableColumnsMigration {
  name = 'SweepConcurrency1764460000000';
  protected columns = SWEEP_CONCURRENCY_COLUMNS;
}
