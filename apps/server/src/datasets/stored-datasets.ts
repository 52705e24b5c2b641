/**
 * `regsweep datasets` on a SQLite file whose schema is current and whose built-ins are stored: one query with
 * better-sqlite3, no TypeORM or Nest. Otherwise undefined, and the caller opens the server, which migrates the file
 * and stores the built-ins, then lists. The rows are hydrated as TypeORM hydrates DatasetEntity, so both paths
 * answer the same JSON (test/datasets-lean-list.e2e-spec.ts compares them).
 */
import { BUILTIN_DATASETS } from '@regsweep/datasets';
import { openCurrentSqlite, type SqliteFile } from '../database/current-sqlite';
import { toDatasetJson, type DatasetJson } from './dataset-json';
import type { DatasetEntity } from './dataset.entity';

interface DatasetRow extends Omit<DatasetEntity, 'features' | 'classes' | 'builtin' | 'createdAt'> {
  features: string;
  classes: string | null;
  builtin: number;
  createdAt: string;
}

/** The first `limit` datasets in the API's order (name, then newest version first), or undefined (see above). */
export function readStoredDatasets(dbPath: string, limit: number): DatasetJson[] | undefined {
  const db = openCurrentSqlite(dbPath);
  if (!db) return undefined;
  try {
    if (!builtinsStored(db)) return undefined;
    const rows = db
      .prepare(
        'SELECT id, name, version, target, task, rows, features, classes, builtin, source, createdAt FROM dataset ' +
          'ORDER BY name ASC, version DESC LIMIT ?',
      )
      .all(limit) as DatasetRow[];
    return rows.map((row) => toDatasetJson(hydrated(row)));
  } finally {
    db.close();
  }
}

/** Whether registerBuiltins would leave the file as it is: each built-in stored, a multiclass one with its labels. */
function builtinsStored(db: SqliteFile): boolean {
  const rows = db.prepare('SELECT name, classes IS NOT NULL AS labelled FROM dataset WHERE builtin = 1').all() as {
    name: string;
    labelled: number;
  }[];
  return BUILTIN_DATASETS.every((builtin) =>
    rows.some((row) => row.name === builtin.name && (row.labelled === 1 || builtin.task !== 'multiclass')),
  );
}

/** TypeORM's SQLite hydration: simple-json parsed, 0/1 → boolean, a UTC datetime text → Date. */
function hydrated(row: DatasetRow): DatasetEntity {
  return {
    ...row,
    features: JSON.parse(row.features) as string[],
    classes: row.classes === null ? null : (JSON.parse(row.classes) as string[]),
    builtin: row.builtin !== 0,
    createdAt: sqliteUtcDate(row.createdAt),
  };
}

/** "2026-12-04 12:36:49.145" (written by sqliteDate, UTC without a zone) → that instant, as TypeORM reads it back. */
function sqliteUtcDate(text: string): Date {
  let iso = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(text) ? text.replace(' ', 'T') : text;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(iso)) iso += 'Z';
  return new Date(iso);
}
