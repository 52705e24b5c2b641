import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { SqliteService, sqliteDate } from '../database/sqlite.service';
import { DatasetDataEntity } from './dataset-data.entity';
import { DatasetEntity } from './dataset.entity';

/** A dataset to store: its description and its values (x column-major, rows × features.length). */
export interface NewDataset {
  name: string;
  target: string;
  task: string;
  rows: number;
  features: string[];
  builtin: boolean;
  source: string | null;
  createdAt: Date;
  x: Float64Array;
  y: Float64Array;
}

export interface DatasetValues {
  x: Float64Array;
  y: Float64Array;
}

@Injectable()
export class DatasetRepository {
  constructor(
    @InjectRepository(DatasetEntity) private readonly datasets: Repository<DatasetEntity>,
    @InjectRepository(DatasetDataEntity) private readonly values: Repository<DatasetDataEntity>,
    private readonly sqlite: SqliteService,
  ) {}

  async list(page: number, pageSize: number): Promise<{ items: DatasetEntity[]; total: number }> {
    const [items, total] = await this.datasets.findAndCount({
      order: { name: 'ASC', version: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  findById(id: string): Promise<DatasetEntity | null> {
    return this.datasets.findOneBy({ id });
  }

  findLatestByName(name: string): Promise<DatasetEntity | null> {
    return this.datasets.findOne({ where: { name }, order: { version: 'DESC' } });
  }

  findBuiltin(name: string): Promise<DatasetEntity | null> {
    return this.datasets.findOneBy({ name, builtin: true });
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

  async loadValues(datasetId: string): Promise<DatasetValues | null> {
    const row = await this.values.findOneBy({ datasetId });
    return row ? { x: bufferToFloat64(row.x), y: bufferToFloat64(row.y) } : null;
  }

  private insert(id: string, dataset: NewDataset): void {
    const latest = this.sqlite
      .statement('SELECT MAX(version) AS version FROM dataset WHERE name = ?')
      .all(dataset.name);
    const version = ((latest[0] as { version: number | null }).version ?? 0) + 1;
    this.sqlite
      .statement(
        'INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        dataset.name,
        version,
        dataset.target,
        dataset.task,
        dataset.rows,
        JSON.stringify(dataset.features),
        dataset.builtin ? 1 : 0,
        dataset.source,
        sqliteDate(dataset.createdAt),
      );
    this.sqlite
      .statement('INSERT INTO dataset_data (datasetId, x, y) VALUES (?, ?, ?)')
      .run(id, float64ToBuffer(dataset.x), float64ToBuffer(dataset.y));
  }
}

function float64ToBuffer(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Copies, because a BLOB's bytes need not sit at an 8-byte-aligned offset. */
function bufferToFloat64(buffer: Buffer): Float64Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float64Array(copy.buffer);
}
