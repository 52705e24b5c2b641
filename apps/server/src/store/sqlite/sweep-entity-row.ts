import type { SweepEntity } from '../../sweeps/sweep.entity';
import { parsedJsonOrNull, sqliteUtcDate, sqliteUtcDateOrNull } from '../../database/sqlite-statements';

/** Every column but the report, which can be megabytes for a large random search. */
const SUMMARY_COLUMN_NAMES = [
  'id',
  'name',
  'datasetId',
  'datasetVersion',
  'config',
  'status',
  'progressDone',
  'progressTotal',
  'error',
  'concludeAttempts',
  'datasetChecksum',
  'regsweepVersion',
  'concurrency',
  'tags',
  'notes',
  'model',
  'scheduleId',
  'createdAt',
  'startedAt',
  'finishedAt',
] as const satisfies readonly (keyof SweepEntity)[];

/** The summary columns of the table `sweep`, for a SELECT list. */
export const SUMMARY_COLUMNS = SUMMARY_COLUMN_NAMES.map((column) => `sweep.${column}`).join(', ');

/** A `sweep` row as SQLite answers the summary columns: JSON as text, dates as their text. */
export type SweepRow = Omit<
  SweepEntity,
  'config' | 'concurrency' | 'tags' | 'createdAt' | 'startedAt' | 'finishedAt' | 'report' | 'best' | 'bestValidation'
> & {
  config: string;
  concurrency: string | null;
  tags: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/**
 * The entity as TypeORM's SQLite driver hydrated it before these reads were plain statements: `simple-json`
 * parsed, `datetime` text read as UTC, the rest as stored (without `report`, `best` and `bestValidation`).
 */
export function sweepEntityOf(row: SweepRow): SweepEntity {
  const entity: Partial<SweepEntity> = {};
  for (const column of SUMMARY_COLUMN_NAMES) (entity as Record<string, unknown>)[column] = row[column];
  return {
    ...entity,
    config: JSON.parse(row.config) as SweepEntity['config'],
    concurrency: parsedJsonOrNull<NonNullable<SweepEntity['concurrency']>>(row.concurrency),
    tags: parsedJsonOrNull<string[]>(row.tags),
    createdAt: sqliteUtcDate(row.createdAt),
    startedAt: sqliteUtcDateOrNull(row.startedAt),
    finishedAt: sqliteUtcDateOrNull(row.finishedAt),
  } as SweepEntity;
}
