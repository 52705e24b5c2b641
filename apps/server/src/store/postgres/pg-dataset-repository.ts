import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DatasetEntity } from '../../datasets/dataset.entity';
import { ChunkComparison, ChunkLoader, chunksOf, type DatasetValues } from '../../datasets/dataset-chunks';
import { datasetRowValues, type NewDataset } from '../../datasets/dataset.repository';
import { selectPage, selectRows, type Queryable } from './pg-queryable';
import type { PageRows } from '../../common/page';

const DATASET_COLUMNS =
  '"id", "name", "version", "target", "task", "rows", "features", "classes", "builtin", "source", "createdAt"';

type DatasetRow = Omit<DatasetEntity, 'features' | 'classes'> & { features: string; classes: string | null };

/**
 * DatasetRepository's methods on PostgreSQL (provided under its token by DatabaseModule). loadValues and hasValues
 * answer with promises here; DatasetsService awaits them. Writes take a transaction-scoped advisory lock on the
 * dataset's name, so two processes uploading the same name get versions n and n+1, not one of them a conflict.
 */
@Injectable()
export class PgDatasetRepository {
  constructor(private readonly db: DataSource) {}

  async list(page: number, pageSize: number): Promise<PageRows<DatasetEntity>> {
    const { rows, total } = await selectPage<DatasetRow>(
      this.db,
      { columns: DATASET_COLUMNS, source: 'dataset', orderBy: '"name" COLLATE "C" ASC, "version" DESC' },
      page,
      pageSize,
    );
    return { items: rows.map(toEntity), total };
  }

  findById(id: string): Promise<DatasetEntity | null> {
    return this.findOne('"id" = $1', [id]);
  }

  findLatestByName(name: string): Promise<DatasetEntity | null> {
    return this.findOne('"name" = $1 ORDER BY "version" DESC', [name]);
  }

  findBuiltin(name: string): Promise<DatasetEntity | null> {
    return this.findOne('"name" = $1 AND "builtin"', [name]);
  }

  async setClasses(id: string, classes: readonly string[]): Promise<void> {
    await this.db.query('UPDATE dataset SET "classes" = $1 WHERE "id" = $2', [JSON.stringify(classes), id]);
  }

  async create(dataset: NewDataset): Promise<DatasetEntity> {
    const id = randomUUID();
    await this.db.transaction((manager) => this.insert(manager, id, dataset));
    return (await this.findById(id)) as DatasetEntity;
  }

  async createBuiltinIfMissing(dataset: NewDataset): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      await lockName(manager, dataset.name);
      const existing = await selectRows(manager, 'SELECT "id" FROM dataset WHERE "name" = $1 AND "builtin"', [
        dataset.name,
      ]);
      if (existing.length > 0) return false;
      await this.insert(manager, randomUUID(), { ...dataset, builtin: true });
      return true;
    });
  }

  /** The stored values, chunk by chunk into one SharedArrayBuffer per vector (see ChunkLoader). */
  async loadValues(dataset: DatasetEntity): Promise<DatasetValues> {
    const loader = new ChunkLoader(dataset);
    for await (const chunk of this.chunks(dataset.id)) loader.add(chunk);
    return loader.values();
  }

  async hasValues(dataset: DatasetEntity, values: DatasetValues): Promise<boolean> {
    const comparison = new ChunkComparison(dataset, values);
    if (!comparison.same) return false;
    for await (const chunk of this.chunks(dataset.id)) if (!comparison.add(chunk)) return false;
    return comparison.matchesAll();
  }

  /** One chunk per query, so a large dataset never sits in memory twice (the rows and the arrays). */
  private async *chunks(datasetId: string) {
    const keys = await selectRows<{ vector: 'x' | 'y'; byteOffset: number }>(
      this.db,
      'SELECT "vector", "byteOffset" FROM dataset_chunk WHERE "datasetId" = $1 ORDER BY "vector", "byteOffset"',
      [datasetId],
    );
    for (const { vector, byteOffset } of keys) {
      const [{ bytes }] = await selectRows<{ bytes: Buffer }>(
        this.db,
        'SELECT "bytes" FROM dataset_chunk WHERE "datasetId" = $1 AND "vector" = $2 AND "byteOffset" = $3',
        [datasetId, vector, byteOffset],
      );
      yield { vector, byteOffset, bytes };
    }
  }

  private async findOne(condition: string, parameters: unknown[]): Promise<DatasetEntity | null> {
    const [row] = await selectRows<DatasetRow>(
      this.db,
      `SELECT ${DATASET_COLUMNS} FROM dataset WHERE ${condition} LIMIT 1`,
      parameters,
    );
    return row ? toEntity(row) : null;
  }

  private async insert(db: Queryable, id: string, dataset: NewDataset): Promise<void> {
    await lockName(db, dataset.name);
    const [{ version }] = await selectRows<{ version: number }>(
      db,
      'SELECT COALESCE(MAX("version"), 0)::int + 1 AS version FROM dataset WHERE "name" = $1',
      [dataset.name],
    );
    await db.query(
      `INSERT INTO dataset (${DATASET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      datasetRowValues(id, version, dataset, dataset.builtin, dataset.createdAt),
    );
    for (const chunk of chunksOf(dataset)) {
      await db.query(
        'INSERT INTO dataset_chunk ("datasetId", "vector", "byteOffset", "bytes") VALUES ($1, $2, $3, $4)',
        [id, chunk.vector, chunk.byteOffset, chunk.bytes],
      );
    }
  }
}

/** Serializes writers of one dataset name until their transaction ends. */
async function lockName(db: Queryable, name: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('regsweep-dataset:' || $1))", [name]);
}

function toEntity(row: DatasetRow): DatasetEntity {
  const classes = row.classes === null ? null : (JSON.parse(row.classes) as string[]);
  return { ...row, features: JSON.parse(row.features) as string[], classes };
}
