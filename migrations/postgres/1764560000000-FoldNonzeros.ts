import { FOLD_NONZEROS_COLUMNS } from '../1764560000000-FoldNonzeros';
import { AddNullableColumnsMigration } from '../nullable-columns';

/** PostgreSQL's side of SQLite's FoldNonzeros: fold_result.nonzeros. */
export class PostgresFoldNonzeros1764560000000 extends AddNullableColumnsMigration {
  name = 'PostgresFoldNonzeros1764560000000';
  protected columns = FOLD_NONZEROS_COLUMNS;
}
