import { AddNullableColumnsMigration, NullableColumn } from './nullable-columns';

/**
 * Provenance of a sweep (issue 15, "Reproduce"): the checksum of the dataset values it ran on and the regsweep
 * version it was submitted to. Older sweeps keep NULL: neither can be known after the fact. PostgreSQL's migration
 * adds the same columns.
 */
export const SWEEP_PROVENANCE_COLUMNS: readonly NullableColumn[] = [
  { table: 'sweep', column: 'datasetChecksum', type: 'varchar' },
  { table: 'sweep', column: 'regsweepVersion', type: 'varchar' },
];

export class SweepProvenance1764440000000 extends AddNullableColumnsMigration {
  name = 'SweepProvenance1764440000000';
  protected columns = SWEEP_PROVENANCE_COLUMNS;
}
