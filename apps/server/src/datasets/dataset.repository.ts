import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SqliteStatements, sqliteDate } from '../database/sqlite-statements';
import { ChunkComparison, ChunkLoader, chunksOf, type DatasetValues, type StoredChunk } from './dataset-chunks';
import type { DatasetEntity } from './dataset.entity';
import { DATASET_COLUMNS, datasetEntityOf, type DatasetRow } from './dataset-row';
import type { PageRows } from '../common/page';

export type { DatasetValues } from './dataset-chunks';

/** What describes a dataset, as stored and as the API answers it (DatasetJson adds its id and version). */
export interface DatasetDescription {
  name: string;
  target: string;
  task: string;
  rows: number;
  features: string[];
  /** Class labels in index order (a multiclass target), else null. */
  classes: string[] | null;
  builtin: boolean;
  source: string | null;
  createdAt: Date;
}

/** A dataset to store: its description and its values (x column-major, rows × features.length). */
export interface NewDataset extends DatasetDescription, DatasetValues {}

/**
 * A new dataset version's row for the `dataset` table, in the column order id, name, version, target, task, rows,
 * features, classes, builtin, source, createdAt: features and classes as JSON text, `builtin` and `createdAt` as the
 * driver stores them (SQLite: 0/1 and its date text; PostgreSQL: boolean and timestamptz).
 */
export function datasetRowValues(
  id: string,
  version: number,
  dataset: DatasetDescription,
  builtin: unknown,
  createdAt: unknown,
): unknown[] {
  return [
    id,
    dataset.name,
    version,
    dataset.target,
    dataset.task,
    dataset.rows,
    JSON.stringify(dataset.features),
    dataset.classes ? JSON.stringify(dataset.classes) : null,
    builtin,
    dataset.source,
    createdAt,
  ];
}

/** The SQLite `dataset` and `dataset_chunk` tables, in plain statements (no TypeORM: the CLI's light sweep uses it). */
@Injectable()
export class DatasetRepository {
  constructor(private readonly sqlite: SqliteStatements) {}

  list(page: number, pageSize: number): Promise<PageRows<DatasetEntity>> {
    const { total } = this.sqlite.statement('SELECT COUNT(*) AS total FROM dataset').get() as { total: number };
    const rows = this.sqlite
      .statement(`SELECT ${DATASET_COLUMNS} FROM dataset ORDER BY name ASC, version DESC LIMIT ? OFFSET ?`)
      .all(pageSize, (page - 1) * pageSize) as DatasetRow[];
    return Promise.resolve({ items: rows.map(datasetEntityOf), total });
  }

  findById(id: string): Promise<DatasetEntity | null> {
    return this.one(`SELECT ${DATASET_COLUMNS} FROM dataset WHERE id = ?`, id);
  }

  findLatestByName(name: string): Promise<DatasetEntity | null> {
    return this.one(`SELECT ${DATASET_COLUMNS} FROM dataset WHERE name = ? ORDER BY version DESC LIMIT 1`, name);
  }

  findBuiltin(name: string): Promise<DatasetEntity | null> {
    return this.one(`SELECT ${DATASET_COLUMNS} FROM dataset WHERE name = ? AND builtin = 1 LIMIT 1`, name);
  }

  /** Labels for a dataset stored before its class labels were kept (y already holds their indices). */
  async setClasses(id: string, classes: readonly string[]): Promise<void> {
    this.sqlite.statement('UPDATE dataset SET classes = ? WHERE id = ?').run(JSON.stringify(classes), id);
  }

  private one(sql: string, parameter: string): Promise<DatasetEntity | null> {
    const row = this.sqlite.statement(sql).get(parameter) as DatasetRow | undefined;
    return Promise.resolve(row ? datasetEntityOf(row) : null);
  }

  /**
   * Stores a dataset as the next version of its name (1 for a new name). The version is read and both rows are
   * written in one synchronous transaction, so two uploads of the same name cannot get the same version.
   */
  async create(dataset: NewDataset): Promise<DatasetEntity> {
    const id = randomUUID();
    this.sqlite.transaction(() => this.insert(id, dataset));
    return (await this.findById(id)) as DatasetEntity;
  }

  /** Stores a built-in dataset unless one of that name is already stored (checked inside the transaction). */
  async createBuiltinIfMissing(dataset: NewDataset): Promise<boolean> {
    const id = randomUUID();
    return this.sqlite.transaction(() => {
      const existing = this.sqlite.statement('SELECT id FROM dataset WHERE name = ? AND builtin = 1').all(dataset.name);
      if (existing.length > 0) return false;
      this.insert(id, { ...dataset, builtin: true });
      return true;
    });
  }

  /** The stored values, read chunk by chunk into one SharedArrayBuffer per vector (see ChunkLoader). */
  loadValues(dataset: DatasetEntity): DatasetValues {
    const loader = new ChunkLoader(dataset);
    for (const chunk of this.chunks(dataset.id)) loader.add(chunk);
    return loader.values();
  }

  /** Whether the stored values are exactly `values` (byte for byte), compared chunk by chunk without loading them. */
  hasValues(dataset: DatasetEntity, values: DatasetValues): boolean {
    const comparison = new ChunkComparison(dataset, values);
    if (!comparison.same) return false;
    for (const chunk of this.chunks(dataset.id)) if (!comparison.add(chunk)) return false;
    return comparison.matchesAll();
  }

  private chunks(datasetId: string): IterableIterator<StoredChunk> {
    const select = this.sqlite.statement('SELECT vector, byteOffset, bytes FROM dataset_chunk WHERE datasetId = ?');
    return select.iterate(datasetId) as IterableIterator<StoredChunk>;
  }

  private insert(id: string, dataset: NewDataset): void {
    const latest = this.sqlite
      .statement('SELECT MAX(version) AS version FROM dataset WHERE name = ?')
      .all(dataset.name);
    const version = ((latest[0] as { version: number | null }).version ?? 0) + 1;
    this.sqlite
      .statement(
        'INSERT INTO dataset (id, name, version, target, task, rows, features, classes, builtin, source, createdAt) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(...datasetRowValues(id, version, dataset, dataset.builtin ? 1 : 0, sqliteDate(dataset.createdAt)));
    // Chunk by chunk: SQLite and better-sqlite3 copy each bound BLOB, so the copies stay 1 MiB each.
    const insertChunk = this.sqlite.statement(
      'INSERT INTO dataset_chunk (datasetId, vector, byteOffset, bytes) VALUES (?, ?, ?, ?)',
    );
    for (const chunk of chunksOf(dataset)) insertChunk.run(id, chunk.vector, chunk.byteOffset, chunk.bytes);
  }
}
