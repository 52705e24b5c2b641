import { parsedJsonOrNull, sqliteUtcDate } from '../database/sqlite-statements';
import type { DatasetEntity } from './dataset.entity';

/** The `dataset` table's columns, in the order DatasetEntity lists them. */
export const DATASET_COLUMNS = 'id, name, version, target, task, rows, features, classes, builtin, source, createdAt';

/** A `dataset` row as SQLite answers it: JSON as text, the flag as 0/1, the date as its text. */
export interface DatasetRow extends Omit<DatasetEntity, 'features' | 'classes' | 'builtin' | 'createdAt'> {
  features: string;
  classes: string | null;
  builtin: number;
  createdAt: string;
}

/** The entity as TypeORM's SQLite driver hydrated it: simple-json parsed, 0/1 → boolean, the date text read as UTC. */
export function datasetEntityOf(row: DatasetRow): DatasetEntity {
  return {
    ...row,
    features: JSON.parse(row.features) as string[],
    classes: parsedJsonOrNull<string[]>(row.classes),
    builtin: row.builtin !== 0,
    createdAt: sqliteUtcDate(row.createdAt),
  };
}
