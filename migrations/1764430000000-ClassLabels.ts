import { AddNullableColumnsMigration, NullableColumn } from './nullable-columns';

/**
 * Multiclass sweeps (issue 16): a dataset's class labels (JSON list in label-index order; y stores the indices), and
 * a multinomial trial's K full-data intercepts (JSON {class: value}; its coefficients are then {class: {feature: value}}).
 * PostgreSQL's migration adds the same columns.
 */
export const CLASS_LABELS_COLUMNS: readonly NullableColumn[] = [
  { table: 'dataset', column: 'classes', type: 'text' },
  { table: 'trial', column: 'intercepts', type: 'text' },
];

export class ClassLabels1764430000000 extends AddNullableColumnsMigration {
  name = 'ClassLabels1764430000000';
  protected columns = CLASS_LABELS_COLUMNS;
}
