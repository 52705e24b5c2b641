import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { DatasetEntity } from './dataset.entity';

/**
 * The values of a dataset, kept in SQLite rather than in loose files:
 * x is the column-major float64 design matrix (column j at bytes [8·j·rows, 8·(j+1)·rows)), y the float64 response.
 */
@Entity('dataset_data')
export class DatasetDataEntity {
  @PrimaryColumn('varchar')
  datasetId!: string;

  @OneToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'datasetId' })
  dataset?: DatasetEntity;

  @Column('blob')
  x!: Buffer;

  @Column('blob')
  y!: Buffer;
}
