import { SWEEP_PROVENANCE_COLUMNS } from '../1764440000000-SweepProvenance';
import { AddNullableColumnsMigration } from '../nullable-columns';

/** PostgreSQL's side of SQLite's SweepProvenance: sweep.datasetChecksum and sweep.regsweepVersion. */
export class PostgresSweepProvenance1764440000000 extends AddNullableColumnsMigration {
  name = 'PostgresSweepProvenance1764440000000';
  protected columns = SWEEP_PROVENANCE_COLUMNS;
}
