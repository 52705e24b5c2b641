import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatasetEntity } from './dataset.entity';
import { References } from '../database/references';

export { DATASET_CHUNK_BYTES } from './dataset-chunks';

/**
 * A piece of a dataset's values, kept in SQLite rather than in loose files. The values are two float64 vectors:
 * `x`, the column-major design matrix (column j at bytes [8·j·rows, 8·(j+1)·rows)), and `y`, the response. Each is
 * stored as consecutive chunks of at most DATASET_CHUNK_BYTES: chunk `byteOffset` holds its vector's bytes
 * [byteOffset, byteOffset + length(bytes)).
 *
 * Why chunks: SQLite and better-sqlite3 each copy a bound BLOB whole, so one 160 MB blob per dataset cost two extra
 * copies of the data at insert and one at read; chunk by chunk the copies are 1 MiB each.
 */
@Entity('dataset_chunk')
export class DatasetChunkEntity {
  @PrimaryColumn('varchar')
  datasetId!: string;

  /** 'x' or 'y'. */
  @PrimaryColumn('varchar')
  vector!: string;

  @PrimaryColumn('integer')
  byteOffset!: number;

  @References(() => DatasetEntity, 'datasetId', 'CASCADE')
  dataset?: DatasetEntity;

  @Column('blob')
  bytes!: Buffer;
}
