/**
 * `regsweep datasets` on a SQLite file whose schema is current and whose built-ins are stored: one query with
 * better-sqlite3, no TypeORM or Nest. Otherwise undefined, and the caller opens the server, which migrates the file
 * and stores the built-ins, then lists. The rows are hydrated as TypeORM hydrates DatasetEntity, so both paths
 * answer the same JSON (test/datasets-lean-list.e2e-spec.ts compares them).
 */
import { BUILTIN_DATASETS } from '@regsweep/datasets';
import { openCurrentSqlite, type SqliteFile } from '../database/current-sqlite';
import { toDatasetJson, type DatasetJson } from './dataset-json';
import { DATASET_COLUMNS, datasetEntityOf, type DatasetRow } from './dataset-row';

/** The first `limit` datasets in the API's order (name, then newest version first), or undefined (see above). */
export function readStoredDatasets(dbPath: string, limit: number): DatasetJson[] | undefined {
  const db = openCurrentSqlite(dbPath);
  if (!db) return undefined;
  try {
    if (!builtinsStored(db)) return undefined;
    const rows = db
      .prepare(`SELECT ${DATASET_COLUMNS} FROM dataset ORDER BY name ASC, version DESC LIMIT ?`)
      .all(limit) as DatasetRow[];
    return rows.map((row) => toDatasetJson(datasetEntityOf(row)));
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
