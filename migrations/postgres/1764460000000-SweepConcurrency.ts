import { SWEEP_CONCURRENCY_COLUMNS } from '../1764460000000-SweepConcurrency';
import { AddNullableColumnsMigration } from '../nullable-columns';

/** PostgreSQL's side of SQLite's SweepConcurrency: sweep.concurrency. */
export class PostgresSweepConcurrency1764460000000 extends AddNullableColumnsMigration {
  name = 'PostgresSweepConcurrency1764460000000';
  protected columns = SWEEP_CONCURRENCY_COLUMNS;
}
