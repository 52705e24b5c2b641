import { AddNullableColumnsMigration, NullableColumn } from './nullable-columns';

/**
 * The nonzero weights (coefficients) of each fold's fit, `fold_result.nonzeros` (issue 12): an mlp sweep with
 * search.refit chosen trains the full-data network only for the trials the report reads, and its sparsity curve
 * shows the folds' mean for the others. Rows stored before read NULL. PostgreSQL's migration adds the same column.
 */
export const FOLD_NONZEROS_COLUMNS: readonly NullableColumn[] = [
  { table: 'fold_result', column: 'nonzeros', type: 'integer' },
];

export class FoldNonzeros1764560000000 extends AddNullableColumnsMigration {
  name = 'FoldNonzeros1764560000000';
  protected columns = FOLD_NONZEROS_COLUMNS;
}
