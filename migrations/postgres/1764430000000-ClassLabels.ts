import { CLASS_LABELS_COLUMNS } from '../1764430000000-ClassLabels';
import { AddNullableColumnsMigration } from '../nullable-columns';

/**
 * PostgreSQL's side of SQLite's ClassLabels migration (issue 16): a dataset's class labels and a multinomial trial's
 * K full-data intercepts, both JSON text.
 */
export class PostgresClassLabels1764430000000 extends AddNullableColumnsMigration {
  name = 'PostgresClassLabels1764430000000';
  protected columns = CLASS_LABELS_COLUMNS;
}
